import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyRename, describeRename, planRename } from './fork-rename.mjs';
import { readRepoIdentity } from './repo-identity.mjs';
import { minimalWorkspace, useFixtureWorkspaces } from './testing/fixture-workspace.js';

const FROM = { scope: '@oldco', repo: 'oldco/old-repo', sdk: '@oldco/extension-core' };
// The fork ships its own SDK (--own-sdk); KEEP_SDK is the default, where it keeps depending on the upstream SDK.
const TO = { scope: '@acme', repo: 'acme/functions-extensions', sdk: '@acme/extension-core' };
const KEEP_SDK = { ...TO, sdk: FROM.sdk };

// Every way the identity is written in a real repository, and the look-alikes that must survive.
const README = [
  'npm install @oldco/extension-timer',
  "import { TimerExtension } from '@oldco/extension-timer';",
  '[![npm](https://badge.fury.io/js/%40oldco%2Fextension-timer.svg)](https://www.npmjs.com/package/@oldco/extension-timer)',
  'Changelog links point at https://github.com/oldco/old-repo/commit/abc and https://github.com/oldco/old-repo/pull/1.',
  'Published under the @oldco scope; dependencies.@oldco/extension-core is a workspace link.',
  'Not ours: @oldco-labs/thing, mail team@oldco.dev, https://github.com/oldco/old-repo-docs, oldco/old-repository.',
  'The product name stays: [oldco] log lines, OLDCO_EXTENSIONS_DISABLED, the oldco command.',
].join('\n');

const workspace = useFixtureWorkspaces({ ...minimalWorkspace(FROM.scope, FROM.repo), 'README.md': README });

const read = (root: string, path: string) => readFileSync(join(root, path), 'utf8');

