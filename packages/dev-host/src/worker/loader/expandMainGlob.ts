import globby from 'globby';

/**
 * The files that package.json `main` matches, relative to the app folder, in the order the worker loads them. The
 * worker expands `main` with globby 11 (`globby(main, { cwd: appDir })`); we call the same library the same way, so
 * what matches, and in which order, is the worker's by construction.
 */
export async function expandMainGlob(appDir: string, pattern: string): Promise<string[]> {
  return globby(pattern, { cwd: appDir });
}
