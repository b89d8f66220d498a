#!/usr/bin/env node
// @ts-check
// `pnpm gen extension <name>`: scaffolds packages/extension-<name>, a package that builds, lints, type-checks and
// passes its tests as generated, plus the changeset for its first release.
import { describeNextSteps, generateExtension } from './src/generate-extension.mjs';
import { parseCommandLine, runCli } from './src/run-cli.mjs';
import { UsageError } from './src/usage-error.mjs';
import { findWorkspaceRoot } from './src/workspace.mjs';

const USAGE = `Usage: pnpm gen extension <name> [--description "what it does"]

Creates packages/extension-<name>: an extension built with defineExtension, its test against the real
@azure/functions, a README, package.json, tsconfig, tsdown and vitest configs, and .changeset/<name>-initial.md.

  <name>         lowercase kebab-case, e.g. request-id (becomes @scope/extension-request-id)
  --description  one sentence for package.json and the README`;

const GENERATORS = ['extension'];

runCli(() => {
  const { values, positionals } = parseCommandLine(process.argv.slice(2), {
    description: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help === true) {
    console.log(USAGE);
    return;
  }
  const [generator, name, ...extra] = positionals;
  if (generator === undefined) {
    throw new UsageError(`Say what to generate: pnpm gen extension <name>. Available generators: ${GENERATORS.join(', ')}.`);
  }
  if (!GENERATORS.includes(generator)) {
    throw new UsageError(`Unknown generator "${generator}". Available generators: ${GENERATORS.join(', ')}.`);
  }
  if (extra.length > 0) {
    throw new UsageError(`Unexpected argument "${extra.join(' ')}": pnpm gen extension takes one name.`);
  }
  const root = findWorkspaceRoot(process.cwd());
  const generated = generateExtension(root, name, { description: values.description });
  console.log(`Created ${generated.packageName} (${generated.exportName}):`);
  for (const file of generated.files) console.log(`  ${file}`);
  console.log(`\n${describeNextSteps(generated)}`);
}, USAGE);
