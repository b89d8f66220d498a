import Module, { createRequire, register } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

// Loading the same app twice in one process (start → close → start, as tests do) must give a fresh app: fresh
// registrations, and a fresh copy of `@azure/functions`, whose module state (its cached core API, `setup()` lock,
// HTTP proxy) belongs to one host. CommonJS modules can be dropped from require.cache. ES modules cannot be
// unloaded at all, so each isolated session loads them under a new URL instead: the entry files get a
// `?azfx-session=N` query, and a resolve hook gives everything they import (relative files, packages, and the
// library, which then re-evaluates as CommonJS because we purged it) the same query. Each session's ES modules
// stay in memory for the life of the process; that is the price of reloading them.

const sessionParameter = 'azfx-session';
const sessionHookSource = `
const parameter = ${JSON.stringify(sessionParameter)};
export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  if (context.parentURL === undefined || !resolved.url.startsWith('file:')) return resolved;
  let session;
  try { session = new URL(context.parentURL).searchParams.get(parameter); } catch { return resolved; }
  if (session === null) return resolved;
  const url = new URL(resolved.url);
  if (url.searchParams.has(parameter)) return resolved;
  url.searchParams.set(parameter, session);
  return { ...resolved, url: url.href };
}
`;

interface ProcessWideState {
  hooksRegistered: boolean;
  lastSession: number;
}

// Shared through a global so that two copies of the dev host in one process (its source under test and its build
// used by an app's tests) number sessions and register the hook only once.
const stateKey = Symbol.for('azfx.dev-host.module-sessions');
function processWideState(): ProcessWideState {
  const holder = globalThis as unknown as { [stateKey]?: ProcessWideState | undefined };
  const state = holder[stateKey] ?? { hooksRegistered: false, lastSession: 0 };
  holder[stateKey] = state;
  return state;
}

interface CompilableModule {
  exports: unknown;
  _compile(content: string, filename: string): void;
}

/**
 * A real dynamic import, as the worker does it. A plain `import()` here could be rewritten by a bundler or a test
 * runner (vitest would load the app through its own module runner), and `new Function` code has no import callback
 * inside vitest's vm. A CommonJS module compiled by Node's own loader has one, wherever the caller runs.
 */
function createNativeImport(appDir: string): (specifier: string) => Promise<unknown> {
  const filename = path.join(appDir, '__azfx_native_import__.cjs');
  const loader = new Module(filename) as unknown as CompilableModule;
  loader._compile('module.exports = (specifier) => import(specifier);', filename);
  return loader.exports as (specifier: string) => Promise<unknown>;
}

export class ModuleSession {
  readonly #appDir: string;
  readonly #isolated: boolean;
  readonly #session: number;
  readonly #require: NodeJS.Require;
  readonly #cacheBefore: ReadonlySet<string>;
  readonly #nativeImport: (specifier: string) => Promise<unknown>;

  /**
   * `isolated`: load ES modules under a fresh URL (needed whenever this process may load the app again). The CLI,
   * which runs every app in a process of its own, loads without it.
   */
  constructor(appDir: string, options: { isolated: boolean }) {
    this.#appDir = appDir;
    this.#isolated = options.isolated;
    this.#require = createRequire(path.join(appDir, 'package.json'));
    this.#nativeImport = createNativeImport(appDir);
    const state = processWideState();
    this.#session = ++state.lastSession;
    if (this.#isolated && !state.hooksRegistered) {
      register(`data:text/javascript,${encodeURIComponent(sessionHookSource)}`);
      state.hooksRegistered = true;
    }
    // A copy of the library that something else in this process loaded (a test importing HttpRequest, say) may
    // already have cached "test mode"; the app must get its own.
    this.#purge(this.#libraryFiles());
    this.#cacheBefore = new Set(Object.keys(this.#require.cache));
  }

  loadCommonJs(filePath: string): void {
    this.#require(filePath);
  }

  async loadEsModule(filePath: string): Promise<void> {
    const url = pathToFileURL(filePath);
    if (this.#isolated) {
      url.searchParams.set(sessionParameter, String(this.#session));
    }
    await this.#nativeImport(url.href);
  }

  /** Forgets every CommonJS module this session loaded, and the app's library copy, so the next load is fresh. */
  end(): void {
    const added = Object.keys(this.#require.cache).filter((key) => !this.#cacheBefore.has(key));
    this.#purge([...added, ...this.#libraryFiles(), ...this.#appFiles()]);
  }

  #libraryFiles(): string[] {
    let entry: string;
    try {
      entry = this.#require.resolve('@azure/functions');
    } catch {
      return [];
    }
    const marker = `${path.sep}@azure${path.sep}functions${path.sep}`;
    const markerIndex = entry.lastIndexOf(marker);
    if (markerIndex === -1) {
      return [];
    }
    const libraryRoot = entry.slice(0, markerIndex + marker.length - 1);
    return Object.keys(this.#require.cache).filter((key) => key.startsWith(libraryRoot + path.sep));
  }

  #appFiles(): string[] {
    const nodeModules = `${path.sep}node_modules${path.sep}`;
    return Object.keys(this.#require.cache).filter(
      (key) => key.startsWith(this.#appDir + path.sep) && !key.slice(this.#appDir.length).includes(nodeModules),
    );
  }

  #purge(keys: Iterable<string>): void {
    for (const key of keys) {
      // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- require.cache is keyed by file path
      delete this.#require.cache[key];
    }
  }
}
