// @ts-check
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from './usage-error.mjs';
import { listPackages } from './workspace.mjs';

/**
 * Names that would collide with what the repository already ships, even in a fork that has deleted those folders:
 * `core` is the SDK every extension depends on, `timer` the reference extension published under the same scope.
 */
export const RESERVED_EXTENSION_NAMES = Object.freeze(['core', 'timer']);

const KEBAB_CASE = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const MAX_LENGTH = 50;
const RULE = `Extension names are lowercase kebab-case: a letter first, then letters, digits and single hyphens, at most ${MAX_LENGTH} characters (e.g. request-id).`;

/**
 * The kebab-case spelling of what someone probably meant (`RequestId`, `request_id`, `Request ID` -> `request-id`),
 * offered in the error message; undefined when nothing sensible comes out.
 * @param {string} input
 */
function suggestKebabCase(input) {
  const guess = input
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return guess !== input && KEBAB_CASE.test(guess) && guess.length <= MAX_LENGTH ? guess : undefined;
}

/**
 * Checks a name given to `pnpm gen extension <name>` before anything is written: the name becomes a folder
 * (`packages/extension-<name>`), an npm package (`@scope/extension-<name>`), the extension's runtime name (in logs
 * and AZFX_EXTENSIONS_DISABLED) and a TypeScript identifier, so it must be valid as all four.
 * @param {string} root the workspace root, to refuse names already taken
 * @param {string} scope the npm scope the package will be published under
 * @param {string | undefined} name
 */
export function checkExtensionName(root, scope, name) {
  if (name === undefined || name.trim() === '') {
    throw new UsageError(`Name the extension: pnpm gen extension <name>. ${RULE}`);
  }
  const shortName = /^@[^/]+\/(?:extension-)?(.+)$/.exec(name)?.[1];
  if (shortName !== undefined) {
    throw new UsageError(`Give the extension's short name, not a package name: pnpm gen extension ${shortName} creates ${scope}/extension-${shortName}.`);
  }
  if (name.startsWith('extension-')) {
    const rest = name.slice('extension-'.length);
    throw new UsageError(`Leave off the "extension-" prefix: pnpm gen extension ${rest} creates packages/extension-${rest}.`);
  }
  if (!KEBAB_CASE.test(name) || name.length > MAX_LENGTH) {
    const suggestion = suggestKebabCase(name);
    throw new UsageError(`"${name}" is not a valid extension name. ${RULE}${suggestion ? ` Did you mean "${suggestion}"?` : ''}`);
  }
  if (RESERVED_EXTENSION_NAMES.includes(name)) {
    throw new UsageError(
      `"${name}" is reserved: ${scope}/extension-${name} is already part of this repository. Reserved names: ${RESERVED_EXTENSION_NAMES.join(', ')}.`,
    );
  }
  const packageName = `${scope}/extension-${name}`;
  const folder = `packages/extension-${name}`;
  if (existsSync(join(root, folder))) {
    throw new UsageError(`${folder} already exists: choose another name, or delete the folder first.`);
  }
  if (listPackages(root).some(({ manifest }) => manifest.name === packageName)) {
    throw new UsageError(`A package named ${packageName} already exists under packages/: choose another name.`);
  }
  if (existsSync(join(root, '.changeset', `${name}-initial.md`))) {
    throw new UsageError(`.changeset/${name}-initial.md already exists: choose another name, or delete that changeset first.`);
  }
}

/**
 * `request-id` -> `RequestId`: the stem of the exported identifier (`RequestIdExtension`).
 * @param {string} name a valid extension name
 */
export function pascalCase(name) {
  return name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}
