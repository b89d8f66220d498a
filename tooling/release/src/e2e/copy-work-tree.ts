import { cp, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { runCommand } from '../run-command.js';

/**
 * Copies the repository as a fresh clone of the work tree would have it: every file git tracks or would track
 * (uncommitted changes included, ignored files left out), plus the built `dist/` of each package to publish,
 * because a release publishes what the build made. The copy is a new git repository with one commit, so that
 * changesets can read commits the way it does in CI; the real repository is only read.
 */
export async function copyWorkTree(repoRoot: string, destination: string, builtPackageDirs: readonly string[]): Promise<void> {
  const { stdout } = await runCommand('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    cwd: repoRoot,
  });
  const files = stdout.split('\0').filter((file) => file !== '');
  for (const file of files) {
    const from = path.join(repoRoot, file);
    const exists = await stat(from).then((info) => info.isFile(), () => false);
    if (!exists) continue; // deleted in the work tree but not yet in the index
    await mkdir(path.dirname(path.join(destination, file)), { recursive: true });
    await cp(from, path.join(destination, file), { preserveTimestamps: true });
  }

  for (const packageDir of builtPackageDirs) {
    const dist = path.join(packageDir, 'dist');
    const built = await stat(dist).then((info) => info.isDirectory(), () => false);
    if (!built) throw new Error(`${dist} does not exist: build the packages first (\`pnpm build\`).`);
    await cp(dist, path.join(destination, path.relative(repoRoot, dist)), { recursive: true });
  }
}

/** Makes `dir` a git repository whose one commit holds everything in it (what .gitignore allows). */
export async function commitEverything(dir: string, message: string): Promise<void> {
  const git = (...args: string[]) =>
    runCommand('git', ['-c', 'user.name=azfx e2e', '-c', 'user.email=e2e@azfx.invalid', ...args], { cwd: dir });
  await git('init', '--quiet', '--initial-branch=main');
  await git('add', '--all');
  await git('commit', '--quiet', '--no-verify', '--message', message);
}
