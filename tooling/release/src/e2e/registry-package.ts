/** The parts of a registry's package document (packument) the test reads. */
export interface Packument {
  name: string;
  'dist-tags': Record<string, string>;
  versions: Record<string, { dependencies?: Record<string, string>; peerDependencies?: Record<string, string> }>;
}

/** Reads a package's document from a registry; `undefined` when the registry does not have the package. */
export async function fetchPackument(registryUrl: string, name: string): Promise<Packument | undefined> {
  const response = await fetch(new URL(name.replace('/', '%2f'), registryUrl), {
    headers: { accept: 'application/json' },
  });
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`${registryUrl} answered ${response.status} for ${name}`);
  return (await response.json()) as Packument;
}
