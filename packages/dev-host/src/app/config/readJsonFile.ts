import { readFile } from 'node:fs/promises';
import { HostStartupError } from '../HostStartupError.js';
import { stripJsonComments } from './stripJsonComments.js';

/**
 * Reads a JSON configuration file of the app. `undefined` when it does not exist; a HostStartupError naming the file
 * when it cannot be read or parsed. Comments are allowed, as the host's parser allows them in host.json and
 * local.settings.json.
 */
export async function readJsonFile(filePath: string, displayName: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw new HostStartupError(`Cannot read ${displayName} (${filePath}): ${(error as Error).message}`, { cause: error });
  }
  try {
    return JSON.parse(stripJsonComments(text.replace(/^\uFEFF/, ''))) as unknown;
  } catch (error: unknown) {
    throw new HostStartupError(
      `${displayName} is not valid JSON (${(error as Error).message}). Fix the file at ${filePath}.`,
      { cause: error },
    );
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
