// @ts-check
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderTemplate } from './render-template.mjs';

/**
 * The worked examples of docs/writing-extensions.md, kept as templates so that they are rendered with the
 * repository's own SDK name: the end-to-end test builds, lints and tests them in a generated package, and the docs test
 * checks that the guide shows exactly this code. Each example replaces files of a package generated under its name.
 */
const EXAMPLES_DIR = fileURLToPath(new URL('../examples', import.meta.url));

/** @returns {string[]} */
export function listExamples() {
  return readdirSync(EXAMPLES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/**
 * The example's files, rendered: keys are paths inside the package (`src/index.ts`), `/`-separated.
 * @param {string} example the example's folder name, which is also the extension name it is generated under
 * @param {{ sdk: string }} values the SDK's package name
 * @returns {Record<string, string>}
 */
export function renderExample(example, values) {
  const dir = join(EXAMPLES_DIR, example);
  /** @type {Record<string, string>} */
  const files = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.tmpl')) continue;
    const path = relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/').slice(0, -'.tmpl'.length);
    files[path] = renderTemplate(readFileSync(join(entry.parentPath, entry.name), 'utf8'), values, `examples/${example}/${path}`);
  }
  return files;
}
