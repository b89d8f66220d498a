import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Type errors show the names in the published declarations. A type that shares its name with one it imports from
// @azure/functions gets renamed by the bundler (`PreInvocationContext$1`), and users then read that name in their
// editor. The SDK's types have names of their own; this keeps it so. It reads the package's build.
const dist = fileURLToPath(new URL('../dist/', import.meta.url));

describe('the published declarations', () => {
  it('name every type as users see it, with no bundler suffix', () => {
    const files = readdirSync(dist).filter((file) => /\.d\.[cm]ts$/.test(file));
    expect(files.length).toBeGreaterThan(0);
    const renamed = files.flatMap((file) =>
      [...readFileSync(`${dist}${file}`, 'utf8').matchAll(/\b[A-Za-z_]\w*\$\d+\b/g)].map((match) => `${file}: ${match[0]}`),
    );
    expect(renamed).toEqual([]);
  });
});
