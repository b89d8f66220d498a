// @ts-check
// Changelog lines that link to the commit and pull request on GitHub, worked out from local git data alone.
// @changesets/changelog-github asks the GitHub API for the same links, which needs a token and network at
// `changeset version` time; a squash-merged commit already says "(#123)" in its subject, so git is enough.
const { execFileSync } = require('node:child_process');

// The shapes changesets passes in (from @changesets/types, described here to need no extra dependency).
/** @typedef {{ summary: string, commit?: string }} ChangesetLike */
/** @typedef {{ name: string, newVersion: string }} DependencyUpdate */

/** @param {unknown} options */
function repoOf(options) {
  const repo = options && typeof options === 'object' && 'repo' in options ? options.repo : undefined;
  if (typeof repo !== 'string' || !/^[\w.-]+\/[\w.-]+$/.test(repo)) {
    throw new Error('.changeset/config.json: set the changelog option "repo" to "owner/name" of the GitHub repository.');
  }
  return repo;
}

/** @param {string} commit */
function pullRequestOf(commit) {
  try {
    const subject = execFileSync('git', ['log', '-1', '--format=%s', commit], { encoding: 'utf8' });
    return /\(#(\d+)\)\s*$/.exec(subject.trim())?.[1];
  } catch {
    return undefined; // a shallow clone may not have the commit: the line simply has no PR link
  }
}

/**
 * @param {ChangesetLike} changeset
 * @param {string} _type
 * @param {unknown} options
 * @returns {Promise<string>}
 */
async function getReleaseLine(changeset, _type, options) {
  const repo = repoOf(options);
  const links = [];
  if (changeset.commit) {
    const pr = pullRequestOf(changeset.commit);
    if (pr) links.push(`[#${pr}](https://github.com/${repo}/pull/${pr})`);
    links.push(`[\`${changeset.commit.slice(0, 7)}\`](https://github.com/${repo}/commit/${changeset.commit})`);
  }
  const [first = '', ...rest] = changeset.summary.trim().split('\n');
  const prefix = links.length > 0 ? `${links.join(' ')} ` : '';
  const body = rest.map((line) => `  ${line}`).join('\n');
  return `\n- ${prefix}${first}${body ? `\n${body}` : ''}`;
}

/**
 * @param {readonly ChangesetLike[]} _changesets
 * @param {readonly DependencyUpdate[]} dependenciesUpdated
 * @returns {Promise<string>}
 */
async function getDependencyReleaseLine(_changesets, dependenciesUpdated) {
  if (dependenciesUpdated.length === 0) return '';
  const updated = dependenciesUpdated.map((dep) => `  - ${dep.name}@${dep.newVersion}`);
  return ['- Updated dependencies:', ...updated].join('\n');
}

module.exports = { default: { getReleaseLine, getDependencyReleaseLine } };
