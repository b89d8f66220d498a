import { createRequire } from 'node:module';
import type { RegistryState } from './model.js';

// Copies of the SDK in one process share one registry per app. An app may load several: the ES module and the
// CommonJS build (one file imports the SDK, another requires it), two versions (an extension built against an older
// one), a renamed fork (an extension published from a fork). One registry means one onion: one start-up line, one
// order, one short-circuit, one disable switch, one pair of native hooks.
//
// They find each other the way copies of @opentelemetry/api do: through a global under a `Symbol.for` key, which
// every copy and every realm-sharing module sees. What they share is data only (model.ts), never code: each copy runs
// its own functions over it, so a reloaded or newer copy is never served an older copy's code. The shapes are
// versioned by PROTOCOL; copies with different protocols cannot share, so each keeps a registry of its own, and the
// start-up line says so.

/**
 * The version of what copies share: the registry's shapes in model.ts. Raise it when they change incompatibly.
 * An object, so that the bundler keeps the number in one place instead of inlining it everywhere: the tests stand
 * up an incompatible copy by rewriting it in a copied build.
 */
const sharedProtocol = { version: 1 };
export const PROTOCOL: number = sharedProtocol.version;

const hubKey = Symbol.for('azfx.extension-core');

/** One loaded copy of the SDK, as the others see it. */
export interface SdkCopy {
  readonly protocol: number;
  /** `name@version` from its package.json, read only when someone needs it. */
  describe(): string;
}

/** The per-protocol part: one registry per worker core API, and one for code running without a worker. */
interface ProtocolSlot {
  readonly byCoreApi: WeakMap<object, RegistryState>;
  readonly detached: RegistryState;
}

/** The global object itself. Its layout never changes, whatever the protocol: it is how copies meet. */
interface Hub {
  readonly copies: SdkCopy[];
  readonly slots: Record<number, unknown>;
  /** The apps (their registry keys) whose start-up already reported incompatible copies: one line per app. */
  readonly reported: WeakSet<object>;
}

function isHub(value: unknown): value is Hub {
  const hub = value as Partial<Hub> | null | undefined;
  return Array.isArray(hub?.copies) && typeof hub.slots === 'object' && hub.reported instanceof WeakSet;
}

function findOrCreateHub(): Hub {
  const holder = globalThis as { [hubKey]?: unknown };
  const found = holder[hubKey];
  if (isHub(found)) return found;
  const hub: Hub = { copies: [], slots: {}, reported: new WeakSet() };
  // Something else under our key (it should never happen): keep to ourselves rather than break it.
  if (found !== undefined) return hub;
  Object.defineProperty(globalThis, hubKey, { value: hub, configurable: true, enumerable: false, writable: false });
  return hub;
}

function emptyState(): RegistryState {
  return { entries: [], generation: 0, disabled: undefined, hooks: undefined };
}

const hub = findOrCreateHub();
const packageJson = (): { name?: unknown; version?: unknown } => {
  try {
    // dist/index.cjs, dist/index.mjs and src/sharing.ts all sit one folder below the package root.
    return createRequire(import.meta.url)('../package.json') as { name?: unknown; version?: unknown };
  } catch {
    return {};
  }
};
const thisCopy: SdkCopy = {
  protocol: PROTOCOL,
  describe() {
    const { name, version } = packageJson();
    return `${typeof name === 'string' ? name : '@azfx/extension-core'}@${typeof version === 'string' ? version : 'unknown'} (protocol ${String(PROTOCOL)})`;
  },
};
hub.copies.push(thisCopy);

function slot(): ProtocolSlot {
  const existing = hub.slots[PROTOCOL] as ProtocolSlot | undefined;
  if (existing !== undefined) return existing;
  const created: ProtocolSlot = { byCoreApi: new WeakMap(), detached: emptyState() };
  hub.slots[PROTOCOL] = created;
  return created;
}

/** The registry state of the app that `coreApi` belongs to (`undefined`: the one for code without a worker). */
export function sharedState(coreApi: object | undefined): RegistryState {
  const { byCoreApi, detached } = slot();
  if (coreApi === undefined) return detached;
  let state = byCoreApi.get(coreApi);
  if (state === undefined) {
    state = emptyState();
    byCoreApi.set(coreApi, state);
  }
  return state;
}

/**
 * The line that tells the app about copies of the SDK that cannot share its registry, once per app (whichever copy
 * starts first says it), or `undefined`.
 */
export function incompatibleCopiesLine(app: object): string | undefined {
  const others = hub.copies.filter((copy) => copy.protocol !== PROTOCOL);
  if (others.length === 0 || hub.reported.has(app)) return undefined;
  hub.reported.add(app);
  const names = [...new Set([thisCopy, ...others].map((copy) => copy.describe()))];
  return (
    `[azfx] Copies of the extension SDK that cannot share one registry are loaded: ${names.join(' and ')}. ` +
    'Each runs its own extensions, with its own order and start-up line; install versions with the same protocol to get one onion.'
  );
}
