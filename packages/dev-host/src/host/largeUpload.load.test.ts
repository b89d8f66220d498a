import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHost, type Host } from '../index.js';
import { copyFixture } from '../test-support/fixtures.js';
import { streamedUpload } from '../test-support/streamedUpload.js';

// azfx #14: a 128 MB streamed upload under FUNCTIONS_REQUEST_BODY_SIZE_LIMIT (local.settings.json Values), the
// issue's scenario. In the load tier: the body is buffered whole, as the host buffers it, and copied several times
// on its way to the handler (docs/dev-host.md, "Large request bodies"), so one upload holds about 0.8 GB in this process (client included).
const uploadBytes = 128 * 1024 * 1024;
const fourGigabytes = '4294967296';

let host: Host | undefined;
const removals: (() => void)[] = [];

afterEach(async () => {
  await host?.close();
  host = undefined;
  for (const remove of removals.splice(0)) {
    remove();
  }
});

/** The parity fixture without its 1 s functionTimeout, with these app settings in local.settings.json. */
function appWith(fixture: string, values: Record<string, string>): string {
  const app = copyFixture(fixture);
  removals.push(app.remove);
  writeFileSync(path.join(app.dir, 'host.json'), JSON.stringify({ version: '2.0' }));
  writeFileSync(path.join(app.dir, 'local.settings.json'), JSON.stringify({ IsEncrypted: false, Values: { FUNCTIONS_WORKER_RUNTIME: 'node', ...values } }));
  return app.dir;
}

describe.each(['parity-cjs', 'parity-esm'])('a 128 MB streamed upload through startHost() (%s)', (fixture) => {
  it('reaches the handler whole when FUNCTIONS_REQUEST_BODY_SIZE_LIMIT is 4 GB', async () => {
    host = await startHost({ appDir: appWith(fixture, { FUNCTIONS_REQUEST_BODY_SIZE_LIMIT: fourGigabytes }) });
    const upload = await streamedUpload(`${host.url}/api/upload`, uploadBytes);
    expect(upload.status).toBe(200);
    expect(upload.sent.bytes).toBe(uploadBytes);
    expect(upload.text).toBe(`${String(uploadBytes)} ${upload.sent.sha256}`);
  });

  it('is refused with 413 under the default limit (100 MiB, as Core Tools), and the host serves on', async () => {
    host = await startHost({ appDir: appWith(fixture, {}) });
    const upload = await streamedUpload(`${host.url}/api/upload`, uploadBytes);
    // The host reads and drops the rest of the body after answering, so a client still writing reads the 413.
    expect(upload.status).toBe(413);
    expect(host.logs.map((record) => record.message)).toContainEqual(expect.stringMatching(/^POST \/api\/upload 413 \d+ms$/));
    expect(await (await host.fetch('/api/hello', { method: 'POST', body: 'small' })).text()).toBe('hi');
  });
});
