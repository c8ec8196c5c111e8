import { describe, expect, it } from 'vitest';
import { platformUserDataDir, resolveDataDir } from '../../../electron/core/store/data-dir';

describe('resolveDataDir', () => {
  const home = '/home/ada';

  it('prefers --data-dir, then MOBIUS_DATA_DIR, then the platform folder', () => {
    const env = { MOBIUS_DATA_DIR: '/env/dir' };
    expect(resolveDataDir({ flag: '/flag/dir', env, platform: 'linux', homedir: home })).toBe('/flag/dir');
    expect(resolveDataDir({ env, platform: 'linux', homedir: home })).toBe('/env/dir');
    expect(resolveDataDir({ env: {}, platform: 'linux', homedir: home })).toBe('/home/ada/.config/Mobius');
  });

  it('ignores empty values and makes relative paths absolute', () => {
    expect(resolveDataDir({ flag: '', env: { MOBIUS_DATA_DIR: '  ' }, platform: 'linux', homedir: home })).toBe(
      '/home/ada/.config/Mobius',
    );
    expect(resolveDataDir({ flag: 'lib', env: {}, platform: 'linux', homedir: home })).toBe(`${process.cwd()}/lib`);
  });

  it('matches Electron userData for productName Mobius on every platform', () => {
    expect(platformUserDataDir('linux', { XDG_CONFIG_HOME: '/xdg' }, home)).toBe('/xdg/Mobius');
    expect(platformUserDataDir('linux', {}, home)).toBe('/home/ada/.config/Mobius');
    expect(platformUserDataDir('darwin', {}, '/Users/ada')).toBe('/Users/ada/Library/Application Support/Mobius');
    expect(platformUserDataDir('win32', { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'C:\\Users\\ada')).toBe(
      'C:\\Users\\ada\\AppData\\Roaming\\Mobius',
    );
    expect(platformUserDataDir('win32', {}, 'C:\\Users\\ada')).toBe('C:\\Users\\ada\\AppData\\Roaming\\Mobius');
  });
});
