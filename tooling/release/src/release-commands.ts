/** The publish step, relative to the repository root: `pnpm release` ends with it and the e2e test runs it. */
export const publishScript = 'tooling/release/scripts/publish-packages.mjs';

/** The package validation that `pnpm release` runs before it publishes (also part of the normal test run). */
export const validationTestFile = 'tooling/release/src/package-validation.test.ts';
