import { expandBraces } from './expandBraces.js';

const globMagic = /[*?[\]{}]/;

/**
 * The top-level folders a `main` glob reaches into, e.g. `dist` for `dist/src/functions/*.js`: a change anywhere in
 * them (a function file, or a module it imports) means a rebuild happened. Files directly in the app folder are
 * watched on their own.
 */
export function watchRoots(mainPattern: string): string[] {
  const roots = new Set<string>();
  for (const pattern of expandBraces(mainPattern.replace(/^(\.\/)+/, ''))) {
    const segments = pattern.split('/').filter((segment) => segment !== '' && segment !== '.');
    const [first, ...others] = segments;
    if (first !== undefined && others.length > 0 && !globMagic.test(first) && first !== '..' && !pattern.startsWith('/')) {
      roots.add(first);
    }
  }
  return [...roots];
}
