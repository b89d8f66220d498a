/**
 * The flags of `azfx start` next to those of Core Tools' `func start`: a `func start` flag azfx does not take gets
 * "not supported by azfx" with the reason and what to do instead, and a misspelt flag gets "did you mean".
 */

export class StartFlagError extends Error {}

/** azfx's own long flags (the spellings `func start` uses where both have them). */
export const azfxFlags = [
  'port',
  'host',
  'address',
  'watch',
  'verbose',
  'admin-key',
  'max-body-size',
  'survive-uncaught-errors',
  'cors',
  'cors-credentials',
  'functions',
  'enable-auth',
  'enableAuth',
  'help',
  'version',
] as const;

const azfxShortFlags = new Set(['p', 'w', 'v', 'h']);

/** `func start` flags azfx does not take, with the reason and the alternative. */
const funcStartOnly: Readonly<Record<string, string>> = {
  useHttps: 'the dev host serves plain HTTP; put a TLS-terminating reverse proxy in front of it if you need HTTPS',
  cert: 'the dev host serves plain HTTP, so it takes no certificate',
  password: 'the dev host serves plain HTTP, so it takes no certificate password',
  timeout: "it is Core Tools' wait for the host to start; azfx reports a start-up failure as soon as it happens",
  'language-worker': 'the app runs in a Node.js worker process that azfx starts; pass Node.js options in NODE_OPTIONS (e.g. NODE_OPTIONS=--inspect)',
  'no-build': 'azfx never builds the app; run your build (or `tsc --watch`) yourself and use `azfx start --watch`',
  build: 'azfx never builds the app; run your build (or `tsc --watch`) yourself and use `azfx start --watch`',
  'script-root': 'pass the app folder as the argument instead: `azfx start path/to/app`',
  'dotnet-isolated-debug': 'it is for .NET isolated apps; azfx runs Node.js apps (debug them with NODE_OPTIONS=--inspect)',
  runtime: 'it chooses a .NET runtime; azfx runs Node.js apps only',
  'enable-json-output': 'azfx prints plain log lines only',
  'json-output-file': 'azfx prints plain log lines only',
  'user-log-level': 'set logging.logLevel in host.json instead',
  'host-log-level': 'set logging.logLevel in host.json instead',
};

/** `--useHttps`, `--use-https` and `--usehttps` are one flag to a reader: compare without dashes and case. */
function squash(name: string): string {
  return name.replace(/-/g, '').toLowerCase();
}

/** Edits between two names, a swap of neighbouring letters counting as one (the commonest typo: --prot). */
function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number): number => rows[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, at(i - 2, j - 2) + 1);
      }
      const row = rows[i];
      if (row) {
        row[j] = best;
      }
    }
  }
  return at(a.length, b.length);
}

function closest(name: string): string | undefined {
  let best: { flag: string; distance: number } | undefined;
  for (const flag of [...azfxFlags, ...Object.keys(funcStartOnly)]) {
    const distance = editDistance(squash(name), squash(flag));
    if (distance <= Math.max(1, Math.floor(flag.length / 3)) && (best === undefined || distance < best.distance)) {
      best = { flag, distance };
    }
  }
  return best?.flag;
}

/** Throws a StartFlagError for the first flag azfx does not know, saying why or what was probably meant. */
export function checkStartFlags(args: readonly string[]): void {
  for (const arg of args) {
    if (arg === '--') {
      return;
    }
    if (!arg.startsWith('-') || arg === '-') {
      continue;
    }
    if (!arg.startsWith('--')) {
      const short = arg.slice(1, 2);
      if (!azfxShortFlags.has(short) && arg.length === 2) {
        const funcLong = short === 't' ? 'timeout' : undefined;
        throw new StartFlagError(funcLong === undefined ? `Unknown option '${arg}'. See \`azfx --help\`.` : `-${short} (--${funcLong}) is not supported by azfx: ${funcStartOnly[funcLong] ?? ''}.`);
      }
      continue;
    }
    const name = arg.slice(2).split('=')[0] ?? '';
    if ((azfxFlags as readonly string[]).includes(name)) {
      continue;
    }
    const known = (azfxFlags as readonly string[]).find((flag) => squash(flag) === squash(name));
    if (known !== undefined) {
      throw new StartFlagError(`Unknown option '--${name}'. Did you mean --${known}?`);
    }
    const unsupported = Object.keys(funcStartOnly).find((flag) => squash(flag) === squash(name));
    if (unsupported !== undefined) {
      throw new StartFlagError(`--${name} is not supported by azfx: ${funcStartOnly[unsupported] ?? ''}.`);
    }
    const suggestion = closest(name);
    throw new StartFlagError(`Unknown option '--${name}'.${suggestion === undefined ? ' See `azfx --help`.' : ` Did you mean --${suggestion}?`}`);
  }
}

/**
 * `func start --functions a b c`: the names follow the flag, space-separated (commas are accepted too). Takes them out
 * of `args`, so the rest parses as usual; `undefined` when the flag is absent.
 */
export function takeFunctionsFlag(args: readonly string[]): { readonly rest: string[]; readonly functions: string[] | undefined } {
  const rest: string[] = [];
  let functions: string[] | undefined;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? '';
    if (arg === '--functions' || arg.startsWith('--functions=')) {
      const names = arg.startsWith('--functions=') ? [arg.slice('--functions='.length)] : [];
      while (index + 1 < args.length && !(args[index + 1] ?? '-').startsWith('-')) {
        index++;
        names.push(args[index] ?? '');
      }
      const split = names.flatMap((name) => name.split(',')).map((name) => name.trim()).filter((name) => name !== '');
      if (split.length === 0) {
        throw new StartFlagError('--functions needs the names of the functions to load, e.g. `azfx start --functions hello tick` (put the app folder before it).');
      }
      functions = [...(functions ?? []), ...split];
      continue;
    }
    rest.push(arg);
  }
  return { rest, functions };
}
