// @ts-check
import { UsageError } from './usage-error.mjs';

const SCOPE_EXAMPLE = '@acme';
const REPO_EXAMPLE = 'acme/functions-extensions';

/**
 * Turns what someone typed after --scope into an npm scope with its `@`. The leading `@` is optional because people
 * type it both ways; everything else must already be a valid scope, since npm would refuse it at publish time.
 * @param {string} input
 * @returns {string}
 */
export function parseScope(input) {
  const name = input.trim().replace(/^@/, '');
  if (name === '') {
    throw new UsageError(`--scope needs a value, e.g. --scope ${SCOPE_EXAMPLE}.`);
  }
  if (name.includes('/')) {
    throw new UsageError(`--scope takes the scope alone (e.g. ${SCOPE_EXAMPLE}), not a package name: got "${input}".`);
  }
  if (name !== name.toLowerCase()) {
    throw new UsageError(`npm scopes are lowercase: use --scope @${name.toLowerCase()} instead of "${input}".`);
  }
  if (!/^[a-z0-9][a-z0-9._-]*$/.test(name) || name.length > 100) {
    throw new UsageError(
      `"${input}" is not a valid npm scope: use lowercase letters, digits, "-", "." and "_", starting with a letter or digit (e.g. ${SCOPE_EXAMPLE}).`,
    );
  }
  return `@${name}`;
}

/**
 * Turns what someone typed after --repo into GitHub's `owner/name`, the form the changelog's `repo` option and the
 * package URLs are built from. GitHub's own naming rules apply, so a typo fails here rather than as dead links.
 * @param {string} input
 * @returns {string}
 */
export function parseRepo(input) {
  const value = input.trim();
  if (value === '') {
    throw new UsageError(`--repo needs a value, e.g. --repo ${REPO_EXAMPLE}.`);
  }
  if (/^[a-z+]+:\/\/|^git@|^(www\.)?github\.com\//i.test(value)) {
    throw new UsageError(`--repo takes owner/name (e.g. ${REPO_EXAMPLE}), not a URL: got "${input}".`);
  }
  if (value.endsWith('.git')) {
    throw new UsageError(`--repo takes owner/name without ".git": use ${value.slice(0, -'.git'.length)}.`);
  }
  const parts = value.split('/');
  const [owner, name] = parts;
  if (parts.length !== 2 || owner === undefined || name === undefined) {
    throw new UsageError(`--repo takes exactly owner/name (e.g. ${REPO_EXAMPLE}): got "${input}".`);
  }
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/.test(owner)) {
    throw new UsageError(
      `"${owner}" is not a valid GitHub owner: use letters, digits and single hyphens, at most 39 characters, not starting or ending with a hyphen.`,
    );
  }
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(name) || name === '.' || name === '..') {
    throw new UsageError(`"${name}" is not a valid GitHub repository name: use letters, digits, ".", "-" and "_", at most 100 characters.`);
  }
  return value;
}
