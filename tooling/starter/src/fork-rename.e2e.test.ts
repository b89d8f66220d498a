import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRepoIdentity } from './repo-identity.mjs';
import { startAzfx } from './testing/serving-process.js';
import { cleanEnvironment, copyWorkspace, REPO_ROOT, step } from './testing/workspace-copy.js';
import { readVitestReport } from './testing/vitest-report.js';
import { listSourceFiles } from './workspace.mjs';

// A fork renamed with one command, the recommended way (its own scope and repository, the upstream SDK kept), still
// installs from its lockfile and passes the checks a rename can break: every package builds and type-checks; the
// tests that name packages pass (the SDK, the timer, the sample with its deployable folder and its tarball names,
// the generator, the guide's examples, the list of published packages); and an extension generated in the fork
// depends on the upstream SDK and passes its tests on the latest @azure/functions and on 4.1.0. Lint is left out:
// a rename changes names in strings and imports, nothing a lint rule looks at; so is the rest of the suite, which
// would double the time of CI for no extra coverage of the rename.
describe('pnpm fork:rename in a copy of this repository', () => {
  let copy: { root: string; remove: () => void };
  let from: { scope: string; repo: string; sdk: string };
  let to: { scope: string; repo: string; sdk: string };
  let renameOutput: string;

  beforeAll(() => {
    copy = copyWorkspace();
    // The copy's lockfile may lag behind a package added since the last install: settle it before renaming.
    step(copy.root, 'pnpm', ['install', '--offline', '--no-frozen-lockfile']);
    from = readRepoIdentity(copy.root);
    to = { scope: from.scope === '@acme' ? '@acme-fork' : '@acme', repo: 'acme-corp/functions-extensions', sdk: from.sdk };
    renameOutput = step(copy.root, 'node', ['tooling/starter/fork-rename.mjs', '--scope', to.scope, '--repo', to.repo]).stdout;
  });

  afterAll(() => {
    copy.remove();
  });

  it('reports the rename and leaves no trace of the old scope or repository but the SDK it keeps', () => {
    expect(renameOutput).toContain(
      `Renamed npm scope ${from.scope} -> ${to.scope}, GitHub repository ${from.repo} -> ${to.repo}, SDK ${from.sdk} kept`,
    );
    expect(readRepoIdentity(copy.root)).toEqual(to);
    const leftovers = listSourceFiles(copy.root).filter((file) => {
      const text = readFileSync(join(copy.root, file), 'utf8').replaceAll(from.sdk, '');
      return text.includes(`${from.scope}/`) || text.includes(`github.com/${from.repo}`);
    });
    expect(leftovers).toEqual([]);
  });

  it('installs from the renamed lockfile without changing it, linking the kept SDK into the renamed packages', () => {
    step(copy.root, 'pnpm', ['install', '--offline', '--frozen-lockfile']);
    const linked = join(copy.root, 'packages', 'extension-timer', 'node_modules', ...from.sdk.split('/'));
    expect(existsSync(linked)).toBe(true);
    expect(realpathSync(linked)).toBe(realpathSync(join(copy.root, 'packages', 'extension-core')));
    const timer = JSON.parse(readFileSync(join(copy.root, 'packages', 'extension-timer', 'package.json'), 'utf8')) as {
      name: string;
    };
    expect(timer.name).toBe(`${to.scope}/extension-timer`);
  });

  it('builds and type-checks every package', () => {
    step(copy.root, 'pnpm', ['turbo', 'run', 'build', 'typecheck', 'typecheck:repo'], 600_000);
  });

  it('passes the tests that name packages', () => {
    step(
      copy.root,
      'pnpm',
      [
        'vitest',
        'run',
        ...['extension-core', 'extension-timer', 'http-sample'].flatMap((project) => ['--project', project]),
      ],
      600_000,
    );
    expectAllPassed(readVitestReport(copy.root), 'apps/http-sample/src/deploy.test.ts');
    step(copy.root, 'pnpm', [
      'vitest',
      'run',
      '--project',
      'starter',
      'tooling/starter/src/generate-extension.test.ts',
      'tooling/starter/src/writing-extensions-doc.test.ts',
      'tooling/starter/src/fork-rename.test.ts',
    ]);
    expectAllPassed(readVitestReport(copy.root), 'tooling/starter/src/writing-extensions-doc.test.ts');
    step(copy.root, 'pnpm', [
      'vitest',
      'run',
      '--project',
      'release',
      'tooling/release/src/package-validation.test.ts',
      '--testNamePattern',
      'finds the packages we publish',
    ]);
    expectAllPassed(readVitestReport(copy.root), 'tooling/release/src/package-validation.test.ts');
  });

  it('generates extensions under the new scope that depend on the kept SDK and pass their tests, also on 4.1.0', () => {
    step(copy.root, 'pnpm', ['gen', 'extension', 'fork-probe']);
    step(copy.root, 'pnpm', ['install', '--prefer-offline', '--no-frozen-lockfile']);
    const manifest = JSON.parse(readFileSync(join(copy.root, 'packages', 'extension-fork-probe', 'package.json'), 'utf8')) as {
      name: string;
      dependencies: Record<string, string>;
    };
    expect(manifest).toMatchObject({ name: `${to.scope}/extension-fork-probe`, dependencies: { [from.sdk]: 'workspace:^' } });
    step(copy.root, 'pnpm', ['--filter', `${to.scope}/extension-fork-probe...`, 'run', 'build']);
    step(copy.root, 'pnpm', ['vitest', 'run', '--project', 'extension-fork-probe', '--project', 'extension-fork-probe-lowest']);
    const report = readVitestReport(copy.root);
    expectAllPassed(report, 'packages/extension-fork-probe/src/index.test.ts');
    expect(report.testResults.filter((file) => file.name.endsWith('index.test.ts'))).toHaveLength(2);
  });

  // Why the SDK is kept: the fork's extension, published, lives beside ours in a customer's app with one SDK. The
  // app's node_modules are laid out as npm installs the published packages: our SDK and timer (this repository's
  // builds), the fork's extension (the copy's build), each copied with its manifest, and one @azure/functions.
  it("runs the fork's extension beside @azfx/extension-timer in one app, with one SDK and one start-up line", async () => {
    const appRoot = mkdtempSync(join(tmpdir(), 'azfx-fork-app-'));
    const probe = `${to.scope}/extension-fork-probe`;
    const timer = JSON.parse(readFileSync(join(REPO_ROOT, 'packages', 'extension-timer', 'package.json'), 'utf8')) as { name: string };
    const install = (name: string, packageDir: string) => {
      const target = join(appRoot, 'node_modules', ...name.split('/'));
      mkdirSync(target, { recursive: true });
      cpSync(join(packageDir, 'package.json'), join(target, 'package.json'));
      cpSync(join(packageDir, 'dist'), join(target, 'dist'), { recursive: true });
    };
    install(from.sdk, join(REPO_ROOT, 'packages', 'extension-core'));
    install(timer.name, join(REPO_ROOT, 'packages', 'extension-timer'));
    install(probe, join(copy.root, 'packages', 'extension-fork-probe'));
    const library = realpathSync(join(REPO_ROOT, 'packages', 'extension-core', 'node_modules', '@azure', 'functions'));
    mkdirSync(join(appRoot, 'node_modules', '@azure'), { recursive: true });
    symlinkSync(library, join(appRoot, 'node_modules', '@azure', 'functions'), 'dir');
    writeFileSync(join(appRoot, 'host.json'), JSON.stringify({ version: '2.0' }));
    writeFileSync(join(appRoot, 'package.json'), JSON.stringify({ name: 'customer-app', main: 'index.js' }));
    writeFileSync(
      join(appRoot, 'index.js'),
      [
        "const { app } = require('@azure/functions');",
        `const { TimerExtension } = require(${JSON.stringify(timer.name)});`,
        `const { ForkProbeExtension } = require(${JSON.stringify(probe)});`,
        'TimerExtension.configure({ appendToHttpResponse: true });',
        'ForkProbeExtension.configure();',
        "app.http('hello', { methods: ['GET'], handler: () => ({ body: 'hi' }) });",
      ].join('\n'),
    );

    const host = await startAzfx(copy.root, appRoot, cleanEnvironment());
    try {
      const response = await fetch(new URL('/api/hello', host.url));
      expect(response.headers.get('x-fork-probe')).toBe('hello');
      expect(response.headers.get('server-timing')).toMatch(/^total;dur=/);
      expect(await response.text()).toMatch(/^hi \(TimeElapsed: \d+\.\d+ sec\)$/);
      const startup = host.output().match(/\[azfx\] Extensions: .*/g);
      expect(startup).toEqual(['[azfx] Extensions: timer (app), fork-probe (app); disabled: none']);
    } finally {
      await host.stop();
      rmSync(appRoot, { recursive: true, force: true });
    }
  });

  it('links changelog entries to the new repository', async () => {
    const config = JSON.parse(readFileSync(join(copy.root, '.changeset', 'config.json'), 'utf8')) as {
      changelog: [string, Record<string, unknown>];
    };
    const changelog = createRequire(join(copy.root, '.changeset', 'config.json'))(config.changelog[0]) as {
      default: { getReleaseLine: (changeset: object, type: string, options: unknown) => Promise<string> };
    };
    // A commit that exists, since the changelog asks git for its subject (to find a pull request number).
    const commit = step(REPO_ROOT, 'git', ['rev-parse', 'HEAD']).stdout.trim();
    const line = await changelog.default.getReleaseLine(
      { id: 'fork', summary: 'Forked.', releases: [], commit },
      'minor',
      config.changelog[1],
    );
    expect(line).toContain(`[\`${commit.slice(0, 7)}\`](https://github.com/${to.repo}/commit/${commit})`);
  });
});

function expectAllPassed(report: ReturnType<typeof readVitestReport>, mustInclude: string): void {
  expect(report.numFailedTests).toBe(0);
  expect(report.numPassedTests).toBeGreaterThan(0);
  expect(report.testResults.map((file) => file.status)).not.toContain('failed');
  expect(report.testResults.map((file) => file.name)).toContainEqual(expect.stringContaining(mustInclude));
}
