import { gunzipSync } from 'node:zlib';

export interface TarballEntry {
  /** The path inside the package, without npm's leading `package/` folder. */
  path: string;
  mode: number;
  data: Buffer;
}

const blockSize = 512;

/**
 * Lists the files of an npm tarball (gzipped ustar, as npm and pnpm write it). Small on purpose: it reads regular
 * files and the pax `path` records that long names need, which is all that a package tarball holds.
 */
export function readTarball(gzipped: Uint8Array): TarballEntry[] {
  const archive = gunzipSync(gzipped);
  const entries: TarballEntry[] = [];
  let paxPath: string | undefined;
  for (let offset = 0; offset + blockSize <= archive.length; ) {
    const header = archive.subarray(offset, offset + blockSize);
    if (header.every((byte) => byte === 0)) break; // two zero blocks end the archive
    const size = parseOctal(header.subarray(124, 136));
    const type = String.fromCharCode(header[156] ?? 0);
    const data = archive.subarray(offset + blockSize, offset + blockSize + size);
    offset += blockSize + Math.ceil(size / blockSize) * blockSize;

    if (type === 'x') {
      paxPath = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(data.toString('utf8'))?.[1];
      continue;
    }
    if (type !== '0' && type !== '\0') continue; // directories and links carry no package content
    const prefix = readString(header.subarray(345, 500));
    const name = readString(header.subarray(0, 100));
    const fullPath = paxPath ?? (prefix ? `${prefix}/${name}` : name);
    paxPath = undefined;
    entries.push({
      path: fullPath.replace(/^[^/]+\//, ''),
      mode: parseOctal(header.subarray(100, 108)),
      data: Buffer.from(data),
    });
  }
  return entries;
}

function readString(field: Buffer): string {
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? field.length : end).toString('utf8');
}

function parseOctal(field: Buffer): number {
  const text = readString(field).trim();
  return text === '' ? 0 : Number.parseInt(text, 8);
}
