// @ts-check
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { UsageError } from './usage-error.mjs';

/**
 * Directories that hold what tools produce or download, never what people write: a rename must not touch them and
 * the generator must not count them as packages.
 */
const GENERATED_DIRECTORIES = new Set(['.git', 'node_modules', 'dist', '.turbo', 'reports', 'coverage']);

/**
 * The workspace root is the nearest directory holding pnpm-workspace.yaml, so the scripts work from any folder of
 * the repository (pnpm runs root scripts from the root, but people also call the files directly).
 * @param {string} from
 * @returns {string}
 */
export function findWorkspaceRoot(from) {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    if (dirname(dir) === dir) {
      throw new UsageError(`No pnpm-workspace.yaml in ${from} or any folder above it: run this inside the azfx repository.`);
    }
  }
}

/**
 * @param {string} path
 * @returns {unknown}
 */
export function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/**
 * The package.json files of the folders directly under `packages/` (the published packages and nothing else).
 * @param {string} root
 * @returns {{ dir: string, manifest: Record<string, unknown> }[]}
 */
export function listPackages(root) {
  const packagesDir = join(root, 'packages');
  if (!existsSync(packagesDir)) return [];
  return readdirSync(packagesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(packagesDir, entry.name, 'package.json')))
    .map((entry) => {
      const dir = join(packagesDir, entry.name);
      const manifest = /** @type {Record<string, unknown>} */ (readJson(join(dir, 'package.json')));
      return { dir, manifest };
    });
}

/**
 * Every file a person maintains, as paths relative to `root` with `/` separators, in a stable order. Generated
 * folders are skipped by name rather than by reading .gitignore: the scripts must also work on a copy without git.
 * @param {string} root
 * @returns {string[]}
 */
export function listSourceFiles(root) {
  /** @type {string[]} */
  const files = [];
  /** @param {string} dir */
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!GENERATED_DIRECTORIES.has(entry.name)) walk(path);
      } else if (entry.isFile()) {
        files.push(relative(root, path).split(sep).join('/'));
      }
    }
  };
  walk(root);
  // Plain code-unit order, not the locale's: the same tree lists the same way on every machine.
  return files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
