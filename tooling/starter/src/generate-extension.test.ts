import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeNextSteps, generateExtension } from './generate-extension.mjs';
import { minimalWorkspace, useFixtureWorkspaces } from './testing/fixture-workspace.js';
import { REPO_ROOT } from './testing/workspace-copy.js';

const workspace = useFixtureWorkspaces({ ...minimalWorkspace('@oldco', 'oldco/old-repo'), LICENSE: 'MIT License\n' });

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

describe('generateExtension', () => {
  it('creates the package and its changeset, and reports every file it wrote', () => {
    const root = workspace();
    const generated = generateExtension(root, 'request-id');
    expect(generated).toMatchObject({
      name: 'request-id',
      packageName: '@oldco/extension-request-id',
      exportName: 'RequestIdExtension',
      folder: 'packages/extension-request-id',
    });
    expect([...generated.files].sort()).toEqual([
      '.changeset/request-id-initial.md',
      'packages/extension-request-id/LICENSE',
      'packages/extension-request-id/README.md',
      'packages/extension-request-id/package.json',
      'packages/extension-request-id/src/index.test.ts',
      'packages/extension-request-id/src/index.ts',
      'packages/extension-request-id/src/package.test.ts',
      'packages/extension-request-id/tsconfig.json',
      'packages/extension-request-id/tsdown.config.ts',
      'packages/extension-request-id/vitest.config.ts',
      'packages/extension-request-id/vitest.lowest.config.ts',
    ]);
    for (const file of generated.files) expect(existsSync(join(root, file))).toBe(true);
    const all = generated.files.map((file) => readFileSync(join(root, file), 'utf8')).join('\n');
    expect(all).not.toMatch(/\{\{|\}\}/); // every placeholder filled
  });

  it("names everything after the repository's own scope and GitHub repository", () => {
    const root = workspace();
    generateExtension(root, 'request-id');
    const manifest = readJson(join(root, 'packages/extension-request-id/package.json'));
    expect(manifest).toMatchObject({
      name: '@oldco/extension-request-id',
      homepage: 'https://github.com/oldco/old-repo/tree/main/packages/extension-request-id#readme',
      repository: { url: 'git+https://github.com/oldco/old-repo.git', directory: 'packages/extension-request-id' },
      bugs: 'https://github.com/oldco/old-repo/issues',
      dependencies: { '@oldco/extension-core': 'workspace:^' },
      peerDependencies: { '@azure/functions': '^4.1.0' },
    });
    const source = readFileSync(join(root, 'packages/extension-request-id/src/index.ts'), 'utf8');
    expect(source).toContain("import { defineExtension, option, setResponseHeader } from '@oldco/extension-core';");
    expect(source).toContain('export const RequestIdExtension = defineExtension({');
    expect(source).toContain("name: 'request-id',");
    expect(readFileSync(join(root, '.changeset/request-id-initial.md'), 'utf8')).toMatch(
      /^---\n"@oldco\/extension-request-id": minor\n---\n\nFirst release of @oldco\/extension-request-id: /,
    );
    expect(readFileSync(join(root, 'packages/extension-request-id/vitest.config.ts'), 'utf8')).toContain(
      "name: 'extension-request-id'",
    );
  });

  it('puts a given description, on one line and safely quoted, in package.json, the README and the changeset', () => {
    const root = workspace();
    generateExtension(root, 'api-key', { description: 'Answers 401 unless the "x-api-key"\n header\\matches.' });
    const sentence = 'Answers 401 unless the "x-api-key" header\\matches.';
    expect(readJson(join(root, 'packages/extension-api-key/package.json')).description).toBe(sentence);
    expect(readFileSync(join(root, 'packages/extension-api-key/README.md'), 'utf8')).toContain(`\n${sentence}\n`);
    expect(readFileSync(join(root, '.changeset/api-key-initial.md'), 'utf8')).toContain(sentence);
  });

  it('refuses a bad or taken name before writing anything', () => {
    const root = workspace();
    expect(() => generateExtension(root, 'Request_Id')).toThrow(/not a valid extension name/);
    expect(() => generateExtension(root, 'timer')).toThrow(/reserved/);
    expect(readdirSync(join(root, 'packages')).sort()).toEqual(['extension-core', 'extension-timer']);
    expect(existsSync(join(root, '.changeset', 'request_id-initial.md'))).toBe(false);
  });

  it('says what to run next: install, build, test, lint and type-check the new package', () => {
    const root = workspace();
    const steps = describeNextSteps(generateExtension(root, 'request-id'));
    expect(steps).toContain('pnpm install');
    expect(steps).toContain('pnpm --filter "@oldco/extension-request-id..." build');
    expect(steps).toContain('pnpm vitest run --project extension-request-id --project extension-request-id-lowest');
    expect(steps).toContain('pnpm --filter @oldco/extension-request-id lint');
    expect(steps).toContain('pnpm --filter @oldco/extension-request-id typecheck');
  });
});

