// @ts-check
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkExtensionName, pascalCase } from './extension-name.mjs';
import { renderTemplate } from './render-template.mjs';
import { readRepoIdentity } from './repo-identity.mjs';

/** The package's files, one template each; paths inside mirror the generated package, minus `.tmpl`. */
const PACKAGE_TEMPLATES = fileURLToPath(new URL('../templates/extension', import.meta.url));
/** The first release's changeset, which lives outside the package, in `.changeset/`. */
const CHANGESET_TEMPLATE = fileURLToPath(new URL('../templates/changeset.md.tmpl', import.meta.url));

/**
 * @typedef {object} GeneratedExtension
 * @property {string} name        e.g. `request-id`
 * @property {string} packageName e.g. `@azfx/extension-request-id`
 * @property {string} exportName  e.g. `RequestIdExtension`
 * @property {string} folder      e.g. `packages/extension-request-id`
 * @property {string[]} files     every file written, relative to the workspace root
 */

/** @param {string} dir @returns {string[]} template paths relative to `dir`, `/`-separated */
function listTemplates(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.tmpl'))
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

/**
 * Creates `packages/extension-<name>` and its first changeset from the templates, named after the repository's
 * own scope and GitHub repository (so a renamed fork generates packages under its new name). Everything is
 * checked and rendered before the first file is written: a refused name leaves no half-made folder behind.
 * @param {string} root the workspace root
 * @param {string | undefined} name
 * @param {{ description?: string | undefined }} [options]
 * @returns {GeneratedExtension}
 */
export function generateExtension(root, name, options = {}) {
  const { scope, repo, sdk } = readRepoIdentity(root);
  checkExtensionName(root, scope, name);
  const extensionName = /** @type {string} */ (name);
  const folder = `packages/extension-${extensionName}`;
  const packageName = `${scope}/extension-${extensionName}`;
  const exportName = `${pascalCase(extensionName)}Extension`;
  // One line, whatever was typed: it goes into package.json, the README's first paragraph and the changeset.
  const description =
    options.description?.replace(/\s+/g, ' ').trim() ||
    `The ${extensionName} worker extension for Azure Functions on Node.js, built on ${sdk}.`;
  const values = {
    name: extensionName,
    scope,
    repo,
    // The SDK's package name: `<scope>/extension-core`, or the upstream SDK's in a fork that keeps it.
    sdk,
    packageName,
    exportName,
    folder,
    description,
    // The same sentence inside a JSON string: quotes and backslashes escaped.
    descriptionJson: JSON.stringify(description).slice(1, -1),
  };

  /** @type {{ path: string, content: string }[]} */
  const outputs = listTemplates(PACKAGE_TEMPLATES).map((template) => ({
    path: `${folder}/${template.slice(0, -'.tmpl'.length)}`,
    content: renderTemplate(readFileSync(join(PACKAGE_TEMPLATES, template), 'utf8'), values, template),
  }));
  // Every published package ships the repository's licence (npm shows it, and the tarball must carry it).
  const license = join(root, 'LICENSE');
  if (existsSync(license)) outputs.push({ path: `${folder}/LICENSE`, content: readFileSync(license, 'utf8') });
  outputs.push({
    path: `.changeset/${extensionName}-initial.md`,
    content: renderTemplate(readFileSync(CHANGESET_TEMPLATE, 'utf8'), values, 'changeset.md.tmpl'),
  });

  for (const output of outputs) {
    const target = join(root, output.path);
    if (existsSync(target)) throw new Error(`${output.path} appeared while generating: nothing was overwritten.`);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, output.content, { flag: 'wx' });
  }
  return { name: extensionName, packageName, exportName, folder, files: outputs.map((output) => output.path) };
}

/**
 * What to run after generating, in order: link the new package, build it with what it depends on, check it, and
 * try it in the sample app.
 * @param {GeneratedExtension} generated
 */
export function describeNextSteps(generated) {
  const { packageName, folder, name } = generated;
  /** @type {[command: string, why: string][]} */
  const steps = [
    ['pnpm install', `link ${packageName} into the workspace`],
    [`pnpm --filter "${packageName}..." build`, 'build it and what it depends on'],
    [`pnpm vitest run --project extension-${name} --project extension-${name}-lowest`, 'run its tests (on @azure/functions latest and 4.1.0)'],
    [`pnpm --filter ${packageName} lint`, 'lint it'],
    [`pnpm --filter ${packageName} typecheck`, 'type-check it'],
  ];
  const width = Math.max(...steps.map(([command]) => command.length));
  return [
    'Next steps:',
    ...steps.map(([command, why]) => `  ${command.padEnd(width)}  # ${why}`),
    '',
    `Then write your hooks in ${folder}/src/index.ts, describe them in its README.md and in`,
    `.changeset/${name}-initial.md, and try the extension in apps/http-sample: see docs/writing-extensions.md.`,
  ].join('\n');
}
