// Turns a package's ESM entry points into thin wrappers over its CommonJS build, after tsdown has built both.
//
// Why: an app that loads a dual package both ways (an ES module imports it, a CommonJS file requires it, or one
// extension is ESM and another CJS) would otherwise get two copies of it, each with its own module state. For the
// extension SDK that means two registries, two pairs of native hooks, two start-up lines and every extension
// running twice. With the ESM entry re-exporting the CJS build, there is one copy whichever way it is loaded. (A
// global singleton would also do, but it would outlive the dev host's reloads, which drop the CommonJS modules from
// require.cache to load an app afresh; the wrapper keeps that working.) tsdown's `.d.mts` declarations stay as they
// are: the wrapper exports exactly the names of the CJS build, which are the names of the same source.
//
// The wrapper first imports, for their side effects only, the packages the CommonJS build requires (a peer such as
// @azure/functions, a dependency such as the SDK). They are loaded anyway; importing them first makes them fully
// evaluated before the CommonJS build asks for them. Otherwise, on Node 20, when an ES module graph imports one of
// them too and a loader resolve hook is registered (the dev host's reloads), a second load in the same process
// can hand the CommonJS build the empty exports of a module the ESM loader has linked but not yet run: Node's
// fast path for a repeated require() from the same folder does not check for that case.
//
// Run in the package folder, after tsdown: `tsdown && node ../../scripts/write-esm-wrapper.mjs`. It reads the
// package.json `exports` map; every entry with an `import` `.mjs` file and a `require` `.cjs` file gets a wrapper,
// and the ESM chunks that only the old entries imported are removed. It then loads each wrapper and its CJS file in
// plain Node and fails unless both give the very same exports.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** @typedef {{ esm: string, cjs: string }} EntryPair */

const packageDir = process.cwd();
/** @type {{ name?: string, exports?: unknown }} */
const manifest = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8'));

/**
 * The `default` target of one condition of an exports entry (`{ import: { types, default } }` or
 * `{ import: './x.mjs' }`), or undefined.
 * @param {unknown} entry
 * @param {'import' | 'require'} condition
 * @returns {string | undefined}
 */
function targetOf(entry, condition) {
  if (entry === null || typeof entry !== 'object') return undefined;
  const value = /** @type {Record<string, unknown>} */ (entry)[condition];
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object') return undefined;
  const target = /** @type {Record<string, unknown>} */ (value).default;
  return typeof target === 'string' ? target : undefined;
}

/** @returns {EntryPair[]} */
function entryPairs() {
  const exportsMap = manifest.exports;
  if (exportsMap === null || typeof exportsMap !== 'object') {
    throw new Error(`${manifest.name ?? packageDir}: package.json has no exports map to read the entry points from.`);
  }
  /** @type {EntryPair[]} */
  const pairs = [];
  for (const entry of Object.values(exportsMap)) {
    const esm = targetOf(entry, 'import');
    const cjs = targetOf(entry, 'require');
    if (esm?.endsWith('.mjs') === true && cjs?.endsWith('.cjs') === true) {
      pairs.push({ esm: path.resolve(packageDir, esm), cjs: path.resolve(packageDir, cjs) });
    }
  }
  if (pairs.length === 0) {
    throw new Error(`${manifest.name ?? packageDir}: no exports entry has both an import .mjs and a require .cjs file.`);
  }
  return pairs;
}

/**
 * Runs a short script in a fresh Node process and returns what it printed. The package may have side effects when
 * loaded (the timer configures itself, and @azure/functions warns that it is in test mode): they stay in the child,
 * and its stderr is shown only if it fails.
 * @param {string[]} args
 * @returns {string}
 */
