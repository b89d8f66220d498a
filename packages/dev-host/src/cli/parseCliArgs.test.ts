import { describe, expect, it } from 'vitest';
import { workerCommand } from '../app/workerProtocol.js';
import { parseCliArgs, UsageError } from './parseCliArgs.js';

describe('parseCliArgs', () => {
  it('reads azfx start with its defaults', () => {
    expect(parseCliArgs(['start'], {})).toEqual({
      kind: 'start',
      appDir: '.',
      port: undefined,
      hostname: undefined,
      watch: false,
      verbose: false,
      adminKey: undefined,
      maxBodyBytes: undefined,
      exitOnUncaughtErrors: true,
    });
  });

  it('reads every option', () => {
    expect(
      parseCliArgs(['start', 'apps/x', '--port', '8080', '--host', '0.0.0.0', '--watch', '--verbose', '--admin-key', 'k', '--max-body-size', '2mb', '--survive-uncaught-errors'], {}),
    ).toEqual({
      kind: 'start',
      appDir: 'apps/x',
      port: 8080,
      hostname: '0.0.0.0',
      watch: true,
      verbose: true,
      adminKey: 'k',
      maxBodyBytes: 2 * 1024 * 1024,
      exitOnUncaughtErrors: false,
    });
    expect(parseCliArgs(['start', '-p', '0', '-w', '-v'], {})).toMatchObject({ port: 0, watch: true, verbose: true });
  });

  it('takes the listen address from --address, as func start spells it, or --host', () => {
    expect(parseCliArgs(['start', '--address', '0.0.0.0'], {})).toMatchObject({ hostname: '0.0.0.0' });
    expect(parseCliArgs(['start', '--host', '127.0.0.2'], {})).toMatchObject({ hostname: '127.0.0.2' });
    expect(parseCliArgs(['start', '--host', '::1', '--address', '::1'], {})).toMatchObject({ hostname: '::1' });
    expect(() => parseCliArgs(['start', '--host', '127.0.0.1', '--address', '0.0.0.0'], {})).toThrow(/--address and --host name the same setting; give one/);
  });

  it('takes the admin key from AZFX_ADMIN_KEY', () => {
    expect(parseCliArgs(['start'], { AZFX_ADMIN_KEY: 'from-env' })).toMatchObject({ adminKey: 'from-env' });
  });

  it('shows help for --help, -h, or no command', () => {
    expect(parseCliArgs(['--help'], {})).toEqual({ kind: 'help' });
    expect(parseCliArgs(['start', '-h'], {})).toEqual({ kind: 'help' });
    expect(parseCliArgs([], {})).toEqual({ kind: 'help' });
    expect(parseCliArgs(['--version'], {})).toEqual({ kind: 'version' });
  });

  it.each([
    [['start', '--port', 'abc'], /--port must be a number from 0 to 65535/],
    [['start', '--port', '70000'], /--port must be a number/],
    [['start', '--bogus'], /Unknown option '--bogus'/],
    [['serve'], /Unknown command "serve"/],
    [['start', 'a', 'b'], /takes one app folder/],
    [['start', '--max-body-size', 'lots'], /--max-body-size must be a size/],
  ])('rejects %j', (args, message) => {
    expect(() => parseCliArgs(args, {})).toThrow(UsageError);
    expect(() => parseCliArgs(args, {})).toThrow(message);
  });

  it('reads the internal worker process command', () => {
    expect(parseCliArgs([workerCommand, '/app', '--verbose'], {})).toMatchObject({ kind: 'worker', start: { appDir: '/app', verbose: true } });
  });
});
