#!/usr/bin/env node
// Writes a self-contained copy of the app that Azure runs as it is: the compiled functions, host.json, a flat
// node_modules (real files, no symlinks, no `workspace:` links), and the workspace packages as tarballs in
// vendor/, which package.json points at, so a remote build (`npm install` on Azure) works as well.
//
//   pnpm --filter http-sample run deploy [--out <dir>] [--skip-build]
//
// Then zip-deploy the folder, or run `func azure functionapp publish <app>` in it.
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const appDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = resolve(appDir, '../..');
const { out, skipBuild } = parseArguments(process.argv.slice(2));

if (!skipBuild) pnpm(['exec', 'turbo', 'run', 'build', '--filter=http-sample...'], repoRoot);

rmSync(out, { recursive: true, force: true });
// pnpm's own deploy installs the production dependencies offline from the lockfile; `hoisted` makes the flat,
// symlink-free node_modules that zip deployment needs, injecting brings workspace packages in as files, and
// `copy` makes them real copies: pnpm otherwise hard-links them to the workspace and its store, and a later
// edit in the deployed folder would change those too.
pnpm(
  [
    '--filter=http-sample',
    'deploy',
    '--prod',
    '--config.inject-workspace-packages=true',
    '--config.node-linker=hoisted',
    '--config.package-import-method=copy',
    out,
  ],
  repoRoot,
);
separateHardLinks(out);
// pnpm's bookkeeping names the workspace on this machine; the deployed app needs none of it.
const pnpmLeftovers = [
  'pnpm-lock.yaml',
  'node_modules/.pnpm',
  'node_modules/.modules.yaml',
  'node_modules/.pnpm-workspace-state-v1.json',
];
for (const leftover of pnpmLeftovers) rmSync(join(out, leftover), { recursive: true, force: true });

const workspace = readWorkspacePackages();
const vendored = new Map();
for (const [name, pkg] of workspace) {
  const installed = join(out, 'node_modules', name);
  if (!existsSync(installed)) continue;
  vendored.set(name, packToVendor(pkg));
  replaceWorkspaceRanges(join(installed, 'package.json'));
}
writeNewFile(join(out, 'package.json'), deployedManifest());
checkSelfContained(out);
const shownOut = relative(process.cwd(), out);
console.log(`\nDeployable app written to ${shownOut.startsWith('..') ? out : shownOut || '.'}`);
console.log('Zip-deploy that folder, or run `func azure functionapp publish <app-name>` inside it.');

function parseArguments(args) {
  let outDir = join(appDir, 'deploy');
  let skip = false;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg === '--skip-build') skip = true;
    else if (arg === '--out' && args[i + 1] !== undefined) outDir = args[(i += 1)];
    else if (arg !== '--') fail(`unknown argument "${arg}". Usage: deploy [--out <dir>] [--skip-build]`);
  }
  return { out: isAbsolute(outDir) ? outDir : resolve(process.cwd(), outDir), skipBuild: skip };
}

function pnpm(args, cwd) {
  // pnpm is a .cmd file on Windows, which Node only runs through a shell.
  const result = spawnSync('pnpm', args, { cwd, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) fail(`"pnpm ${args.join(' ')}" failed (exit ${result.status ?? result.signal}).`);
}

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** Every package of the monorepo, by name: where it lives and its version. */
function readWorkspacePackages() {
  const packages = new Map();
  for (const group of ['packages', 'apps']) {
    for (const entry of readdirSync(join(repoRoot, group), { withFileTypes: true })) {
      const manifest = join(repoRoot, group, entry.name, 'package.json');
      if (!entry.isDirectory() || !existsSync(manifest)) continue;
      const { name, version } = readJson(manifest);
      packages.set(name, { name, version, dir: dirname(manifest) });
    }
  }
  return packages;
}

/** `pnpm pack` writes the tarball npm would publish, with `workspace:` ranges already replaced. */
function packToVendor(pkg) {
  const vendorDir = join(out, 'vendor');
  mkdirSync(vendorDir, { recursive: true });
  pnpm(['pack', '--pack-destination', vendorDir], pkg.dir);
  const file = `${pkg.name.replace(/^@/, '').replace('/', '-')}-${pkg.version}.tgz`;
  if (!existsSync(join(vendorDir, file))) fail(`pnpm pack did not write vendor/${file} for ${pkg.name}.`);
  return `file:vendor/${file}`;
}

/** What `pnpm pack` does to a manifest: `workspace:^` becomes `^1.2.3`, `workspace:*` becomes `1.2.3`. */
function replaceWorkspaceRanges(manifestPath) {
  const manifest = readJson(manifestPath);
  for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies', 'devDependencies']) {
    for (const [dep, range] of Object.entries(manifest[field] ?? {})) {
      if (typeof range !== 'string' || !range.startsWith('workspace:')) continue;
      const target = workspace.get(dep);
      if (target === undefined) {
        fail(`${manifest.name} depends on ${dep} through "${range}", which is not in the workspace.`);
      }
      const spec = range.slice('workspace:'.length);
      manifest[field][dep] =
        spec === '*' ? target.version : spec === '^' || spec === '~' ? `${spec}${target.version}` : spec;
    }
  }
  writeNewFile(manifestPath, manifest);
}

/**
 * pnpm injects workspace packages as hard links to the workspace's own files (even with `copy`): an edit in the
 * deployed folder would change the source package. Every linked file gets replaced by a copy of its own.
 */
function separateHardLinks(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    if (!entry.isFile() || statSync(path).nlink === 1) continue;
    copyFileSync(path, `${path}.copy`);
    renameSync(`${path}.copy`, path);
  }
}

/** Writes a new file rather than into an existing one, which may still be shared with another path. */
function writeNewFile(path, json) {
  rmSync(path, { force: true });
  writeFileSync(path, `${JSON.stringify(json, null, 2)}\n`);
}

/** The app's manifest as Azure needs it: no dev tooling, exact versions of what is installed. */
function deployedManifest() {
  const source = readJson(join(appDir, 'package.json'));
  const dependencies = {};
  for (const dep of Object.keys(source.dependencies ?? {})) {
    dependencies[dep] = vendored.get(dep) ?? readJson(join(out, 'node_modules', dep, 'package.json')).version;
  }
  return {
    name: source.name,
    version: source.version,
    private: true,
    description: source.description,
    type: source.type,
    main: source.main,
    engines: source.engines,
    scripts: { start: 'func start' },
    dependencies,
    // Packages that depend on another vendored package (the timer on the core) get the same tarball.
    overrides: Object.fromEntries(vendored),
  };
}

function checkSelfContained(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    const stats = lstatSync(path);
    if (stats.isSymbolicLink()) fail(`${relative(dir, path)} is a symbolic link; zip deployment needs files.`);
    if (stats.isFile() && stats.nlink > 1) fail(`${relative(dir, path)} is still hard-linked to another file.`);
    if (entry.name === 'package.json' && readFileSync(path, 'utf8').includes('"workspace:')) {
      fail(`${relative(dir, path)} still has a workspace: range.`);
    }
  }
}

function fail(message) {
  console.error(`deploy: ${message}`);
  process.exit(1);
}
