import { parseArgs } from 'node:util';
import { workerCommand } from '../app/workerProtocol.js';
import { checkStartFlags, StartFlagError, takeFunctionsFlag } from './startFlags.js';

export interface StartCommand {
  readonly kind: 'start';
  readonly appDir: string;
  /** Undefined: local.settings.json `Host.LocalHttpPort`, else 7071. */
  readonly port: number | undefined;
  /** `--address` (func start) or `--host`; undefined: local.settings.json `Host.LocalHttpAddress`, else 127.0.0.1. */
  readonly hostname: string | undefined;
  readonly watch: boolean;
  readonly verbose: boolean;
  readonly adminKey: string | undefined;
  readonly maxBodyBytes: number | undefined;
  /** Azure's rule (default): an uncaught exception or unhandled rejection ends the worker process. */
  readonly exitOnUncaughtErrors: boolean;
  /** azfx #14, as `func start`: `--functions a b`, `--cors <origins>`, `--cors-credentials` (present only when given). */
  readonly functions?: readonly string[];
  readonly cors?: string;
  readonly corsCredentials?: boolean;
  /** `--enable-auth` (func start: `--enableAuth`): check function keys. */
  readonly enableAuth?: boolean;
}

export type CliCommand =
  | StartCommand
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  /** Internal: a worker process of `azfx start`, which runs the app. */
  | { readonly kind: 'worker'; readonly start: StartCommand };

export class UsageError extends Error {}


function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) {
    throw new UsageError(`--port must be a number from 0 to 65535 (got "${text}").`);
  }
  return port;
}

function parseSize(text: string): number {
  const match = /^(\d+)\s*(b|kb|k|mb|m|gb|g)?$/i.exec(text.trim());
  if (!match?.[1]) {
    throw new UsageError(`--max-body-size must be a size such as 1048576, 512kb or 100mb (got "${text}").`);
  }
  const units: Record<string, number> = { b: 1, k: 1024, kb: 1024, m: 1024 ** 2, mb: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3 };
  const bytes = Number(match[1]) * (units[(match[2] ?? 'b').toLowerCase()] ?? 1);
  if (bytes <= 0) {
    throw new UsageError('--max-body-size must be larger than 0.');
  }
  return bytes;
}

/**
 * `azfx start [appDir] [--port N] [--address A | --host A] [--watch] [--verbose] [--admin-key K] [--max-body-size S]
 * [--survive-uncaught-errors]`, `azfx --help`.
 */
export function parseCliArgs(args: readonly string[], env: NodeJS.ProcessEnv = process.env): CliCommand {
  let parsed;
  let functions: string[] | undefined;
  try {
    // azfx #14: func start's flags, "not supported by azfx: <why>" and "did you mean".
    checkStartFlags(args);
    const taken = takeFunctionsFlag(args);
    functions = taken.functions;
    parsed = parseArgs({
      args: taken.rest,
      allowPositionals: true,
      strict: true,
      options: {
        port: { type: 'string', short: 'p' },
        host: { type: 'string' },
        address: { type: 'string' },
        watch: { type: 'boolean', short: 'w', default: false },
        verbose: { type: 'boolean', short: 'v', default: false },
        'admin-key': { type: 'string' },
        'max-body-size': { type: 'string' },
        'survive-uncaught-errors': { type: 'boolean', default: false },
        cors: { type: 'string' },
        'cors-credentials': { type: 'boolean', default: false },
        'enable-auth': { type: 'boolean', default: false },
        enableAuth: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', default: false },
      },
    });
  } catch (error: unknown) {
    if (error instanceof StartFlagError) {
      throw new UsageError(error.message);
    }
    throw new UsageError((error as Error).message.replace(/\. To specify a positional.*$/s, '.'));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    return { kind: 'help' };
  }
  if (values.version) {
    return { kind: 'version' };
  }
  const [command, ...rest] = positionals;
  if (command === undefined) {
    return { kind: 'help' };
  }
  if (command !== 'start' && command !== workerCommand) {
    throw new UsageError(`Unknown command "${command}". The command is \`azfx start [appDir]\`.`);
  }
  if (rest.length > 1) {
    throw new UsageError(`\`azfx start\` takes one app folder (got ${rest.map((arg) => `"${arg}"`).join(', ')}).`);
  }
  if (values.address !== undefined && values.host !== undefined && values.address !== values.host) {
    throw new UsageError(`--address and --host name the same setting; give one (got --address ${values.address} and --host ${values.host}).`);
  }
  const adminKey = values['admin-key'] ?? env.AZFX_ADMIN_KEY;
  const start: StartCommand = {
    kind: 'start',
    appDir: rest[0] ?? '.',
    port: values.port === undefined ? undefined : parsePort(values.port),
    hostname: values.address ?? values.host,
    watch: values.watch,
    verbose: values.verbose,
    adminKey: adminKey === '' ? undefined : adminKey,
    maxBodyBytes: values['max-body-size'] === undefined ? undefined : parseSize(values['max-body-size']),
    exitOnUncaughtErrors: !values['survive-uncaught-errors'],
    ...(functions === undefined ? {} : { functions }),
    ...(values.cors === undefined ? {} : { cors: values.cors }),
    ...(values['cors-credentials'] ? { corsCredentials: true } : {}),
    ...(values['enable-auth'] || values.enableAuth ? { enableAuth: true } : {}),
  };
  if (command === workerCommand) {
    return { kind: 'worker', start };
  }
  return start;
}
