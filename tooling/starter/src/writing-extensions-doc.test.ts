import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listExamples, renderExample } from './examples.mjs';
import { readRepoIdentity } from './repo-identity.mjs';
import { REPO_ROOT } from './testing/workspace-copy.js';

// docs/writing-extensions.md shows the worked examples in full. The generator's end-to-end test builds, lints and
// tests those examples; this test keeps the guide showing exactly that code, so what readers copy is what passed.
const GUIDE = join(REPO_ROOT, 'docs', 'writing-extensions.md');
const guide = readFileSync(GUIDE, 'utf8');
const { sdk } = readRepoIdentity(REPO_ROOT);

/** Code blocks marked with the file they show: ```ts file=packages/extension-<name>/<path> */
const fileBlocks = [...guide.matchAll(/^```\w+ file=(\S+)\n([\s\S]*?)^```$/gm)].map(([, file = '', code = '']) => ({ file, code }));

describe('docs/writing-extensions.md', () => {
  it('shows every file of every worked example exactly as it is built and tested', () => {
    const expected = listExamples().flatMap((example) =>
      Object.entries(renderExample(example, { sdk })).map(([path, code]) => ({ file: `packages/extension-${example}/${path}`, code })),
    );
    expect(fileBlocks.map((block) => block.file).sort()).toEqual(expected.map((entry) => entry.file).sort());
    for (const { file, code } of expected) {
      expect(fileBlocks.find((block) => block.file === file)?.code, file).toBe(code);
    }
  });

  it('only runs root scripts that exist', () => {
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    // pnpm's own commands and the binaries it runs directly, as opposed to scripts of the root package.json.
    const pnpmCommands = new Set(['install', 'add', 'vitest', 'exec', 'run']);
    const used = [...guide.matchAll(/^\$ (?:\w+=\S+ )*pnpm ([a-z][\w:-]*)/gm)].map(([, command = '']) => command);
    expect(used.length).toBeGreaterThan(5);
    expect(used.filter((command) => !pnpmCommands.has(command) && !(command in manifest.scripts))).toEqual([]);
  });

  it('links only to files that exist', () => {
    const targets = [...guide.matchAll(/\]\(((?!https?:|#)[^)#\s]+)(?:#[^)]*)?\)/g)].map(([, target = '']) => target);
    expect(targets.length).toBeGreaterThan(0);
    expect(targets.filter((target) => !existsSync(join(dirname(GUIDE), target)))).toEqual([]);
  });
});
