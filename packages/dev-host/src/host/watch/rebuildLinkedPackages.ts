import { spawn } from 'node:child_process';
import path from 'node:path';
import { watch } from 'chokidar';
import type { Logger } from '../../app/logging/createLogger.js';
import type { LinkedPackage } from './linkedPackages.js';

export interface PackageRebuilder {
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

/** `pnpm run build` when azfx runs under pnpm (npm_execpath), else the package manager that started it, else npm. */
function buildCommand(): { command: string; args: string[] } {
  const execPath = process.env.npm_execpath;
  if (execPath !== undefined && execPath !== '' && /\.(c|m)?js$/.test(execPath)) {
    return { command: process.execPath, args: [execPath, 'run', 'build'] };
  }
  return { command: process.platform === 'win32' ? 'npm.cmd' : 'npm', args: ['run', 'build'] };
}

function runBuild(pkg: LinkedPackage, logger: Logger): Promise<boolean> {
  const { command, args } = buildCommand();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: pkg.dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.once('error', (error) => {
      logger.host('error', `Could not run the build of ${pkg.name}: ${error.message}`);
      resolve(false);
    });
    child.once('close', (code) => {
      if (code !== 0) {
        logger.host('error', `The build of ${pkg.name} failed (exit code ${String(code)}); the app keeps its previous build.\n${output.trim()}`);
      }
      resolve(code === 0);
    });
  });
}

/**
 * `--watch` for the packages an app links from source: a saved file under a linked package's `src/` (tests
 * excepted) rebuilds that package (its own `build` script, dependencies first) and then reloads the app, through
 * `reloadAfter`, which holds requests until the reload is done: none sees a half-written build, and the next one is
 * served by the new code. Saves during a build cause one more round.
 */
export function rebuildLinkedPackages(
  packages: readonly LinkedPackage[],
  logger: Logger,
  reloadAfter: (work: () => Promise<boolean>) => Promise<void>,
  debounceMs = 200,
): PackageRebuilder {
  const dirty = new Set<LinkedPackage>();
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<void> = Promise.resolve();
  let closed = false;
  const byDir = packages.map((pkg) => ({ pkg, src: path.join(pkg.dir, 'src') + path.sep }));
  const watcher = watch(
    packages.map((pkg) => path.join(pkg.dir, 'src')),
    { ignoreInitial: true, ignored: (file) => /\.test(-d)?\.[cm]?[jt]s$/.test(file) || file.split(path.sep).includes('node_modules') },
  );
  const runRound = (): void => {
    round = round.then(async () => {
      if (dirty.size === 0 || closed) {
        return;
      }
      const changed = packages.filter((pkg) => dirty.has(pkg));
      dirty.clear();
      await reloadAfter(async () => {
        for (const pkg of changed) {
          const started = Date.now();
          logger.host('information', `${pkg.name} changed: rebuilding it, then reloading the app (requests wait).`);
          if (!(await runBuild(pkg, logger))) {
            return false;
          }
          logger.host('information', `Rebuilt ${pkg.name} in ${Date.now() - started} ms.`);
        }
        return true;
      });
    });
  };
  watcher.on('all', (_event, file) => {
    const owner = byDir.find(({ src }) => file.startsWith(src));
    if (!owner || closed) {
      return;
    }
    dirty.add(owner.pkg);
    clearTimeout(timer);
    timer = setTimeout(runRound, debounceMs);
  });
  watcher.on('error', () => undefined);
  const ready = new Promise<void>((resolve) => watcher.once('ready', resolve));
  return {
    ready,
    async close() {
      closed = true;
      clearTimeout(timer);
      await ready;
      await watcher.close();
    },
  };
}
