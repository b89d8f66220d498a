import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * The files that package.json `main` matches, relative to the app folder, in the order the worker loads them.
 * The worker globs with fast-glob, which does not sort: it walks directories in the order the file system lists
 * them. We do the same (breadth first, readdir order), so load order — and with it hook registration order — is
 * what the worker produces on this machine. Like fast-glob: files only, dot entries only when the pattern names
 * them, `**` for any depth, `*`, `?`, `[...]` and `{a,b}`.
 */
export async function expandMainGlob(appDir: string, pattern: string): Promise<string[]> {
  const found = new Set<string>();
  for (const expanded of expandBraces(pattern.replace(/^(\.\/)+/, ''))) {
    for (const file of await matchPattern(appDir, expanded)) {
      found.add(file);
    }
  }
  return [...found];
}

type Segment = { kind: 'globstar' } | { kind: 'name'; regex: RegExp; allowsDot: boolean };

async function matchPattern(appDir: string, pattern: string): Promise<string[]> {
  const isAbsolute = pattern.startsWith('/');
  const root = isAbsolute ? '/' : appDir;
  const segments = pattern.split('/').filter((segment) => segment !== '' && segment !== '.').map(toSegment);
  if (segments.length === 0) {
    return [];
  }
  const matches: string[] = [];
  const seen = new Set<string>();
  const queue: { dir: string; index: number }[] = [{ dir: '', index: 0 }];
  while (queue.length > 0) {
    const { dir, index } = queue.shift() as { dir: string; index: number };
    const visitKey = `${dir}\0${index}`;
    if (seen.has(visitKey)) {
      continue;
    }
    seen.add(visitKey);
    const segment = segments[index];
    if (segment === undefined) {
      continue;
    }
    const isLast = index === segments.length - 1;
    const entries = await listDirectory(path.join(root, dir));
    if (segment.kind === 'globstar') {
      // `**` matches zero directories (try the next segment here) or one more (stay on `**` one level down).
      if (!isLast) {
        queue.push({ dir, index: index + 1 });
      }
      for (const entry of entries) {
        if (entry.name.startsWith('.')) {
          continue;
        }
        const relative = joinRelative(dir, entry.name);
        const kind = await kindOf(root, relative, entry);
        if (kind === 'directory') {
          queue.push({ dir: relative, index });
        } else if (kind === 'file' && isLast) {
          matches.push(relative);
        }
      }
      continue;
    }
    for (const entry of entries) {
      if ((entry.name.startsWith('.') && !segment.allowsDot) || !segment.regex.test(entry.name)) {
        continue;
      }
      const relative = joinRelative(dir, entry.name);
      const kind = await kindOf(root, relative, entry);
      if (isLast && kind === 'file') {
        matches.push(relative);
      } else if (!isLast && kind === 'directory') {
        queue.push({ dir: relative, index: index + 1 });
      }
    }
  }
  return isAbsolute ? matches.map((match) => `/${match}`) : matches;
}

function joinRelative(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

async function listDirectory(dir: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

async function kindOf(root: string, relative: string, entry: Dirent): Promise<'file' | 'directory' | 'other'> {
  if (entry.isFile()) {
    return 'file';
  }
  if (entry.isDirectory()) {
    return 'directory';
  }
  if (entry.isSymbolicLink()) {
    const target = await stat(path.join(root, relative)).catch(() => undefined);
    if (target?.isFile()) {
      return 'file';
    }
    if (target?.isDirectory()) {
      return 'directory';
    }
  }
  return 'other';
}

function toSegment(segment: string): Segment {
  if (segment === '**') {
    return { kind: 'globstar' };
  }
  return { kind: 'name', regex: new RegExp(`^${segmentToRegexSource(segment)}$`), allowsDot: segment.startsWith('.') };
}

function segmentToRegexSource(segment: string): string {
  let source = '';
  for (let index = 0; index < segment.length; index++) {
    const char = segment.charAt(index);
    if (char === '*') {
      source += '[^/]*';
    } else if (char === '?') {
      source += '[^/]';
    } else if (char === '[') {
      const end = segment.indexOf(']', index + 2);
      if (end === -1) {
        source += '\\[';
      } else {
        const body = segment.slice(index + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\');
        source += `[${body}]`;
        index = end;
      }
    } else if (char === '\\' && index + 1 < segment.length) {
      index++;
      source += escapeRegex(segment.charAt(index));
    } else {
      source += escapeRegex(char);
    }
  }
  return source;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

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
