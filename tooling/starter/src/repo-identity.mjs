// @ts-check
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from './usage-error.mjs';
import { listPackages, readJson } from './workspace.mjs';

/**
 * @typedef {object} RepoIdentity
 * @property {string} scope The npm scope every published package uses, with its `@`.
 * @property {string} repo  The GitHub repository as `owner/name`, as the changelog links to it.
 */

/**
 * Reads the identity a fork inherits, from the two places that define it: the names of the published packages and
 * the changelog's `repo` option. Nothing is hard-coded, so the generator and a second rename keep working after a
 * fork has been renamed once.
 * @param {string} root
 * @returns {RepoIdentity}
 */
export function readRepoIdentity(root) {
  return { scope: readScope(root), repo: readChangelogRepo(root) };
}

/** @param {string} root */
function readScope(root) {
  const scopes = new Set();
  for (const { manifest } of listPackages(root)) {
    if (manifest.private === true || typeof manifest.name !== 'string') continue;
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