describe('planRename', () => {
  it('reads the current identity from the package names and the changelog option', () => {
    expect(readRepoIdentity(workspace())).toEqual(FROM);
  });

  it('renames every spelling of the scope and the repository, and nothing that only looks like them', () => {
    const root = workspace();
    applyRename(root, planRename(root, FROM, TO));
    expect(read(root, 'README.md')).toBe(
      [
        'npm install @acme/extension-timer',
        "import { TimerExtension } from '@acme/extension-timer';",
        '[![npm](https://badge.fury.io/js/%40acme%2Fextension-timer.svg)](https://www.npmjs.com/package/@acme/extension-timer)',
        'Changelog links point at https://github.com/acme/functions-extensions/commit/abc and https://github.com/acme/functions-extensions/pull/1.',
        'Published under the @acme scope; dependencies.@acme/extension-core is a workspace link.',
        'Not ours: @oldco-labs/thing, mail team@oldco.dev, https://github.com/oldco/old-repo-docs, oldco/old-repository.',
        'The product name stays: [oldco] log lines, OLDCO_EXTENSIONS_DISABLED, the oldco command.',
      ].join('\n'),
    );
    expect(JSON.parse(read(root, 'packages/extension-timer/package.json'))).toMatchObject({
      name: '@acme/extension-timer',
      dependencies: { '@acme/extension-core': 'workspace:^' },
    });
    expect(JSON.parse(read(root, 'packages/extension-core/package.json'))).toMatchObject({
      repository: { url: 'git+https://github.com/acme/functions-extensions.git' },
      bugs: 'https://github.com/acme/functions-extensions/issues',
    });
    expect(readRepoIdentity(root)).toEqual(TO);
  });

  it('writes nothing until applied, and reports each changed line', () => {
    const root = workspace();
    const before = read(root, 'README.md');
    const plan = planRename(root, FROM, TO);
    expect(read(root, 'README.md')).toBe(before);
    const readme = plan.files.find((file) => file.path === 'README.md');
    expect(readme?.replacements).toBe(8);
    expect(readme?.lines[0]).toEqual({
      line: 1,
      before: 'npm install @oldco/extension-timer',
      after: 'npm install @acme/extension-timer',
    });
    expect(plan.files.map((file) => file.path)).toEqual([
      '.changeset/config.json',
      'README.md',
      'packages/extension-core/package.json',
      'packages/extension-timer/package.json',
    ]);
  });

  it('leaves generated folders and binary files alone', () => {
    const binary = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, ...Buffer.from('@oldco/extension-timer')]);
    const root = workspace({
      'node_modules/@oldco/extension-core/package.json': '{"name":"@oldco/extension-core"}',
      'packages/extension-timer/dist/index.mjs': "import '@oldco/extension-core';",
      '.turbo/cache.json': '"@oldco/extension-core"',
      'docs/logo.png': binary,
    });
    const plan = planRename(root, FROM, TO);
    applyRename(root, plan);
    expect(plan.files.map((file) => file.path)).not.toContainEqual(expect.stringMatching(/node_modules|dist|\.turbo|\.png/));
    expect(read(root, 'node_modules/@oldco/extension-core/package.json')).toContain('@oldco/');
    expect(read(root, 'packages/extension-timer/dist/index.mjs')).toContain('@oldco/');
    expect(readFileSync(join(root, 'docs/logo.png'))).toEqual(Buffer.from(binary));
  });

  it('renames only the scope when the repository stays, and the reverse', () => {
    const scopeOnly = workspace();
    applyRename(scopeOnly, planRename(scopeOnly, FROM, { ...FROM, scope: '@acme', sdk: '@acme/extension-core' }));
    expect(readRepoIdentity(scopeOnly)).toEqual({ scope: '@acme', repo: FROM.repo, sdk: '@acme/extension-core' });

    const repoOnly = workspace();
    applyRename(repoOnly, planRename(repoOnly, FROM, { ...FROM, repo: 'acme/fx' }));
    expect(readRepoIdentity(repoOnly)).toEqual({ ...FROM, repo: 'acme/fx' });
    expect(read(repoOnly, 'README.md')).toContain('npm install @oldco/extension-timer');
  });

  it('can be run again on a renamed fork, back to where it started', () => {
    const root = workspace();
    const original = read(root, 'README.md');
    applyRename(root, planRename(root, FROM, TO));
    applyRename(root, planRename(root, readRepoIdentity(root), FROM));
    expect(read(root, 'README.md')).toBe(original);
  });

  it('keeps the lines between fork:rename off and on markers', () => {
    const guide = [
      'Install @oldco/extension-timer.',
      '<!-- fork:rename off -->',
      'Would rename npm scope @oldco -> @acme',
      '<!-- fork:rename on -->',
      'Then @oldco/extension-core.',
    ].join('\n');
    const root = workspace({ 'docs/guide.md': guide });
    applyRename(root, planRename(root, FROM, TO));
    expect(read(root, 'docs/guide.md').split('\n')).toEqual([
      'Install @acme/extension-timer.',
      '<!-- fork:rename off -->',
      'Would rename npm scope @oldco -> @acme',
      '<!-- fork:rename on -->',
      'Then @acme/extension-core.',
    ]);
  });

  it('plans nothing when nothing changes', () => {
    const root = workspace();
    expect(planRename(root, FROM, FROM).files).toEqual([]);
  });
});

