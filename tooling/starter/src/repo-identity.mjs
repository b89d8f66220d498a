// @ts-check
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { UsageError } from './usage-error.mjs';
import { listPackages, readJson } from './workspace.mjs';

/**
 * @typedef {object} RepoIdentity
 * @property {string} scope The npm scope the repository's own packages use, with its `@`.
 * @property {string} repo  The GitHub repository as `owner/name`, as the changelog links to it.
 * @property {string} sdk   The name of the extension SDK (packages/extension-core), which extensions depend on. A
 *   fork that keeps depending on the upstream SDK keeps its name while its own packages take the fork's scope.
 */

/** The folder of the SDK, whatever it is named. */
export const SDK_FOLDER = 'extension-core';

/**
 * Reads the identity a fork inherits, from the places that define it: the names of the published packages and
 * the changelog's `repo` option. Nothing is hard-coded, so the generator and a second rename keep working after a
 * fork has been renamed once.
 * @param {string} root
 * @returns {RepoIdentity}
 */
export function readRepoIdentity(root) {
  return { scope: readScope(root), repo: readChangelogRepo(root), sdk: readSdkName(root) };
}

/** @param {string} root */
function readSdkName(root) {
  const sdk = listPackages(root).find(({ dir }) => basename(dir) === SDK_FOLDER)?.manifest.name;
  if (typeof sdk !== 'string') {
    throw new UsageError(`packages/${SDK_FOLDER}/package.json is missing or has no name: cannot tell which SDK extensions depend on.`);
  }
  return sdk;
}

/**
 * The scope of the published packages. The SDK counts only when it is the sole package: a fork that keeps the
 * upstream SDK's name has every other package under its own scope.
 * @param {string} root
 */
function readScope(root) {
  const scopes = new Set();
  const published = listPackages(root).filter(({ manifest }) => manifest.private !== true);
  const own = published.filter(({ dir }) => basename(dir) !== SDK_FOLDER);
  for (const { manifest } of own.length > 0 ? own : published) {
    if (typeof manifest.name !== 'string') continue;
    const scope = /^(@[^/]+)\//.exec(manifest.name)?.[1];
    if (scope === undefined) {
      throw new UsageError(`packages/: "${manifest.name}" has no npm scope. Every published package here is named @scope/name.`);
    }
    scopes.add(scope);
  }
  const [scope, ...others] = [...scopes];
  if (scope === undefined) {
    throw new UsageError('No published package under packages/: cannot tell which npm scope this repository uses.');
  }
  if (others.length > 0) {
    throw new UsageError(`The packages under packages/ use several npm scopes (${[...scopes].join(', ')}): make them share one first.`);
  }
  return scope;
}

/** @param {string} root */
function readChangelogRepo(root) {
  const configPath = join(root, '.changeset', 'config.json');
  if (!existsSync(configPath)) {
    throw new UsageError('.changeset/config.json is missing: cannot tell which GitHub repository the changelog links to.');
  }
  const config = readJson(configPath);
  const changelog = config !== null && typeof config === 'object' && 'changelog' in config ? config.changelog : undefined;
  const options = Array.isArray(changelog) ? /** @type {unknown[]} */ (changelog)[1] : undefined;
  const repo = options !== null && typeof options === 'object' && 'repo' in options ? options.repo : undefined;
  if (typeof repo !== 'string') {
    throw new UsageError('.changeset/config.json: the changelog entry has no "repo" option ("owner/name").');
  }
  return repo;
}
