import path from 'node:path';
import { HostStartupError } from '../../app/HostStartupError.js';
import { describeError } from '../../app/describeError.js';
import type { WorkerApp } from '../WorkerApp.js';
import type { AppConfig } from '../../app/config/readAppConfig.js';
import { expandMainGlob } from './expandMainGlob.js';
import type { ModuleSession } from './moduleSession.js';

/** The worker's rule: `.mjs` is ESM, `.cjs` is CommonJS, anything else follows package.json `type`. */
export function isEsModule(filePath: string, packageType: string | undefined): boolean {
  if (filePath.endsWith('.mjs')) {
    return true;
  }
  if (filePath.endsWith('.cjs')) {
    return false;
  }
  return packageType === 'module';
}

/** Loads every file `main` matches, in the worker's order. Any load error blocks the app. */
export async function loadEntryPoints(config: AppConfig, session: ModuleSession, worker: WorkerApp): Promise<string[]> {
  const files = await expandMainGlob(config.appDir, config.main);
  if (files.length === 0) {
    throw new HostStartupError(
      `No file matches package.json "main" ("${config.main}") in ${config.appDir}. Build the app first (e.g. \`npm run build\`), or fix "main" to match your entry files.`,
    );
  }
  for (const file of files) {
    worker.log({ level: 'debug', category: 'system', message: `Loading entry point file "${file}"` });
    const filePath = path.resolve(config.appDir, file);
    try {
      if (isEsModule(filePath, config.packageType)) {
        await session.loadEsModule(filePath);
      } else {
        session.loadCommonJs(filePath);
      }
    } catch (error: unknown) {
      throw new HostStartupError(
        `The app failed to load "${file}" (matched by package.json "main"): ${describeError(error)}\nFix the error above and start again.`,
        { cause: error },
      );
    }
    worker.log({ level: 'debug', category: 'system', message: `Loaded entry point file "${file}"` });
  }
  return files;
}

// src/hardening/describeError.test.ts (another engineer's folder) still imports it from here.
export { describeError } from '../../app/describeError.js';
