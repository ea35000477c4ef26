/**
 * Checks on a request body that must run before anything walks it: JSON nesting depth (a login
 * body nested 10,000 deep used to end in a 500) and NUL characters (PostgreSQL text cannot hold
 * U+0000). Both are iterative, so no input can exhaust the stack.
 */

/** JSON bodies nest at most this deep; the API's deepest schema needs 4. */
export const MAX_JSON_DEPTH = 32;

/** True when the JSON text opens more than `max` arrays/objects at once (brackets in strings do not count). */
export function jsonTooDeep(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > max) return true;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) depth--;
  }
  return false;
}

/** The path of the first string holding U+0000 inside a request part, or null (depth-first, no recursion). */
export function nulPath(value: unknown, root: string): string | null {
  const stack: Array<[unknown, string]> = [[value, root]];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return path;
    } else if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) stack.push([entries[i]![1], `${path}.${entries[i]![0]}`]);
    }
  }
  return null;
}
