#!/usr/bin/env node
// @ts-check
// `pnpm fork:rename --scope @acme --repo acme/functions-extensions [--own-sdk] [--dry-run]`: moves a fork to its own
// npm scope and GitHub repository in every file that names them. The SDK keeps its upstream name unless --own-sdk:
// extensions that share one SDK package share one registry, so a fork's extensions live beside ours in one app.
import { applyRename, describeRename, planRename } from './src/fork-rename.mjs';
import { parseRepo, parseScope } from './src/fork-identity-input.mjs';
import { readRepoIdentity, SDK_FOLDER } from './src/repo-identity.mjs';
import { parseCommandLine, runCli } from './src/run-cli.mjs';
import { UsageError } from './src/usage-error.mjs';
import { findWorkspaceRoot } from './src/workspace.mjs';

const USAGE = `Usage: pnpm fork:rename [--scope @your-scope] [--repo owner/name] [--keep-sdk | --own-sdk] [--dry-run]

Renames the npm scope of every package and the GitHub repository that package.json links, READMEs, docs and
changelog links (.changeset/config.json) point to. Give --scope, --repo or both.

  --scope     the npm scope to publish under, e.g. @acme
  --repo      the GitHub repository of your fork, e.g. acme/functions-extensions
  --keep-sdk  (the default) keep the SDK's name: your extensions depend on the published upstream SDK, so they
              share one registry with every other extension of an app; you never publish the SDK yourself
  --own-sdk   rename the SDK too (<scope>/${SDK_FOLDER}), and publish and maintain it yourself
  --dry-run   list every line that would change, and change nothing`;

runCli(() => {
  const { values, positionals } = parseCommandLine(process.argv.slice(2), {
    scope: { type: 'string' },
    repo: { type: 'string' },
    'keep-sdk': { type: 'boolean' },
    'own-sdk': { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help === true) {
    console.log(USAGE);
    return;
  }
  if (positionals.length > 0) {
    throw new UsageError(`Unexpected argument "${positionals.join(' ')}": name what to rename with --scope and --repo.`);
  }
  if (values.scope === undefined && values.repo === undefined && values['own-sdk'] !== true) {
    throw new UsageError('Nothing to rename: give --scope, --repo or both.');
  }
  if (values['keep-sdk'] === true && values['own-sdk'] === true) {
    throw new UsageError('--keep-sdk and --own-sdk contradict each other: give one (keeping the SDK is the default).');
  }
  const root = findWorkspaceRoot(process.cwd());
  const from = readRepoIdentity(root);
  const scope = values.scope === undefined ? from.scope : parseScope(values.scope);
  const to = {
    scope,
    repo: values.repo === undefined ? from.repo : parseRepo(values.repo),
    sdk: values['own-sdk'] === true ? `${scope}/${SDK_FOLDER}` : from.sdk,
  };
  if (to.scope === from.scope && to.repo === from.repo && to.sdk === from.sdk) {
    console.log(`Nothing to change: this repository already uses ${from.scope} and ${from.repo}, with the SDK ${from.sdk}.`);
    return;
  }
  const plan = planRename(root, from, to);
  const dryRun = values['dry-run'] === true;
  console.log(`${dryRun ? 'Would rename' : 'Renamed'} ${describeRename(plan, { showLines: dryRun })}`);
  if (dryRun) {
    console.log('\nDry run: nothing was written. Run again without --dry-run to apply.');
    return;
  }
  applyRename(root, plan);
  const keptSdk =
    to.sdk === from.sdk && to.scope !== from.scope
      ? `\n\n${to.sdk} keeps its name: your extensions depend on the published SDK, and you never publish it. Let no changeset\nof yours name it (see "Publishing from a fork" in docs/writing-extensions.md).`
      : '';
  console.log(`
Next steps:
  pnpm install   relink the workspace packages under their new names
  pnpm check     build, lint, type-check and test everything
  git diff       review the rename, then commit it${keptSdk}`);
}, USAGE);
