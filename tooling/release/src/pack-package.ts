import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PackageManifest } from './published-packages.js';
import { readTarball, type TarballEntry } from './read-tarball.js';
import { runCommand } from './run-command.js';

export interface PackedPackage {
  tarballPath: string;
  tarball: Buffer;
  entries: TarballEntry[];
  /** package.json as it is inside the tarball: what npm users really receive. */
  manifest: PackageManifest;
}

/**
 * Packs a workspace package with `pnpm pack`, the same packer `pnpm publish` uses (it rewrites `workspace:`
 * ranges and applies `files`), into `destination`, and reads the tarball back.
 */
export async function packPackage(packageDir: string, destination: string): Promise<PackedPackage> {
  const { stdout } = await runCommand('pnpm', ['pack', '--pack-destination', destination, '--json'], {
    cwd: packageDir,
  });
  const { filename } = JSON.parse(stdout) as { filename: string };
  const tarballPath = path.resolve(destination, filename);
  const tarball = await readFile(tarballPath);
  const entries = readTarball(tarball);
  const manifestEntry = entries.find((entry) => entry.path === 'package.json');
  if (!manifestEntry) throw new Error(`${tarballPath} has no package.json`);
  const manifest = JSON.parse(manifestEntry.data.toString('utf8')) as PackageManifest;
  return { tarballPath, tarball, entries, manifest };
}