// The template copies the reference extension's package shape and build configuration; when the timer's
// change, these say so.
describe('the generated package against packages/extension-timer', () => {
  const timer = readJson(join(REPO_ROOT, 'packages/extension-timer/package.json'));

  function generatedManifest() {
    const root = workspace();
    generateExtension(root, 'request-id');
    return readJson(join(root, 'packages/extension-request-id/package.json'));
  }

  it.each(['type', 'exports', 'main', 'module', 'types', 'files', 'engines', 'scripts', 'publishConfig', 'peerDependencies', 'license'])(
    'has the same %s',
    (field) => {
      expect(generatedManifest()[field]).toEqual(timer[field]);
    },
  );

  it('has the same tsconfig.json', () => {
    const root = workspace();
    generateExtension(root, 'request-id');
    expect(readFileSync(join(root, 'packages/extension-request-id/tsconfig.json'), 'utf8')).toBe(
      readFileSync(join(REPO_ROOT, 'packages/extension-timer/tsconfig.json'), 'utf8'),
    );
  });

  // Comments aside, the same build, except that the template's source maps are always `hidden`: the package checks
  // of `pnpm release` refuse a sourceMappingURL that points at a map `files` leaves out of the tarball.
  it('has the same tsdown.config.ts, with hidden source maps', () => {
    const root = workspace();
    generateExtension(root, 'request-id');
    const options = (text: string) =>
      text
        .split('\n')
        .filter((line) => !line.trimStart().startsWith('//'))
        .join('\n')
        .replace(/sourcemap: [^,]+,/, 'sourcemap: <any>,');
    const generated = readFileSync(join(root, 'packages/extension-request-id/tsdown.config.ts'), 'utf8');
    expect(options(generated)).toBe(options(readFileSync(join(REPO_ROOT, 'packages/extension-timer/tsdown.config.ts'), 'utf8')));
    expect(generated).toContain("sourcemap: 'hidden',");
  });

  it('has the same vitest.config.ts, but for the project name', () => {
    const root = workspace();
    generateExtension(root, 'request-id');
    expect(readFileSync(join(root, 'packages/extension-request-id/vitest.config.ts'), 'utf8')).toBe(
      readFileSync(join(REPO_ROOT, 'packages/extension-timer/vitest.config.ts'), 'utf8').replace(
        "name: 'extension-timer'",
        "name: 'extension-request-id'",
      ),
    );
  });

  it('declares no side effects: the generated extension registers nothing until the app calls configure()', () => {
    expect(generatedManifest().sideEffects).toBe(false);
  });

  it('depends on the SDK and uses the shared tool versions exactly as the timer does', () => {
    const generated = generatedManifest();
    const scoped = (deps: unknown) =>
      Object.fromEntries(Object.entries(deps as Record<string, string>).map(([name, range]) => [name.replace(/^@[^/]+\//, '@scope/'), range]));
    expect(scoped(generated.dependencies)).toEqual(scoped(timer.dependencies));
    // Plus the lowest @azure/functions the peer range allows, for its `-lowest` test project, as the SDK has it.
    const { 'azure-functions-4.1.0': lowest, ...shared } = generated.devDependencies as Record<string, string>;
    expect(scoped(timer.devDependencies)).toMatchObject(scoped(shared));
    const core = readJson(join(REPO_ROOT, 'packages/extension-core/package.json'));
    expect(lowest).toBe((core.devDependencies as Record<string, string>)['azure-functions-4.1.0']);
  });
});
