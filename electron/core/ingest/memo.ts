/**
 * Memoise a pure function of a string. Extraction asks about the same lines many times (values,
 * labels, headings, prose); the cache is cleared when it grows past `limit` so a huge document
 * cannot hold memory forever.
 */
export function memoByString<T>(fn: (text: string) => T, limit = 20_000): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    let out = cache.get(text);
    if (out === undefined && !cache.has(text)) {
      if (cache.size > limit) cache.clear();
      out = fn(text);
      cache.set(text, out);
    }
    return out as T;
  };
}
