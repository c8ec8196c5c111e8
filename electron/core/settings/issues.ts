import type { z } from 'zod';

export interface SettingsIssue {
  /** Dotted path, e.g. `compliance_threshold` or `prices.gemini-x.per_image`. */
  field: string;
  code: string;
  /** Plain-words rule, without the offending value (it could be anything the user pasted). */
  message: string;
}

const ZOD_DEFAULT_MESSAGE = /^(Invalid|Too (small|big)|Unrecognized key)/;

function unit(field: string): string {
  return field.endsWith('_ms') ? ' ms' : '';
}

function plainRule(issue: z.core.$ZodIssue, field: string): string {
  // Messages written in the schema are already plain words; keep them.
  if (!ZOD_DEFAULT_MESSAGE.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'too_small': {
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'cannot be empty' : `must be at least ${issue.minimum} characters`;
      return `must be ${issue.inclusive ? 'at least' : 'more than'} ${issue.minimum}${unit(field)}`;
    }
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${issue.maximum} characters`;
      return `must be ${issue.inclusive ? 'at most' : 'less than'} ${issue.maximum}${unit(field)}`;
    case 'invalid_type': {
      const expected = String(issue.expected);
      if (expected === 'int') return 'must be a whole number';
      if (expected === 'number') return 'must be a number';
      if (expected === 'string') return 'must be text';
      if (expected === 'object' || expected === 'record') return 'must be a group of values';
      return `must be a ${expected}`;
    }
    case 'invalid_format':
      return issue.format === 'url' ? 'must be an http(s) URL' : `is not in the expected format (${issue.format})`;
    case 'unrecognized_keys':
      return `${issue.keys.map((k) => `"${k}"`).join(', ')} ${issue.keys.length === 1 ? 'is not a setting' : 'are not settings'} Mobius knows`;
    default:
      return issue.message;
  }
}

export function describeIssues(issues: readonly z.core.$ZodIssue[]): SettingsIssue[] {
  return issues.map((issue) => {
    const field = issue.path.map(String).join('.');
    return { field, code: issue.code, message: plainRule(issue, field) };
  });
}

/** One sentence per bad field, naming the field unless the rule already does. */
export function formatIssues(issues: readonly SettingsIssue[]): string {
  // One rule per field is enough to fix it; the full list stays in details.issues.
  const firstPerField = issues.filter((issue, i) => !issue.field || issues.findIndex((other) => other.field === issue.field) === i);
  const sentences = firstPerField.map(({ field, message }) => {
    const sentence = message.endsWith('.') ? message : `${message}.`;
    if (!field || message.startsWith(field)) return sentence;
    // Generated rules read as a continuation ("must be at least 1"); schema messages stand alone.
    return /^(must|cannot|is|are|looks) /.test(message) ? `${field} ${sentence}` : `${field}: ${sentence}`;
  });
  return `Settings not saved. ${sentences.join(' ')}`;
}
