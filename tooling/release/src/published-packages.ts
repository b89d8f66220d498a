import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { runCommand } from './run-command.js';

export interface WorkspacePackage {
  name: string;
  version: string;
  dir: string;
  manifest: PackageManifest;
}

/** The parts of package.json that the release checks read. */
export interface PackageManifest {
  name: string;
  version: string;
  private?: boolean;
  files?: string[];
  bin?: string | Record<string, string>;
  engines?: Record<string, string>;
  publishConfig?: Record<string, unknown>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

interface PnpmListEntry {
  name?: string;
  path: string;
  private?: boolean;
}

/**
 * Every workspace package that npm will receive: pnpm's own list of the workspace, minus private packages.
 * Asking pnpm (rather than globbing `packages/*`) keeps this in step with pnpm-workspace.yaml.
 */
export async function findPublishedPackages(workspaceRoot: string): Promise<WorkspacePackage[]> {
  const { stdout } = await runCommand('pnpm', ['ls', '--recursive', '--depth', '-1', '--json'], { cwd: workspaceRoot });
  const entries = JSON.parse(stdout) as PnpmListEntry[];
  const packages: WorkspacePackage[] = [];
  for (const entry of entries) {
    if (entry.private === true || path.resolve(entry.path) === path.resolve(workspaceRoot)) continue;
    const manifest = await readManifest(entry.path);
    if (manifest.private === true) continue;
    packages.push({ name: manifest.name, version: manifest.version, dir: entry.path, manifest });
  }
  return packages.sort((a, b) => a.name.localeCompare(b.name));
}

export async function readManifest(dir: string): Promise<PackageManifest> {
  return JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8')) as PackageManifest;
}
