import { describe, expect, it } from 'vitest';
import { parseRepo, parseScope } from './fork-identity-input.mjs';

describe('parseScope', () => {
  it.each([
    ['@acme', '@acme'],
    ['acme', '@acme'],
    [' @acme-labs ', '@acme-labs'],
    ['@a.b_c-1', '@a.b_c-1'],
  ])('accepts %j as %s', (input, scope) => {
    expect(parseScope(input)).toBe(scope);
  });

  it.each([
    ['', /needs a value/],
    ['@', /needs a value/],
    ['@Acme', /lowercase: use --scope @acme/],
    ['@acme/extension-core', /the scope alone/],
    ['@-acme', /not a valid npm scope: use lowercase letters/],
    ['@ac me', /not a valid npm scope/],
    ['@ac~me', /not a valid npm scope/],
    [`@${'a'.repeat(101)}`, /not a valid npm scope/],
  ])('refuses %j with a message saying what is allowed', (input, message) => {
    expect(() => parseScope(input)).toThrow(message);
    expect(() => parseScope(input)).toThrow(expect.objectContaining({ name: 'UsageError' }));
  });
});

describe('parseRepo', () => {
  it.each(['acme/functions-extensions', 'Acme-Corp/azure.fx_ext', 'a/b'])('accepts %s', (input) => {
    expect(parseRepo(input)).toBe(input);
  });

  it.each([
    ['', /needs a value/],
    ['https://github.com/acme/fx', /not a URL/],
    ['github.com/acme/fx', /not a URL/],
    ['git@github.com:acme/fx.git', /not a URL/],
    ['acme/fx.git', /without "\.git": use acme\/fx/],
    ['acme', /exactly owner\/name/],
    ['acme/fx/extra', /exactly owner\/name/],
    ['-acme/fx', /not a valid GitHub owner/],
    ['acme-/fx', /not a valid GitHub owner/],
    ['ac--me/fx', /not a valid GitHub owner/],
    [`${'a'.repeat(40)}/fx`, /not a valid GitHub owner/],
    ['acme/f x', /not a valid GitHub repository name/],
    ['acme/..', /not a valid GitHub repository name/],
  ])('refuses %j with a message saying what is allowed', (input, message) => {
    expect(() => parseRepo(input)).toThrow(message);
  });
});
