import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { WorkspacePackage } from '../published-packages.js';

/**
 * A changeset that bumps every published package, so that `changeset version --snapshot` gives each of them a
 * snapshot version even when the real changesets name only some.
 */
export async function writeSnapshotChangeset(repoDir: string, packages: readonly WorkspacePackage[]): Promise<string> {
  const file = path.join(repoDir, '.changeset', 'azfx-e2e-snapshot.md');
  const releases = packages.map((pkg) => `"${pkg.name}": patch`).join('\n');
  await writeFile(file, `---\n${releases}\n---\n\nEnd-to-end test of the release: a snapshot of every package.\n`);
  return file;
}

/**
 * npm can only attach provenance when it publishes from a CI provider with an OIDC token (GitHub Actions). A
 * package whose `publishConfig` asks for provenance therefore fails to publish anywhere else, which keeps
 * hand-made releases out of npm; the local registry of the test is such an elsewhere, so the copy drops the flag.
 */
export async function dropProvenance(packageDir: string): Promise<void> {
  const file = path.join(packageDir, 'package.json');
  const manifest = JSON.parse(await readFile(file, 'utf8')) as { publishConfig?: Record<string, unknown> };
  if (manifest.publishConfig === undefined || !('provenance' in manifest.publishConfig)) return;
  delete manifest.publishConfig.provenance;
  await writeFile(file, `${JSON.stringify(manifest, null, 2)}\n`);
}
