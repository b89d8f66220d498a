/** `a/{b,c}/*.js` → `a/b/*.js`, `a/c/*.js` (nested braces too); a brace without a comma stays literal. */
export function expandBraces(pattern: string): string[] {
  const open = findExpandableBrace(pattern);
  if (open === undefined) {
    return [pattern];
  }
  const { start, end, alternatives } = open;
  const prefix = pattern.slice(0, start);
  const suffix = pattern.slice(end + 1);
  return alternatives.flatMap((alternative) => expandBraces(`${prefix}${alternative}${suffix}`));
}

function findExpandableBrace(pattern: string): { start: number; end: number; alternatives: string[] } | undefined {
  for (let start = pattern.indexOf('{'); start !== -1; start = pattern.indexOf('{', start + 1)) {
    let depth = 0;
    const commas: number[] = [];
    for (let index = start; index < pattern.length; index++) {
      const char = pattern[index];
      if (char === '{') {
        depth++;
      } else if (char === '}') {
        depth--;
        if (depth === 0) {
          if (commas.length === 0) {
            break;
          }
          const bounds = [start, ...commas, index];
          const alternatives = bounds.slice(1).map((bound, i) => pattern.slice((bounds[i] ?? start) + 1, bound));
          return { start, end: index, alternatives };
        }
      } else if (char === ',' && depth === 1) {
        commas.push(index);
      }
    }
  }
  return undefined;
}
