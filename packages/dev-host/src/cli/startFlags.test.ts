import { describe, expect, it } from 'vitest';
import { parseCliArgs, UsageError } from './parseCliArgs.js';

function usageError(args: string[]): string {
  try {
    parseCliArgs(args, {});
  } catch (error: unknown) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`${args.join(' ')} was accepted`);
}

describe("azfx start's flags next to func start's", () => {
  it("takes --cors, --cors-credentials and --functions with func start's spellings", () => {
    expect(parseCliArgs(['start', 'app', '--cors', 'http://a.test,http://b.test', '--cors-credentials', '--functions', 'hello', 'tick', '--port', '0'], {})).toMatchObject({
      appDir: 'app',
      cors: 'http://a.test,http://b.test',
      corsCredentials: true,
      functions: ['hello', 'tick'],
      port: 0,
    });
    expect(parseCliArgs(['start', '--functions=hello,tick'], {})).toMatchObject({ appDir: '.', functions: ['hello', 'tick'] });
    expect(parseCliArgs(['start'], {})).not.toHaveProperty('functions');
    expect(parseCliArgs(['start', '--enableAuth'], {})).toMatchObject({ enableAuth: true });
    expect(parseCliArgs(['start', '--enable-auth'], {})).toMatchObject({ enableAuth: true });
    expect(usageError(['start', '--functions'])).toMatch(/--functions needs the names of the functions to load/);
  });

  it.each([
    ['--useHttps', /^--useHttps is not supported by azfx: the dev host serves plain HTTP/],
    ['--use-https', /^--use-https is not supported by azfx: the dev host serves plain HTTP/],
    ['--no-build', /^--no-build is not supported by azfx: azfx never builds the app/],
    ['--language-worker', /^--language-worker is not supported by azfx: .*NODE_OPTIONS/],
    ['--script-root', /^--script-root is not supported by azfx: pass the app folder as the argument/],
    ['-t', /^-t \(--timeout\) is not supported by azfx/],
  ])('says why %s (a func start flag) is not supported', (flag, message) => {
    expect(usageError(['start', flag])).toMatch(message);
  });

  it.each([
    ['--prot', '--port'],
    ['--cors-credential', '--cors-credentials'],
    ['--fucntions', '--functions'],
    ['--corsCredentials', '--cors-credentials'],
    ['--maxBodySize', '--max-body-size'],
    ['--verbos', '--verbose'],
  ])('suggests the flag meant by %s', (typo, meant) => {
    expect(usageError(['start', typo])).toBe(`Unknown option '${typo}'. Did you mean ${meant}?`);
  });

  it('says only "unknown" for a flag nothing resembles', () => {
    expect(usageError(['start', '--zzzzzzzz'])).toBe("Unknown option '--zzzzzzzz'. See `azfx --help`.");
  });
});
