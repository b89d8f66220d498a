import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listExamples, renderExample } from './examples.mjs';
import { readRepoIdentity } from './repo-identity.mjs';
import { copyWorkspace, run, step } from './testing/workspace-copy.js';
import { readVitestReport } from './testing/vitest-report.js';

// What the issue promises: `pnpm gen extension <name>` makes a package that builds, lints, type-checks and passes
// its tests without edits. Checked in a copy of the repository, with the commands the generator prints. The worked
// examples of docs/writing-extensions.md go through the same steps, each in a package generated under its name.
describe('pnpm gen extension in a copy of this repository', () => {
  const probe = 'starter-probe';
  const examples = listExamples();
  let copy: { root: string; remove: () => void };
  let scope: string;
  let sdk: string;
  let genOutput: string;
  const packageOf = (name: string) => `${scope}/extension-${name}`;
  const allNames = () => [probe, ...examples];

  beforeAll(() => {
    copy = copyWorkspace();
    ({ scope, sdk } = readRepoIdentity(copy.root));
    genOutput = step(copy.root, 'pnpm', ['gen', 'extension', probe]).stdout;
    for (const example of examples) {
      step(copy.root, 'pnpm', ['gen', 'extension', example]);
      for (const [path, content] of Object.entries(renderExample(example, { sdk }))) {
        writeFileSync(join(copy.root, 'packages', `extension-${example}`, path), content);
      }
    }
    // New packages change the lockfile: that is the first next step the generator prints.
    step(copy.root, 'pnpm', ['install', '--offline', '--no-frozen-lockfile']);
  });

  afterAll(() => {
    copy.remove();
  });

  it('reports what it created and the next steps', () => {
    expect(genOutput).toContain(`Created ${packageOf(probe)}`);
    expect(genOutput).toContain(`packages/extension-${probe}/src/index.ts`);
    expect(genOutput).toContain(`.changeset/${probe}-initial.md`);
    expect(genOutput).toContain('Next steps:');
  });

  it('builds, with dual ESM and CommonJS output and declarations', () => {
    step(copy.root, 'pnpm', [...allNames().flatMap((name) => ['--filter', `${packageOf(name)}...`]), 'run', 'build']);
    for (const name of allNames()) {
      for (const file of ['index.mjs', 'index.cjs', 'index.d.mts', 'index.d.cts']) {
        expect(existsSync(join(copy.root, 'packages', `extension-${name}`, 'dist', file)), `${name}: dist/${file}`).toBe(true);
      }
    }
  });

  it('lints with zero warnings and type-checks', () => {
    const filters = allNames().flatMap((name) => ['--filter', packageOf(name)]);
    step(copy.root, 'pnpm', [...filters, 'run', 'lint']);
    step(copy.root, 'pnpm', [...filters, 'run', 'typecheck']);
  });

  // Their tests include src/package.test.ts, which loads the build in plain Node as ESM and as CommonJS; the
  // `-lowest` project runs the others again against @azure/functions 4.1.0, the lowest the peer range allows.
  it('passes its tests, on the latest @azure/functions and on 4.1.0', () => {
    const projects = allNames().flatMap((name) => ['--project', `extension-${name}`, '--project', `extension-${name}-lowest`]);
    step(copy.root, 'pnpm', ['vitest', 'run', ...projects]);
    const report = readVitestReport(copy.root);
    expect(report.numFailedTests).toBe(0);
    expect(report.numPassedTests).toBeGreaterThan(0);
    const files = report.testResults.map((file) => file.name.slice(copy.root.length + 1)).sort();
    expect(files).toEqual(
      allNames()
        .flatMap((name) => [
          `packages/extension-${name}/src/index.test.ts`,
          `packages/extension-${name}/src/index.test.ts`,
          `packages/extension-${name}/src/package.test.ts`,
        ])
        .sort(),
    );
    expect(report.testResults.map((file) => file.status)).not.toContain('failed');
  });

  // The checks `pnpm release` runs before it publishes anything: publint, Are the Types Wrong?, the tarball's
  // contents, the licence. Only the new packages are selected; the others have tests of their own.
  it('passes the release checks on what `pnpm publish` would upload', () => {
    const names = allNames().map((name) => packageOf(name).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
    step(copy.root, 'pnpm', [
      'vitest',
      'run',
      '--project',
      'release',
      'tooling/release/src/package-validation.test.ts',
      '--testNamePattern',
      // vitest names each package's tests `'<name>' <check>`.
      `'(${names.join('|')})' `,
    ]);
    const report = readVitestReport(copy.root);
    expect(report.numFailedTests).toBe(0);
    expect(report.numPassedTests).toBeGreaterThanOrEqual(allNames().length * 5);
  });

  it('refuses the same name again, and a bad one, with a clear message', () => {
    const again = run(copy.root, 'pnpm', ['gen', 'extension', probe]);
    expect(again.status).not.toBe(0);
    expect(again.output).toContain(`packages/extension-${probe} already exists`);
    const bad = run(copy.root, 'pnpm', ['gen', 'extension', 'Bad_Name']);
    expect(bad.status).not.toBe(0);
    expect(bad.output).toContain('Extension names are lowercase kebab-case');
    expect(bad.output).toContain('Did you mean "bad-name"?');
  });
});
