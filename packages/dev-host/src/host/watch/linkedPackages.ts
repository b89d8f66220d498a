import { existsSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';

/** A package the app links from source (a workspace link, `npm link`), which `--watch` rebuilds when its source changes. */
export interface LinkedPackage {
  readonly name: string;
  readonly dir: string;
  /** Linked packages it depends on: they build first. */
  readonly dependsOn: readonly string[];
}

interface Manifest {
  readonly name?: string;
  readonly dependencies?: Record<string, string>;
  readonly devDependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
  readonly scripts?: Record<string, string>;
}

function readManifest(dir: string): Manifest | undefined {
  try {
    return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}

/** Where `name` resolves from `fromDir`, following links; undefined when it is not installed. */
function resolveLink(fromDir: string, name: string): string | undefined {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(candidate)) {
      return realpathSync(candidate);
    }
    if (path.dirname(dir) === dir) {
      return undefined;
    }
  }
}

/**
 * The packages the app (and, transitively, those packages) depend on that are linked from a folder outside any
 * node_modules, have a `src` folder and a `build` script: the packages whose source a developer edits while
 * `azfx start --watch` runs. `exclude` names packages never to rebuild (the dev host itself: it cannot reload its
 * own code). In dependency order: a package comes after the linked packages it depends on.
 */
export function findLinkedPackages(appDir: string, exclude: ReadonlySet<string>): LinkedPackage[] {
  const found = new Map<string, LinkedPackage>();
  const visit = (fromDir: string, manifest: Manifest): void => {
    const names = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies, ...manifest.peerDependencies });
    for (const name of names) {
      if (found.has(name) || exclude.has(name)) {
        continue;
      }
      const dir = resolveLink(fromDir, name);
      const linked = dir === undefined ? undefined : readManifest(dir);
      if (dir === undefined || linked === undefined || dir.split(path.sep).includes('node_modules')) {
        continue;
      }
      if (linked.scripts?.build === undefined || !existsSync(path.join(dir, 'src'))) {
        continue;
      }
      const dependsOn = Object.keys({ ...linked.dependencies, ...linked.peerDependencies }).filter((dependency) => !exclude.has(dependency));
      found.set(name, { name, dir, dependsOn });
      visit(dir, linked);
    }
  };
  const manifest = readManifest(appDir);
  if (manifest) {
    visit(appDir, manifest);
  }
  // Dependencies first.
  const ordered: LinkedPackage[] = [];
  const place = (pkg: LinkedPackage, seen: Set<string>): void => {
    if (ordered.includes(pkg) || seen.has(pkg.name)) {
      return;
    }
    seen.add(pkg.name);
    for (const dependency of pkg.dependsOn) {
      const linked = found.get(dependency);
      if (linked) {
        place(linked, seen);
      }
    }
    ordered.push(pkg);
  };
  for (const pkg of found.values()) {
    place(pkg, new Set());
  }
  return ordered;
}