describe('planRename keeping the SDK (the default)', () => {
  it("renames every package but the SDK, which the fork's packages keep depending on", () => {
    const root = workspace();
    applyRename(root, planRename(root, FROM, KEEP_SDK));
    expect(read(root, 'README.md').split('\n')).toEqual([
      'npm install @acme/extension-timer',
      "import { TimerExtension } from '@acme/extension-timer';",
      '[![npm](https://badge.fury.io/js/%40acme%2Fextension-timer.svg)](https://www.npmjs.com/package/@acme/extension-timer)',
      'Changelog links point at https://github.com/acme/functions-extensions/commit/abc and https://github.com/acme/functions-extensions/pull/1.',
      'Published under the @acme scope; dependencies.@oldco/extension-core is a workspace link.',
      'Not ours: @oldco-labs/thing, mail team@oldco.dev, https://github.com/oldco/old-repo-docs, oldco/old-repository.',
      'The product name stays: [oldco] log lines, OLDCO_EXTENSIONS_DISABLED, the oldco command.',
    ]);
    expect(JSON.parse(read(root, 'packages/extension-timer/package.json'))).toMatchObject({
      name: '@acme/extension-timer',
      dependencies: { '@oldco/extension-core': 'workspace:^' },
    });
    expect(JSON.parse(read(root, 'packages/extension-core/package.json'))).toMatchObject({ name: '@oldco/extension-core' });
    expect(readRepoIdentity(root)).toEqual(KEEP_SDK);
  });

  it('keeps the SDK in encoded badge URLs too, and only the SDK: a package whose name starts like it is renamed', () => {
    const root = workspace({
      'docs/badges.md': '%40oldco%2Fextension-core %40oldco%2Fextension-core-utils @oldco/extension-core-utils',
    });
    applyRename(root, planRename(root, FROM, KEEP_SDK));
    expect(read(root, 'docs/badges.md')).toBe('%40oldco%2Fextension-core %40acme%2Fextension-core-utils @acme/extension-core-utils');
  });

  it('lets a fork that kept the SDK take it over later, or go back to where it started', () => {
    const root = workspace();
    const original = read(root, 'README.md');
    applyRename(root, planRename(root, FROM, KEEP_SDK));
    const kept = read(root, 'README.md');
    applyRename(root, planRename(root, KEEP_SDK, TO));
    expect(readRepoIdentity(root)).toEqual(TO);
    expect(read(root, 'README.md')).toContain('dependencies.@acme/extension-core is a workspace link');

    const again = workspace();
    applyRename(again, planRename(again, FROM, KEEP_SDK));
    expect(read(again, 'README.md')).toBe(kept);
    applyRename(again, planRename(again, readRepoIdentity(again), FROM));
    expect(read(again, 'README.md')).toBe(original);
  });

  it('says that the SDK is kept', () => {
    const root = workspace();
    expect(describeRename(planRename(root, FROM, KEEP_SDK), { showLines: false }).split('\n')[0]).toBe(
      'npm scope @oldco -> @acme, GitHub repository oldco/old-repo -> acme/functions-extensions, SDK @oldco/extension-core kept: 11 replacements in 4 files',
    );
  });
});

describe('describeRename', () => {
  it('summarises the rename and, for a dry run, lists every line before and after', () => {
    const root = workspace();
    const plan = planRename(root, FROM, TO);
    const summary = describeRename(plan, { showLines: false });
    expect(summary.split('\n')[0]).toBe(
      'npm scope @oldco -> @acme, GitHub repository oldco/old-repo -> acme/functions-extensions, SDK @oldco/extension-core -> @acme/extension-core: 14 replacements in 4 files',
    );
    expect(summary).not.toContain(' - ');
    const detailed = describeRename(plan, { showLines: true });
    expect(detailed).toContain('  README.md (8)\n    1: - npm install @oldco/extension-timer\n    1: + npm install @acme/extension-timer');
  });
});

describe('readRepoIdentity', () => {
  it('refuses a workspace whose packages use several scopes', () => {
    const root = workspace({ 'packages/other/package.json': '{"name":"@elsewhere/other"}' });
    expect(() => readRepoIdentity(root)).toThrow(/several npm scopes \(@oldco, @elsewhere\)/);
  });

  it('refuses a changeset config without the changelog repo option', () => {
    const root = workspace({ '.changeset/config.json': '{"changelog": "@changesets/cli/changelog"}' });
    expect(() => readRepoIdentity(root)).toThrow(/no "repo" option/);
  });
});
