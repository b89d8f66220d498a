import { formatTable, kilobytes } from '../support/table.mjs';

/** @typedef {Awaited<ReturnType<typeof import('./measurePackages.mjs').measurePackages>>} SizeResult */

/**
 * @param {SizeResult} result
 * @returns {string[]}
 */
export function formatSizes(result) {
  return [
    'Package cost: npm pack --dry-run (what would be published); installed = the package and its runtime',
    'dependencies, transitively, as npm would install them (peer dependencies are the app\'s own).',
    '',
    ...formatTable(
      ['package', 'packed', 'unpacked', 'files', 'runtime deps', 'installed (packages)', 'peer deps'],
      result.packages.map((cost) => [
        cost.name,
        kilobytes(cost.packedBytes),
        kilobytes(cost.unpackedBytes),
        String(cost.files),
        cost.dependencies.length === 0 ? '0' : `${cost.dependencies.length} (${cost.dependencies.join(', ')})`,
        `${kilobytes(cost.installedBytes)} (${cost.installedPackages})`,
        cost.peerDependencies.join(', '),
      ]),
    ),
    '',
    `For scale, ${result.library.name} itself installs ${kilobytes(result.library.installedBytes)} in ${result.library.installedPackages} packages.`,
  ];
}
