import path from 'node:path';
import type { PackageManifest } from './published-packages.js';
import type { TarballEntry } from './read-tarball.js';

const dependencyFields = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;

/** `field.name: range` for every range that still says `workspace:`: npm cannot resolve those for users. */
export function workspaceRanges(manifest: PackageManifest): string[] {
  return dependencyFields.flatMap((field) =>
    Object.entries(manifest[field] ?? {})
      .filter(([, range]) => range.startsWith('workspace:'))
      .map(([name, range]) => `${field}.${name}: ${range}`),
  );
}

/**
 * Files in the tarball that users do not need. A package ships its build output (`dist/`), the `bin/` launchers
 * it declares, package.json, README, LICENSE and CHANGELOG; sources, tests, configs and (when `files` excludes
 * them) source maps stay home.
 */
export function unexpectedFiles(entries: readonly TarballEntry[], manifest: PackageManifest): string[] {
  const shipsBin = manifest.bin !== undefined;
  const excludesMaps = (manifest.files ?? []).some((pattern) => pattern.startsWith('!') && pattern.endsWith('.map'));
  return entries
    .map((entry) => entry.path)
    .filter((file) => {
      if (/^(package\.json|README\.md|LICENSE|CHANGELOG\.md)$/.test(file)) return false;
      if (/\.(test|spec)\.[cm]?[jt]s$|\.test-d\.ts$/.test(file)) return true;
      if (file.endsWith('.map')) return excludesMaps;
      if (file.startsWith('dist/')) return false;
      if (shipsBin && file.startsWith('bin/')) return false;
      return true;
    });
}

/**
 * `sourceMappingURL` comments that point at a map the tarball does not hold: debuggers and `--enable-source-maps`
 * then look for a file that is not there. Either ship the maps or build without the comment.
 */
export function danglingSourceMapReferences(entries: readonly TarballEntry[]): string[] {
  const shipped = new Set(entries.map((entry) => entry.path));
  return entries.flatMap((entry) => {
    if (!/\.([cm]?js|d\.[cm]?ts)$/.test(entry.path)) return [];
    const reference = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(entry.data.toString('utf8'))?.[1];
    if (reference === undefined || reference.startsWith('data:')) return [];
    const target = path.posix.join(path.posix.dirname(entry.path), reference);
    return shipped.has(target) ? [] : [`${entry.path} points at ${target}, which is not in the tarball`];
  });
}

/**
 * The lowest Node.js major version a semver range such as `>=20`, `^20.19 || >=22` admits; `undefined` when the
 * range has no lower bound (`*`, `<24`), which counts as admitting anything.
 */
export function lowestNodeMajor(range: string): number | undefined {
  let lowest: number | undefined;
  for (const alternative of range.split('||')) {
    const match = /^\s*(>=|>|\^|~|=)?\s*v?(\d+)/.exec(alternative);
    if (!match?.[2]) return undefined;
    const major = Number(match[2]) + (match[1] === '>' && !/\d+\.\d/.test(alternative) ? 1 : 0);
    lowest = lowest === undefined ? major : Math.min(lowest, major);
  }
  return lowest;
}
