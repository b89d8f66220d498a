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

  // Every command the guide shows is run by a test of this repository, which must spell out what it runs: a command
  // added to the guide fails here until a test runs it. (The tests read the commands from the guide where they can.)
  it('shows only commands that a test runs', () => {
    const starter = (file: string) => join(REPO_ROOT, 'tooling', 'starter', 'src', file);
    const runBy: [command: RegExp, test: string, evidence: string][] = [
      [/^pnpm gen extension [a-z-]+ --description "[^"]+"$/, starter('generator.e2e.test.ts'), "'gen', 'extension'"],
      [/^pnpm gen extension ApiKey$/, starter('generator.e2e.test.ts'), 'pnpm gen extension ApiKey'],
      [/^pnpm install$/, starter('generator.e2e.test.ts'), "'install'"],
      [/^pnpm --filter "\S+\.\.\." build$/, starter('generator.e2e.test.ts'), "'run', 'build'"],
      [/^pnpm vitest run --project extension-[a-z-]+$/, starter('generator.e2e.test.ts'), "'vitest', 'run'"],
      [/^pnpm --filter \S+ lint && pnpm --filter \S+ typecheck$/, starter('generator.e2e.test.ts'), "'run', 'typecheck'"],
      [/^pnpm --filter http-sample add "\S+@workspace:\*"$/, starter('generator.e2e.test.ts'), 'addToSample('],
      [/^(AZFX_EXTENSIONS_DISABLED=\S+ )?pnpm dev$/, starter('generator.e2e.test.ts'), 'startPnpmDev('],
      [/^curl -i /, starter('generator.e2e.test.ts'), 'guideCurls('],
      [/^cat \.changeset\/api-key-initial\.md$/, starter('generate-extension.test.ts'), 'initial.md'],
      [/^pnpm changeset status$/, starter('generator.e2e.test.ts'), '/^pnpm changeset status$/'],
      [/^pnpm version-packages$/, starter('generator.e2e.test.ts'), '/^pnpm version-packages$/'],
      [/^cat packages\/extension-api-key\/CHANGELOG\.md$/, starter('generator.e2e.test.ts'), "'CHANGELOG.md'"],
      [/^pnpm vitest run --project release tooling\/release\/src\/package-validation\.test\.ts -t /, starter('generator.e2e.test.ts'), 'package-validation.test.ts'],
      [/^pnpm fork:rename --scope \S+ --repo \S+ --dry-run$/, starter('fork-rename-cli.test.ts'), "'--dry-run'"],
    ];
    const commands = [...guide.matchAll(/^\$ (.+)$/gm)].map(([, command = '']) => command);
    expect(commands.length).toBeGreaterThan(10);
    const unexplained = commands.filter((command) => {
      const entry = runBy.find(([pattern]) => pattern.test(command));
      return entry === undefined || !readFileSync(entry[1], 'utf8').includes(entry[2]);
    });
    expect(unexplained).toEqual([]);
  });

  it('links only to files that exist', () => {
    const targets = [...guide.matchAll(/\]\(((?!https?:|#)[^)#\s]+)(?:#[^)]*)?\)/g)].map(([, target = '']) => target);
    expect(targets.length).toBeGreaterThan(0);
    expect(targets.filter((target) => !existsSync(join(dirname(GUIDE), target)))).toEqual([]);
  });
});
