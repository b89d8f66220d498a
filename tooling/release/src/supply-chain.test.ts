import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packPackage, type PackedPackage } from './pack-package.js';
import { findPublishedPackages } from './published-packages.js';
import { repoRoot } from './repo-root.js';
import { readWorkflowFiles } from './workflow-file.js';

// Supply chain: what we install runs no code we have not allowed, what we publish runs none on our users' machines,
// and CI installs exactly the lockfile. (release.yml granting id-token: write to the publishing job alone, and
// publishing with NPM_CONFIG_PROVENANCE, are checked in workflows.test.ts.)

const workspaceYaml = await readFile(path.join(repoRoot, 'pnpm-workspace.yaml'), 'utf8');

/** A top-level key's value in pnpm-workspace.yaml: the inline text, or its `- item` lines as a list. */
function topLevel(key: string): string | string[] | undefined {
  const lines = workspaceYaml.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`${key}:`));
  if (start === -1) return undefined;
  const inline = (lines[start] ?? '').slice(key.length + 1).replace(/\s+#.*$/, '').trim();
  if (inline !== '') return inline;
  const items: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const item = /^\s+-\s+["']?([^"'\s#]+)["']?/.exec(line)?.[1];
    if (item === undefined) break;
    items.push(item);
  }
  return items;
}

describe('dependency build scripts', () => {
  it('fail the install unless allowed (strictDepBuilds)', () => {
    expect(topLevel('strictDepBuilds')).toBe('true');
  });

  it('are allowed by an explicit list, and only by it', () => {
    const allowed = topLevel('onlyBuiltDependencies');
    expect(allowed, 'pnpm-workspace.yaml needs onlyBuiltDependencies (an empty list [] allows none)').toBeDefined();
    expect(Array.isArray(allowed) || /^\[.*\]$/.test(String(allowed))).toBe(true);
    expect(topLevel('dangerouslyAllowAllBuilds')).not.toBe('true');
  });
});

describe('CI installs', () => {
  it('use the lockfile as it is, in every workflow', async () => {
    const workflows = await readWorkflowFiles(path.join(repoRoot, '.github', 'workflows'));
    const installs = workflows.flatMap(({ name, text }) =>
      text
        .split('\n')
        .filter((line) => /\b(pnpm|npm|yarn)\s+(install|i|ci|add)\b/.test(line) && !line.trim().startsWith('#'))
        .map((line) => `${name}: ${line.trim()}`),
    );
    expect(installs.length).toBeGreaterThan(0);
    expect(installs.filter((line) => !/pnpm install --frozen-lockfile\b/.test(line) || line.includes('--no-frozen-lockfile'))).toEqual([]);
  });
});

// The lifecycle scripts npm and pnpm run when a package is installed (prepublish: on old npm).
const installScripts = ['preinstall', 'install', 'postinstall', 'prepare', 'prepublish'];
const publishedPackages = await findPublishedPackages(repoRoot);

describe.each(publishedPackages)('$name, as packed for npm', ({ dir }) => {
  let packDir: string;
  let packed: PackedPackage;
  beforeAll(async () => {
    packDir = await mkdtemp(path.join(tmpdir(), 'azfx-supply-'));
    packed = await packPackage(dir, packDir);
  });
  afterAll(async () => {
    await rm(packDir, { recursive: true, force: true });
  });

  it('runs no install script on the machines that install it', () => {
    const scripts = (packed.manifest as { scripts?: Record<string, string> }).scripts ?? {};
    expect(Object.keys(scripts).filter((name) => installScripts.includes(name))).toEqual([]);
  });

  it('is published with npm provenance', () => {
    expect(packed.manifest.publishConfig?.provenance).toBe(true);
  });
});
