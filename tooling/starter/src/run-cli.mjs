// @ts-check
import { parseArgs } from 'node:util';
import { UsageError } from './usage-error.mjs';

/**
 * Runs a command-line entry point: a UsageError is the person's to fix, so it prints as one plain message with the
 * usage text and exits 1; anything else is a bug and keeps its stack trace.
 * @param {() => void} main
 * @param {string} usage
 */
export function runCli(main, usage) {
  try {
    main();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`Error: ${error.message}\n\n${usage}`);
    process.exitCode = 1;
  }
}

/**
 * node:util's parseArgs in strict mode, with its errors (unknown flag, missing value) turned into UsageErrors.
 * @template {import('node:util').ParseArgsConfig['options']} O
 * @param {string[]} args
 * @param {O} options
 */
export function parseCommandLine(args, options) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    // Keep the first sentence: the rest of node's message explains `--` escaping, which is beside the point here.
    const message = error instanceof Error ? error.message : String(error);
    const flag = /^Option '(--[\w-]+)' does not take an argument/.exec(message)?.[1];
    if (flag !== undefined) throw new UsageError(`Option '${flag}' does not take a value: write ${flag} alone.`);
    throw new UsageError(/^.*?\.(?=\s|$)/.exec(message)?.[0] ?? message);
  }
}
