// The `regex(...)` route constraint is a .NET regular expression, run case-insensitively and unanchored. JavaScript
// reads almost all of it the same way; the anchors are where the two differ in ways a route author would notice.

/**
 * Rewrites the .NET-only anchors of `pattern` into JavaScript: `\A` (start), `\z` (very end), `\Z` and an unescaped
 * `$` (end, or just before a final newline, as .NET defines it). A `]` that opens a character class is a literal
 * in .NET and becomes an escaped one. Everything else is passed through.
 */
export function translateDotnetRegex(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern.charAt(i);
    if (ch === '\\') {
      const next = pattern.charAt(i + 1);
      i++;
      if (!inClass && next === 'A') out += '^';
      else if (!inClass && next === 'z') out += '$';
      else if (!inClass && next === 'Z') out += '(?=\\n?$)';
      else out += ch + next;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      out += ch;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      out += ch;
      if (pattern.charAt(i + 1) === '^') {
        out += '^';
        i++;
      }
      if (pattern.charAt(i + 1) === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    out += ch === '$' ? '(?=\\n?$)' : ch;
  }
  return out;
}

/**
 * Compiles a `regex(...)` constraint the way ASP.NET Core runs it: case-insensitive, not anchored (authors anchor
 * with `^` and `$` themselves). Throws a SyntaxError when JavaScript cannot run the pattern.
 */
export function compileDotnetRegex(pattern: string): RegExp {
  const translated = translateDotnetRegex(pattern);
  // Unicode categories (\p{L}, \P{Nd}) only mean something to JavaScript in unicode mode; without it '\p' would
  // silently be the letter p. Other patterns keep the lenient mode, which reads .NET's escapes more like .NET.
  return new RegExp(translated, /\\[pP]\{/.test(translated) ? 'iu' : 'i');
}
