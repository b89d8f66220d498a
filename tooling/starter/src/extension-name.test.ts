import { describe, expect, it } from 'vitest';
import { checkExtensionName, pascalCase, RESERVED_EXTENSION_NAMES } from './extension-name.mjs';
import { minimalWorkspace, useFixtureWorkspaces } from './testing/fixture-workspace.js';

const workspace = useFixtureWorkspaces(minimalWorkspace('@oldco', 'oldco/old-repo'));

describe('checkExtensionName', () => {
  it.each(['request-id', 'auth', 'api-key-check', 'cache2', 'a', 'x'.repeat(50)])('accepts %s', (name) => {
    expect(() => { checkExtensionName(workspace(), '@oldco', name); }).not.toThrow();
  });

  it.each([
    [undefined, /Name the extension: pnpm gen extension <name>\. Extension names are lowercase kebab-case/],
    ['', /Name the extension/],
    ['RequestId', /"RequestId" is not a valid extension name\. Extension names are lowercase kebab-case: a letter first, then letters, digits and single hyphens, at most 50 characters \(e\.g\. request-id\)\. Did you mean "request-id"\?/],
    ['request_id', /Did you mean "request-id"\?/],
    ['Request ID', /Did you mean "request-id"\?/],
    ['request--id', /not a valid extension name.*Did you mean "request-id"\?/],
    ['-request-id', /not a valid extension name.*Did you mean "request-id"\?/],
    ['request-id-', /Did you mean "request-id"\?/],
    ['2fa', /not a valid extension name/],
    ['@oldco/extension-cache', /short name, not a package name: pnpm gen extension cache creates @oldco\/extension-cache/],
    ['@acme/cache', /short name, not a package name: pnpm gen extension cache creates @oldco\/extension-cache/],
    ['x'.repeat(51), /at most 50 characters/],
    ['extension-request-id', /Leave off the "extension-" prefix: pnpm gen extension request-id creates packages\/extension-request-id/],
  ])('refuses %j, saying what is allowed', (name, message) => {
    expect(() => { checkExtensionName(workspace(), '@oldco', name); }).toThrow(message);
  });

  it.each(['123', '2fa', '--'])('suggests nothing for %j, where no valid name can be read into the input', (name) => {
    expect(() => { checkExtensionName(workspace(), '@oldco', name); }).toThrow(/\(e\.g\. request-id\)\.$/);
  });

  it.each(RESERVED_EXTENSION_NAMES)('refuses the reserved name %s', (name) => {
    expect(() => { checkExtensionName(workspace(), '@oldco', name); }).toThrow(
      `"${name}" is reserved: @oldco/extension-${name} is already part of this repository. Reserved names: core, timer.`,
    );
  });

  it('refuses a name whose folder, package or changeset already exists', () => {
    const root = workspace({
      'packages/extension-auth/README.md': '# half-made\n',
      'packages/renamed-folder/package.json': '{"name":"@oldco/extension-cache"}',
      '.changeset/metrics-initial.md': '---\n---\n',
    });
    expect(() => { checkExtensionName(root, '@oldco', 'auth'); }).toThrow('packages/extension-auth already exists');
    expect(() => { checkExtensionName(root, '@oldco', 'cache'); }).toThrow('A package named @oldco/extension-cache already exists');
    expect(() => { checkExtensionName(root, '@oldco', 'metrics'); }).toThrow('.changeset/metrics-initial.md already exists');
  });
});

describe('pascalCase', () => {
  it.each([
    ['request-id', 'RequestId'],
    ['auth', 'Auth'],
    ['api-key2-check', 'ApiKey2Check'],
  ])('%s -> %s', (name, expected) => {
    expect(pascalCase(name)).toBe(expected);
  });
});
