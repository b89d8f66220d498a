import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitEverything, copyWorkTree } from './e2e/copy-work-tree.js';
import { startDevHost } from './e2e/dev-host-process.js';
import { writeFunctionApp, type ModuleKind } from './e2e/function-app.js';
import { startLocalRegistry, type LocalRegistry } from './e2e/local-registry.js';
import { npmEnv } from './e2e/npm-env.js';
import { fetchPackument } from './e2e/registry-package.js';
import { dropProvenance, writeSnapshotChangeset } from './e2e/snapshot-release.js';
import { findPublishedPackages, readManifest, type WorkspacePackage } from './published-packages.js';
import { publishScript } from './release-commands.js';
import { repoRoot } from './repo-root.js';
import { runCommand } from './run-command.js';

// The release, end to end: a snapshot of the work tree is versioned with changesets, published with the release's
// own publish command to a Verdaccio on 127.0.0.1, and installed by two fresh Functions apps (CommonJS and ESM)
// that must answer an HTTP request through the published dev host with the published timer in place.

const publishedPackages = await findPublishedPackages(repoRoot);
const timings: [step: string, ms: number][] = [];

async function step<T>(name: string, action: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await action();
  } finally {
    timings.push([name, Math.round(performance.now() - started)]);
  }
}

describe('a release, end to end, against a local registry', () => {
  let scratch = '';
  let registry: LocalRegistry | undefined;
  let copyDir = '';
  let npmrc = '';
  let snapshotVersions = new Map<string, string>();
  let publishOutput = '';

  beforeAll(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), 'azfx-e2e-'));
    copyDir = path.join(scratch, 'repo');
    const startedRegistry = step('start Verdaccio', () => startLocalRegistry(path.join(scratch, 'registry')));
    registry = await startedRegistry;
    npmrc = path.join(scratch, 'npmrc');
    await writeFile(npmrc, `${registry.authLine}\n`);

    await step('copy the work tree', async () => {
      await copyWorkTree(repoRoot, copyDir, publishedPackages.map((pkg) => pkg.dir));
      const copied = copiedPackages();
      await writeSnapshotChangeset(copyDir, copied);
      for (const pkg of copied) await dropProvenance(pkg.dir);
      await commitEverything(copyDir, 'A snapshot of the azfx work tree');
    });

    // What CI does after a clone; the store already has every package, so this links rather than downloads.
    await step('pnpm install in the copy', () =>
      runCommand('pnpm', ['install', '--prefer-offline', '--no-frozen-lockfile', '--filter', './packages/*'], {
        cwd: copyDir,
        env: npmEnv({}),
        timeoutMs: 180_000,
      }),
    );

    await step('changeset version --snapshot e2e', () =>
      runCommand('pnpm', ['exec', 'changeset', 'version', '--snapshot', 'e2e'], { cwd: copyDir, env: npmEnv({}) }),
    );
    snapshotVersions = new Map(
      await Promise.all(copiedPackages().map(async (pkg) => [pkg.name, (await readManifest(pkg.dir)).version] as const)),
    );

    const url = registry.url;
    const published = await step('publish with the release command', () =>
      runCommand(process.execPath, [publishScript, '--tag', 'e2e', '--no-git-tag'], {
        cwd: copyDir,
        env: npmEnv({ npm_config_registry: url, npm_config_userconfig: npmrc }),
        timeoutMs: 180_000,
      }),
    );
    publishOutput = `${published.stdout}\n${published.stderr}`;
    console.log(`published to ${url}: ${[...snapshotVersions].map(([name, version]) => `${name}@${version}`).join(', ')}`);
  }, 10 * 60_000);

  // Pass or fail, nothing stays behind: the registry process is gone and so is every temporary file.
  afterAll(async () => {
    await registry?.stop();
    if (scratch !== '') await rm(scratch, { recursive: true, force: true });
    console.log(`end-to-end publish timings:\n${timings.map(([name, ms]) => `  ${name.padEnd(64)} ${(ms / 1000).toFixed(1)} s`).join('\n')}`);
    expect(registry?.isRunning() ?? false, 'Verdaccio still running').toBe(false);
    expect(scratch === '' || !existsSync(scratch), `${scratch} still exists`).toBe(true);
  }, 60_000);

  function requireRegistry(): LocalRegistry {
    if (registry === undefined) throw new Error('the registry did not start');
    return registry;
  }

  function copiedPackages(): WorkspacePackage[] {
    return publishedPackages.map((pkg) => ({ ...pkg, dir: path.join(copyDir, path.relative(repoRoot, pkg.dir)) }));
  }

  it('versions the copy, never the work tree', async () => {
    for (const pkg of publishedPackages) {
      const snapshot = snapshotVersions.get(pkg.name) ?? '';
      expect(snapshot).toMatch(/-e2e-\d{14}$/);
      expect((await readManifest(pkg.dir)).version).not.toBe(snapshot);
      const changelog = path.join(pkg.dir, 'CHANGELOG.md');
      if (existsSync(changelog)) expect(await readFile(changelog, 'utf8')).not.toContain(snapshot);
    }
    expect(existsSync(path.join(repoRoot, '.changeset', 'azfx-e2e-snapshot.md'))).toBe(false);
  });

  it('publishes every package under the e2e tag, with real version ranges between them', async () => {
    for (const pkg of publishedPackages) {
      const version = snapshotVersions.get(pkg.name) ?? '';
      expect(publishOutput).toContain(`${pkg.name}@${version}`);
      const packument = await fetchPackument(requireRegistry().url, pkg.name);
      expect(packument?.['dist-tags'].e2e, `${pkg.name} in the registry`).toBe(version);
      const manifest = packument?.versions[version];
      for (const [name, range] of Object.entries({ ...manifest?.dependencies, ...manifest?.peerDependencies })) {
        expect(range, `${pkg.name} → ${name}`).not.toMatch(/^workspace:/);
        const sibling = snapshotVersions.get(name);
        if (sibling !== undefined) expect(range, `${pkg.name} → ${name}`).toBe(`^${sibling}`);
      }
    }
  });

  it.each<ModuleKind>(['commonjs', 'module'])(
    'a fresh %s app installs from the registry alone and answers through the published dev host and timer',
    async (kind) => {
      const appDir = path.join(scratch, 'apps', kind);
      await writeFunctionApp(appDir, kind);
      const url = requireRegistry().url;
      const wanted = ['@azfx/extension-timer', '@azfx/dev-host'].map((name) => `${name}@${snapshotVersions.get(name) ?? 'missing'}`);
      await step(`npm install (${kind} app)`, () =>
        runCommand('npm', ['install', '--registry', url, ...wanted, '@azure/functions'], {
          cwd: appDir,
          env: npmEnv({
            npm_config_userconfig: npmrc,
            npm_config_cache: path.join(scratch, 'npm-cache'),
            // The lockfile check below reads where each tarball came from: make sure npm writes it down.
            npm_config_omit_lockfile_registry_resolved: 'false',
          }),
          timeoutMs: 180_000,
        }),
      );

      // Every package came from the local registry: npm records where it fetched each tarball.
      const lock = JSON.parse(await readFile(path.join(appDir, 'package-lock.json'), 'utf8')) as {
        packages: Record<string, { resolved?: string; version?: string }>;
      };
      const installed = Object.entries(lock.packages).filter(([key]) => key !== '');
      expect(installed.length).toBeGreaterThan(3);
      for (const [key, entry] of installed) expect(entry.resolved, key).toMatch(new RegExp(`^${url.replace(/[.]/g, '\\.')}`));
      expect(lock.packages['node_modules/@azfx/extension-core']?.version).toBe(snapshotVersions.get('@azfx/extension-core'));

      const host = await step(`start the dev host (${kind} app)`, () => startDevHost(appDir));
      try {
        const response = await step(`first HTTP request (${kind} app)`, () => fetch(new URL('api/hello', host.url)));
        const body = await response.text();
        const serverTiming = response.headers.get('server-timing');
        console.log(`${kind} app: GET /api/hello → ${response.status} "${body}"; Server-Timing: ${serverTiming ?? '(none)'}`);
        expect(response.status, host.output()).toBe(200);
        expect(body).toMatch(/^Hello from an? (CommonJS|ES module) app \(TimeElapsed: \d+(\.\d+)?(e-\d+)? sec\)$/);
        expect(body).toContain('(TimeElapsed:');
        expect(serverTiming).toMatch(/dur=\d/);
      } finally {
        await host.stop();
      }
    },
    5 * 60_000,
  );
});
