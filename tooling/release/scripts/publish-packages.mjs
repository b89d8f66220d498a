#!/usr/bin/env node
// The one publish command. `pnpm release` runs it once every package is built and validated; the release workflow
// runs `pnpm release`; the end-to-end test runs this same file against a local Verdaccio (`--tag e2e --no-git-tag`).
//
// `changeset publish` publishes every public workspace package whose version the registry does not have yet
// (through `pnpm publish`, which turns `workspace:` ranges into real ones), then tags each release in git.
// The registry and its credentials come from npm's own configuration (`npm_config_registry`, `.npmrc`, OIDC).
// Arguments are passed on to `changeset publish`: `--tag <dist-tag>`, `--no-git-tag`, `--otp <code>`.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const changesetCli = createRequire(`${repoRoot}package.json`).resolve('@changesets/cli/bin.js');

const result = spawnSync(process.execPath, [changesetCli, 'publish', ...process.argv.slice(2)], {
  cwd: repoRoot,
  stdio: 'inherit',
});
if (result.error) console.error(`Could not run changeset publish: ${result.error.message}`);
process.exit(result.status ?? 1);