function runNode(args) {
  try {
    return execFileSync(process.execPath, args, { cwd: packageDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = /** @type {{ stderr?: unknown }} */ (error).stderr;
    throw new Error(`Loading the build failed:\n${typeof stderr === 'string' ? stderr : String(error)}`, { cause: error });
  }
}

/**
 * The names the CommonJS build exports, read by requiring it.
 * @param {string} cjsFile
 * @returns {string[]}
 */
function exportedNames(cjsFile) {
  const script = 'process.stdout.write(JSON.stringify(Object.keys(require(process.argv[1]))));';
  const names = /** @type {string[]} */ (JSON.parse(runNode(['-e', script, cjsFile])));
  return names.filter((name) => name !== '__esModule');
}

/**
 * The `./x.mjs` files an ES module imports, and the ones they import, and so on: the chunks of the ESM build.
 * @param {string} file
 * @param {Set<string>} found
 * @returns {Set<string>}
 */
function importedChunks(file, found = new Set()) {
  const source = readFileSync(file, 'utf8');
  for (const match of source.matchAll(/\bfrom\s*["'](\.{1,2}\/[^"']+\.mjs)["']|\bimport\s*["'](\.{1,2}\/[^"']+\.mjs)["']/g)) {
    const specifier = match[1] ?? match[2];
    if (specifier === undefined) continue;
    const chunk = path.resolve(path.dirname(file), specifier);
    if (found.has(chunk) || !existsSync(chunk)) continue;
    found.add(chunk);
    importedChunks(chunk, found);
  }
  return found;
}

/**
 * The packages a CommonJS file requires, and the files it requires relatively require, in order of appearance;
 * Node's built-in modules left out.
 * @param {string} file
 * @param {Set<string>} packages
 * @param {Set<string>} visited
 * @returns {Set<string>}
 */
function requiredPackages(file, packages = new Set(), visited = new Set()) {
  visited.add(file);
  const source = readFileSync(file, 'utf8');
  for (const match of source.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)) {
    const specifier = match[1];
    if (specifier === undefined) continue;
    if (specifier.startsWith('.')) {
      const required = path.resolve(path.dirname(file), specifier);
      if (!visited.has(required) && existsSync(required)) requiredPackages(required, packages, visited);
    } else if (!specifier.startsWith('node:') && !builtinModules.includes(specifier)) {
      packages.add(specifier);
    }
  }
  return packages;
}

/**
 * @param {EntryPair} pair
 * @param {string[]} names
 * @returns {string}
 */
function wrapperSource(pair, names) {
  let specifier = path.relative(path.dirname(pair.esm), pair.cjs).split(path.sep).join('/');
  if (!specifier.startsWith('.')) specifier = `./${specifier}`;
  const quoted = JSON.stringify(specifier);
  const named = names.filter((name) => name !== 'default');
  for (const name of named) {
    if (!/^[A-Za-z_$][\w$]*$/.test(name)) throw new Error(`${pair.cjs} exports "${name}", which is not an identifier.`);
  }
  const lines = [
    '// The CommonJS build, re-exported, so that importing and requiring this package give the same single copy.',
    '// Written by scripts/write-esm-wrapper.mjs after tsdown; the declarations are in the .d.mts file.',
  ];
  const packages = [...requiredPackages(pair.cjs)];
  if (packages.length > 0) {
    lines.push(
      '// What the CommonJS build requires, evaluated first: see scripts/write-esm-wrapper.mjs for the Node 20 case.',
      ...packages.map((name) => `import ${JSON.stringify(name)};`),
    );
  }
  if (named.length > 0) lines.push(`export { ${named.join(', ')} } from ${quoted};`);
  if (names.includes('default')) {
    // Node gives a CommonJS module's whole `module.exports` as the default import; its own `default` is below it.
    lines.push(`import commonJsExports from ${quoted};`, 'export default commonJsExports.default;');
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Loads each wrapper and its CommonJS file in one fresh process and checks that they are one module: the same
 * names, each the very same value.
 * @param {EntryPair[]} pairs
 */
function verify(pairs) {
  const script = `
    const { createRequire } = await import('node:module');
    const require = createRequire(process.argv[1]);
    const problems = [];
    for (const [esm, cjs] of JSON.parse(process.argv[2])) {
      const esModule = await import(new URL(esm));
      const commonJs = require(cjs);
      const names = Object.keys(commonJs).filter((name) => name !== '__esModule');
      const esmNames = Object.keys(esModule).filter((name) => name !== 'module.exports');
      for (const name of names) {
        const esmValue = name === 'default' ? esModule.default : esModule[name];
        const cjsValue = name === 'default' ? commonJs.default : commonJs[name];
        if (esmValue !== cjsValue) problems.push(esm + ': "' + name + '" is not the CommonJS build\\'s value');
      }
      for (const name of esmNames) if (!names.includes(name)) problems.push(esm + ': exports "' + name + '" that the CommonJS build does not');
    }
    process.stdout.write(JSON.stringify(problems));
  `;
  const argument = JSON.stringify(pairs.map((pair) => [pathToFileURL(pair.esm).href, pair.cjs]));
  const problems = /** @type {string[]} */ (
    JSON.parse(runNode(['--input-type=module', '-e', script, path.join(packageDir, 'package.json'), argument]))
  );
  if (problems.length > 0) throw new Error(`The ESM wrappers do not match the CommonJS build:\n${problems.join('\n')}`);
}

const pairs = entryPairs();
/** @type {Set<string>} */
const chunks = new Set();
for (const pair of pairs) {
  if (!existsSync(pair.esm) || !existsSync(pair.cjs)) {
    throw new Error(`${pair.esm} or ${pair.cjs} is missing: run tsdown first.`);
  }
  importedChunks(pair.esm, chunks);
}
for (const pair of pairs) {
  writeFileSync(pair.esm, wrapperSource(pair, exportedNames(pair.cjs)));
  rmSync(`${pair.esm}.map`, { force: true });
}
for (const chunk of chunks) {
  if (pairs.some((pair) => pair.esm === chunk)) continue;
  rmSync(chunk);
  rmSync(`${chunk}.map`, { force: true });
}
verify(pairs);
for (const pair of pairs) {
  console.log(`ESM wrapper: ${path.relative(packageDir, pair.esm)} -> ${path.relative(packageDir, pair.cjs)}`);
}
