import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { listExamples, renderExample } from './examples.mjs';
import { readRepoIdentity } from './repo-identity.mjs';
import { applyGuideDiff, bodyPattern, guideCommand, guideCurls, guideJsonAfter, type CurlExample } from './testing/guide.js';
import { type PnpmDev, startPnpmDev } from './testing/serving-process.js';
import { cleanEnvironment, copyWorkspace, run, step } from './testing/workspace-copy.js';
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
    // New packages change the lockfile: that is the first next step the generator prints. Offline where the store
    // has what is needed; a package whose metadata the store lacks comes from the registry.
    step(copy.root, 'pnpm', ['install', '--prefer-offline', '--no-frozen-lockfile']);
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

  // Steps 3 and 4 of docs/writing-extensions.md and the request-id example, as a reader follows them: the guide's
  // own commands, diffs and settings, then `pnpm dev` and the answers it shows for each `curl`.
  describe('walking the guide in the sample app', () => {
    let guide: string;
    let curls: CurlExample[];
    let dev: PnpmDev | undefined;
    const sample = (path: string) => join(copy.root, 'apps', 'http-sample', path);
    const edit = (path: string, marker: string) => {
      writeFileSync(sample(path), applyGuideDiff(guide, marker, readFileSync(sample(path), 'utf8')));
    };
    const addToSample = (extension: string) => {
      const [command = '', ...args] = guideCommand(guide, new RegExp(`^pnpm --filter http-sample add "\\S+/extension-${extension}@`));
      step(copy.root, command, [...args, '--prefer-offline']);
    };
    const startedLine = (text: string) => /\[azfx\] Extensions: .*$/m.exec(text)?.[0];
    async function expectAnswer(example: CurlExample): Promise<void> {
      const response = await fetch(new URL(example.path, dev?.url), { headers: example.headers });
      expect({ path: example.path, status: response.status }).toEqual({ path: example.path, status: example.status });
      for (const name of example.headerNames) expect(response.headers.has(name), `${example.path}: ${name}`).toBe(true);
      expect(await response.text()).toMatch(bodyPattern(example.body));
    }

    beforeAll(() => {
      guide = readFileSync(join(copy.root, 'docs', 'writing-extensions.md'), 'utf8');
      curls = guideCurls(guide);
      expect(curls.map((curl) => curl.path)).toEqual([
        '/api/greeting/Ada',
        '/api/greeting/Ada',
        '/api/HttpTrigger?name=Azure',
        '/api/greeting/Ada',
        '/api/HttpTrigger?name=Azure',
      ]);
    });

    afterEach(async () => {
      await dev?.stop();
      dev = undefined;
    });

    it('adds the API key check to the sample and answers as the guide shows under pnpm dev', async () => {
      addToSample('api-key');
      edit('src/extensions.ts', '+import { ApiKeyExtension }');
      writeFileSync(sample('local.settings.json'), JSON.stringify(guideJsonAfter(guide, 'Give the app a key'), null, 2));

      dev = await startPnpmDev(copy.root, cleanEnvironment());
      expect(startedLine(dev.output())).toBe(startedLine(guide));
      for (const example of curls.slice(0, 3)) await expectAnswer(example);
      await dev.waitFor(/\[api-key\] Greeting: refused a request without a valid x-api-key header\./);
      await dev.waitFor(/\[timer\] Greeting \(invocation [\w-]+\) answered early in/);
    });

    it('switches it off with AZFX_EXTENSIONS_DISABLED=api-key pnpm dev', async () => {
      const [assignment = ''] = guideCommand(guide, /^AZFX_EXTENSIONS_DISABLED=\S+ pnpm dev$/);
      const [name = '', value = ''] = assignment.split('=');
      dev = await startPnpmDev(copy.root, { ...cleanEnvironment(), [name]: value });
      expect(startedLine(dev.output())).toMatch(/; disabled: api-key$/);
      expect(guide).toContain(startedLine(dev.output()));
      const example = curls[3];
      if (example !== undefined) await expectAnswer(example);
    });

    it('replaces the sample\'s request-id extension with the package, whose id the function reads', async () => {
      addToSample('request-id');
      edit('src/extensions.ts', '+import { RequestIdExtension }');
      edit('src/functions/HttpTrigger.ts', '+import { currentRequestId }');

      dev = await startPnpmDev(copy.root, cleanEnvironment());
      const example = curls[4];
      if (example !== undefined) await expectAnswer(example);
      await dev.waitFor(/HTTP trigger function processed request ticket-42 for url/);
    });
  });

  // Step 5 of the guide: what the changesets say, and what `pnpm version-packages` makes of them. A git repository
  // first, as a clone has: changesets reads the commit that added each changeset for the changelog's links.
  it('versions the new packages with changesets as the guide shows', () => {
    step(copy.root, 'git', ['init', '-q', '-b', 'main']);
    step(copy.root, 'git', ['add', '-A']);
    step(copy.root, 'git', ['-c', 'user.name=e2e', '-c', 'user.email=e2e@example.invalid', 'commit', '-qm', 'generated']);
    const guide = readFileSync(join(copy.root, 'docs', 'writing-extensions.md'), 'utf8');
    const [status = '', ...statusArgs] = guideCommand(guide, /^pnpm changeset status$/);
    const planned = step(copy.root, status, statusArgs).output;
    expect(planned).toMatch(new RegExp(`Packages to be bumped at minor:[\\s\\S]*- ${packageOf('api-key')}\\n`));
    const [version = '', ...versionArgs] = guideCommand(guide, /^pnpm version-packages$/);
    step(copy.root, version, versionArgs);
    const changelog = readFileSync(join(copy.root, 'packages', 'extension-api-key', 'CHANGELOG.md'), 'utf8');
    expect(changelog).toContain(`# ${packageOf('api-key')}\n\n## 0.1.0\n\n### Minor Changes\n`);
    expect(changelog).toContain(`First release of ${packageOf('api-key')}:`);
  });

  it('refuses the same name again, and a bad one, with a clear message', () => {
    const again = run(copy.root, 'pnpm', ['gen', 'extension', probe]);
    expect(again.status).not.toBe(0);
    expect(again.output).toContain(`packages/extension-${probe} already exists`);
    const bad = run(copy.root, 'pnpm', ['gen', 'extension', 'Bad_Name']);
    expect(bad.status).not.toBe(0);
    expect(bad.output).toContain('Extension names are lowercase kebab-case');
    expect(bad.output).toContain('Did you mean "bad-name"?');
    // The refusal docs/writing-extensions.md shows, word for word.
    const guide = readFileSync(join(copy.root, 'docs', 'writing-extensions.md'), 'utf8');
    const [command = '', ...args] = guideCommand(guide, /^pnpm gen extension ApiKey$/);
    const shown = /^\$ pnpm gen extension ApiKey\n(Error: .*)$/m.exec(guide)?.[1];
    expect(shown).toBeDefined();
    expect(run(copy.root, command, args).output).toContain(shown);
  });
});
