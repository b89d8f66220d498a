import { execFile } from 'node:child_process';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const repositoryRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** The packages we publish, by folder. */
export const publishedPackages = /** @type {const} */ ([
  'packages/extension-core',
  'packages/extension-timer',
  'packages/extension-opentelemetry',
  'packages/dev-host',
]);

/**
 * @typedef {object} PackageCost
 * @property {string} name
 * @property {number} packedBytes the .tgz npm would publish
 * @property {number} unpackedBytes its files once installed
 * @property {number} files
 * @property {string[]} dependencies runtime dependencies (installed with it)
 * @property {string[]} peerDependencies what the app already has (not counted)
 * @property {number} installedBytes the package and every runtime dependency, transitively (peers excluded)
 * @property {number} installedPackages how many packages that is, itself included
 */

/** @typedef {{ name: string; dependencies: Record<string, string>; peerDependencies: Record<string, string> }} Manifest */

/**
 * @param {string} directory
 * @returns {Promise<Manifest>}
 */
async function readManifest(directory) {
  const parsed = /** @type {Partial<Manifest>} */ (JSON.parse(await readFile(path.join(directory, 'package.json'), 'utf8')));
  return { name: parsed.name ?? directory, dependencies: parsed.dependencies ?? {}, peerDependencies: parsed.peerDependencies ?? {} };
}

/**
 * What `npm pack` would publish from a folder (its `files` and ignore rules), without writing a tarball.
 * @param {string} directory
 * @returns {Promise<{ packedBytes: number; unpackedBytes: number; files: number }>}
 */
function packedSize(directory) {
  let packed = packCache.get(directory);
  if (packed === undefined) {
    packed = pack(directory);
    packCache.set(directory, packed);
  }
  return packed;
}

/** @type {Map<string, Promise<{ packedBytes: number; unpackedBytes: number; files: number }>>} */
const packCache = new Map();

/**
 * @param {string} directory
 * @returns {Promise<{ packedBytes: number; unpackedBytes: number; files: number }>}
 */
async function pack(directory) {
  const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: directory });
  const [report] = /** @type {{ size: number; unpackedSize: number; entryCount: number }[]} */ (JSON.parse(stdout));
  if (report === undefined) throw new Error(`npm pack --dry-run reported nothing for ${directory}.`);
  return { packedBytes: report.size, unpackedBytes: report.unpackedSize, files: report.entryCount };
}

/**
 * Bytes of a folder's files, without nested node_modules (an installed third-party package's own content).
 * @param {string} directory
 * @returns {Promise<number>}
 */
async function folderBytes(directory) {
  let total = 0;
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) total += await folderBytes(full);
    else if (entry.isFile()) total += (await stat(full)).size;
  }
  return total;
}

/**
 * Where Node would find `name` from `directory` (the workspace's installed copy).
 * @param {string} directory
 * @param {string} name
 * @returns {Promise<string>}
 */
async function findInstalled(directory, name) {
  for (let current = directory; ; current = path.dirname(current)) {
    const candidate = path.join(current, 'node_modules', name);
    try {
      return await realpath(candidate);
    } catch {
      if (path.dirname(current) === current) throw new Error(`${name} is not installed where ${directory} can see it.`);
    }
  }
}

/**
 * The size of one installed package: what its tarball unpacks to for our own packages (as published, not the
 * workspace folder with sources and tests), the folder's content for third-party ones.
 * @param {string} directory
 * @returns {Promise<number>}
 */
async function installedBytesOf(directory) {
  return directory.startsWith(repositoryRoot) && !directory.includes(`${path.sep}node_modules${path.sep}`)
    ? (await packedSize(directory)).unpackedBytes
    : folderBytes(directory);
}

/**
 * The package and its runtime dependencies, transitively (peer dependencies are the app's own).
 * @param {string} directory
 * @returns {Promise<{ bytes: number; packages: number }>}
 */
export async function installedClosure(directory) {
  /** @type {Set<string>} */
  const seen = new Set();
  let bytes = 0;
  /** @param {string} current */
  const visit = async (current) => {
    if (seen.has(current)) return;
    seen.add(current);
    bytes += await installedBytesOf(current);
    const manifest = await readManifest(current);
    for (const dependency of Object.keys(manifest.dependencies)) await visit(await findInstalled(current, dependency));
  };
  await visit(await realpath(directory));
  return { bytes, packages: seen.size };
}

/**
 * @returns {Promise<{ packages: PackageCost[]; library: { name: string; installedBytes: number; installedPackages: number } }>}
 */
export async function measurePackages() {
  /** @type {PackageCost[]} */
  const packages = [];
  for (const folder of publishedPackages) {
    const directory = path.join(repositoryRoot, folder);
    const manifest = await readManifest(directory);
    const packed = await packedSize(directory);
    const closure = await installedClosure(directory);
    packages.push({
      name: manifest.name,
      ...packed,
      dependencies: Object.keys(manifest.dependencies),
      peerDependencies: Object.keys(manifest.peerDependencies),
      installedBytes: closure.bytes,
      installedPackages: closure.packages,
    });
  }
  // For scale: the library every Functions app installs anyway (the peer dependency of all three).
  const library = await installedClosure(await findInstalled(path.join(repositoryRoot, 'packages/extension-core'), '@azure/functions'));
  return { packages, library: { name: '@azure/functions', installedBytes: library.bytes, installedPackages: library.packages } };
}
