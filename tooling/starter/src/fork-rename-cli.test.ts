import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { minimalWorkspace, useFixtureWorkspaces } from './testing/fixture-workspace.js';
import { runNode } from './testing/run-node.js';

const CLI = fileURLToPath(new URL('../fork-rename.mjs', import.meta.url));

const workspace = useFixtureWorkspaces(minimalWorkspace('@oldco', 'oldco/old-repo'));

const timerManifest = (root: string) => readFileSync(join(root, 'packages/extension-timer/package.json'), 'utf8');

describe('pnpm fork:rename', () => {
  it('lists every change on --dry-run and writes nothing', () => {
    const root = workspace();
    const before = timerManifest(root);
    const result = runNode(CLI, ['--scope', '@acme', '--repo', 'acme/fx', '--dry-run'], root);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(
      'Would rename npm scope @oldco -> @acme, GitHub repository oldco/old-repo -> acme/fx, SDK @oldco/extension-core kept',
    );
    expect(result.stdout).toContain('2: - "name": "@oldco/extension-timer",\n    2: + "name": "@acme/extension-timer",');
    expect(result.stdout).toContain('nothing was written');
    expect(timerManifest(root)).toBe(before);
  });

  it('renames, keeping the SDK by default, then says what to run next; a second run finds nothing to do', () => {
    const root = workspace();
    const result = runNode(CLI, ['--scope', 'acme', '--repo', 'acme/fx'], root);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Renamed npm scope @oldco -> @acme, .*, SDK @oldco\/extension-core kept:/);
    expect(result.stdout).toContain('pnpm install');
    expect(result.stdout).toContain('@oldco/extension-core keeps its name: your extensions depend on the published SDK');
    expect(timerManifest(root)).toContain('"name": "@acme/extension-timer"');
    expect(timerManifest(root)).toContain('"@oldco/extension-core": "workspace:^"');
    // Run from a sub-folder: the workspace root is found from wherever the command starts.
    const again = runNode(CLI, ['--scope', '@acme', '--repo', 'acme/fx', '--keep-sdk'], join(root, 'packages/extension-timer'));
    expect(again.stdout).toBe(
      'Nothing to change: this repository already uses @acme and acme/fx, with the SDK @oldco/extension-core.\n',
    );
  });

  it('renames the SDK too with --own-sdk, also in a fork that kept it before', () => {
    const root = workspace();
    const result = runNode(CLI, ['--scope', '@acme', '--own-sdk'], root);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Renamed npm scope @oldco -> @acme, SDK @oldco\/extension-core -> @acme\/extension-core:/);
    expect(result.stdout).not.toContain('keeps its name');
    expect(timerManifest(root)).toContain('"@acme/extension-core": "workspace:^"');

    const kept = workspace();
    runNode(CLI, ['--scope', '@acme'], kept);
    const takeOver = runNode(CLI, ['--own-sdk'], kept);
    expect(takeOver.status).toBe(0);
    expect(takeOver.stdout).toMatch(/^Renamed SDK @oldco\/extension-core -> @acme\/extension-core:/);
    expect(timerManifest(kept)).toContain('"@acme/extension-core": "workspace:^"');
  });

  it.each([
    [[], /Nothing to rename: give --scope, --repo or both/],
    [['--scope', '@Acme'], /npm scopes are lowercase: use --scope @acme/],
    [['--repo', 'https://github.com/acme/fx'], /not a URL/],
    [['--scpoe', '@acme'], /Unknown option '--scpoe'\./],
    [['acme'], /Unexpected argument "acme"/],
    [['--scope', '@acme', '--keep-sdk', '--own-sdk'], /--keep-sdk and --own-sdk contradict each other: give one \(keeping the SDK is the default\)\./],
    [['--scope', '@acme', '--own-sdk=yes'], /Option '--own-sdk' does not take a value: write --own-sdk alone\./],
  ])('refuses %j with a clear message and the usage, changing nothing', (args, message) => {
    const root = workspace();
    const before = timerManifest(root);
    const result = runNode(CLI, args, root);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain('Usage: pnpm fork:rename');
    expect(result.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
    expect(timerManifest(root)).toBe(before);
  });

  it('prints the usage on --help', () => {
    const result = runNode(CLI, ['--help'], workspace());
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('--dry-run');
  });
});
