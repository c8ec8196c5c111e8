import { isSettingKey, parseSettingInput, SETTING_KEYS, type SettingKey } from '../../settings';
import type { SettingsPatch } from '../../../../shared/schema';
import type { CliContext } from '../context';
import { table } from '../format';
import { UsageError, type Output } from '../io';

function show(ctx: CliContext, out: Output): void {
  const { settings, warnings, overrides } = ctx.settings().load();
  for (const w of warnings) out.note(`warning: ${w.message}`);
  out.result(settings, () =>
    table(
      ['SETTING', 'VALUE'],
      SETTING_KEYS.filter((k) => k !== 'prices').map((k) => [k, `${JSON.stringify(settings[k])}${overrides.includes(k) ? '  (from environment)' : ''}`]),
    ),
  );
}

export function settingsCommand(ctx: CliContext, out: Output, args: string[]): void {
  const [action = 'show', ...rest] = args;
  switch (action) {
    case 'show':
      show(ctx, out);
      return;
    case 'set': {
      if (rest.length === 0) throw new UsageError('Usage: mobius settings set <key>=<value> …');
      const patch: Record<string, unknown> = {};
      for (const pair of rest) {
        const eq = pair.indexOf('=');
        const key = eq > 0 ? pair.slice(0, eq) : '';
        if (!isSettingKey(key)) throw new UsageError(`Unknown setting "${eq > 0 ? key : pair}". Settings: ${SETTING_KEYS.join(', ')}.`);
        patch[key] = parseSettingInput(key, pair.slice(eq + 1));
      }
      ctx.settings().update(patch as SettingsPatch);
      show(ctx, out);
      return;
    }
    case 'reset': {
      const keys = rest.length === 0 ? SETTING_KEYS : rest;
      for (const key of keys) if (!isSettingKey(key)) throw new UsageError(`Unknown setting "${key}".`);
      ctx.settings().reset(keys as SettingKey[]);
      show(ctx, out);
      return;
    }
    default:
      throw new UsageError(`Unknown settings action "${action}". Use: mobius settings [show|set k=v …|reset [k …]]`);
  }
}
