// @ts-check
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listSourceFiles } from './workspace.mjs';

/** @typedef {import('./repo-identity.mjs').RepoIdentity} RepoIdentity */

/**
 * @typedef {object} LineChange
 * @property {number} line   1-based line number.
 * @property {string} before
 * @property {string} after
 *
 * @typedef {object} FileChange
 * @property {string} path         Relative to the workspace root, `/`-separated.
 * @property {number} replacements
 * @property {LineChange[]} lines
 * @property {string} content      The file's new text.
 *
 * @typedef {object} RenamePlan
 * @property {RepoIdentity} from
 * @property {RepoIdentity} to
 * @property {FileChange[]} files
 */

/** @param {string} text */
const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** @param {string} packageName @returns {[scope: string, name: string]} */
const splitName = (packageName) => {
  const slash = packageName.indexOf('/');
  return [packageName.slice(0, slash), packageName.slice(slash + 1)];
};

/**
 * One pattern for every spelling of the identity, matched in a single pass so a replacement is never matched again.
 * The guards keep look-alikes intact: the scope's name inside an e-mail address or inside a longer scope
 * (`@name-labs`) is not the scope, and `owner/name` preceded by `@` is a package name, handled as a scope.
 * A kept SDK is excluded from the scope's renaming; an SDK renamed on its own (one a previous rename kept, so it
 * is not under the scope) is matched by its full name.
 * @param {RepoIdentity} from
 * @param {RepoIdentity} to
 */
function identityPattern(from, to) {
  const scopeName = escapeRegExp(from.scope.slice(1));
  const [rawSdkScope, rawSdkName] = splitName(from.sdk);
  const sdkScope = escapeRegExp(rawSdkScope);
  const sdkName = escapeRegExp(rawSdkName);
  const sdkUnderScope = rawSdkScope === from.scope;
  const keepSdk = from.sdk === to.sdk && sdkUnderScope;
  const alternatives = [];
  if (from.sdk !== to.sdk && !sdkUnderScope) {
    alternatives.push(`(?<![\\w@-])${sdkScope}/${sdkName}(?![\\w-])`);
    alternatives.push(`%40${sdkScope.slice(1)}%2[fF]${sdkName}(?![\\w-])`);
  }
  if (from.scope !== to.scope) {
    const unlessSdk = keepSdk ? `(?!/${sdkName}(?![\\w-]))` : '';
    const unlessEncodedSdk = keepSdk ? `(?!%2[fF]${sdkName}(?![\\w-]))` : '';
    alternatives.push(`(?<![\\w@-])@${scopeName}(?![\\w-])${unlessSdk}`);
    // Badge and registry URLs spell `@scope/` percent-encoded.
    alternatives.push(`%40${scopeName}(?=%2[fF])${unlessEncodedSdk}`);
  }
  if (from.repo !== to.repo) {
    alternatives.push(`(?<![\\w@.-])${escapeRegExp(from.repo)}(?![\\w-])`);
  }
  return alternatives.length === 0 ? undefined : new RegExp(alternatives.join('|'), 'g');
}

/**
 * @param {RepoIdentity} from
 * @param {RepoIdentity} to
 * @returns {(match: string) => string}
 */
const replacementFor = (from, to) => (match) => {
  if (match === from.sdk) return to.sdk;
  if (match.toLowerCase() === `%40${from.sdk.slice(1).replace('/', '%2f')}`.toLowerCase()) {
    return `%40${to.sdk.slice(1).replace('/', '%2F')}`;
  }
  if (match.startsWith('@')) return to.scope;
  if (match.startsWith('%40')) return `%40${to.scope.slice(1)}`;
  return to.repo;
};

/**
 * Lines between a line that is only a `fork:rename off` comment and one that is only `fork:rename on`
 * (`<!-- fork:rename off -->` in Markdown, `// ...` or `# ...` elsewhere) are left as they are: a guide that shows
 * this command's own output must keep showing the names it renamed.
 */
const KEEP_MARKER = /^\s*(?:<!--|\/\/|#)\s*fork:rename (off|on)\s*(?:-->)?\s*$/;

/**
 * Works out every edit a rename makes, without writing anything: the dry run prints this, the real run applies it.
 * Every text file counts (manifests, sources, docs, the changeset config, workflows and the lockfile, whose
 * workspace entries carry the package names), so `pnpm install --frozen-lockfile` still passes afterwards.
 * @param {string} root
 * @param {RepoIdentity} from
 * @param {RepoIdentity} to
 * @returns {RenamePlan}
 */
export function planRename(root, from, to) {
  const pattern = identityPattern(from, to);
  /** @type {FileChange[]} */
  const files = [];
  if (pattern === undefined) return { from, to, files };
  const replace = replacementFor(from, to);
  for (const path of listSourceFiles(root)) {
    const bytes = readFileSync(join(root, path));
    if (bytes.includes(0)) continue; // binary: images, archives
    const original = bytes.toString('utf8').split('\n');
    /** @type {LineChange[]} */
    const lines = [];
    let replacements = 0;
    let kept = false;
    const updated = original.map((before, index) => {
      const marker = KEEP_MARKER.exec(before)?.[1];
      if (marker !== undefined) kept = marker === 'off';
      if (kept || marker !== undefined) return before;
      const after = before.replace(pattern, (match) => {
        replacements += 1;
        return replace(match);
      });
      if (after !== before) lines.push({ line: index + 1, before, after });
      return after;
    });
    if (lines.length > 0) files.push({ path, replacements, lines, content: updated.join('\n') });
  }
  return { from, to, files };
}

/**
 * @param {string} root
 * @param {RenamePlan} plan
 */
export function applyRename(root, plan) {
  for (const file of plan.files) writeFileSync(join(root, file.path), file.content);
}

/**
 * The human-readable account of a plan: what changes to what, then each file with its count; with `showLines`, each
 * changed line before and after, which is what a dry run is for.
 * @param {RenamePlan} plan
 * @param {{ showLines: boolean }} options
 * @returns {string}
 */
export function describeRename(plan, { showLines }) {
  const { from, to } = plan;
  const what = [];
  if (from.scope !== to.scope) what.push(`npm scope ${from.scope} -> ${to.scope}`);
  if (from.repo !== to.repo) what.push(`GitHub repository ${from.repo} -> ${to.repo}`);
  if (from.sdk !== to.sdk) what.push(`SDK ${from.sdk} -> ${to.sdk}`);
  else if (from.scope !== to.scope && from.sdk.startsWith(`${from.scope}/`)) what.push(`SDK ${from.sdk} kept`);
  const total = plan.files.reduce((sum, file) => sum + file.replacements, 0);
  const out = [`${what.join(', ')}: ${total} replacements in ${plan.files.length} files`];
  for (const file of plan.files) {
    out.push(`  ${file.path} (${file.replacements})`);
    if (!showLines) continue;
    for (const line of file.lines) {
      out.push(`    ${line.line}: - ${line.before.trim()}`, `    ${line.line}: + ${line.after.trim()}`);
    }
  }
  return out.join('\n');
}
