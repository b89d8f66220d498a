import { fileURLToPath } from 'node:url';

/** The monorepo root: every command that acts on the workspace runs from here. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
