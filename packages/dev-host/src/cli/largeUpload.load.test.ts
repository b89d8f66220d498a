import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyFixture } from '../test-support/fixtures.js';
import { runCli, waitForOutput, type CliRun } from '../test-support/runCli.js';
import { streamedUpload } from '../test-support/streamedUpload.js';

// azfx #14, the scenario through `azfx start`: a 128 MB streamed upload with FUNCTIONS_REQUEST_BODY_SIZE_LIMIT
// set to 4 GB in local.settings.json. The body crosses to the worker process in one IPC message, as the host hands
// it to the worker in one gRPC message; this is the load tier because the two processes hold about 1.2 GB meanwhile.
const uploadBytes = 128 * 1024 * 1024;
const servingUrl = /serving .* at (http:\/\/127\.0\.0\.1:\d+)/;

const runs: CliRun[] = [];
const removals: (() => void)[] = [];

afterEach(async () => {
  for (const run of runs.splice(0)) {
    if (run.child.exitCode === null) {
      run.child.kill('SIGINT');
      await run.exited;
    }
  }
  for (const remove of removals.splice(0)) {
    remove();
  }
});

/** Starts `azfx start` on the parity fixture without its 1 s functionTimeout, with these local.settings.json Values. */
async function startWith(fixture: string, values: Record<string, string>): Promise<{ run: CliRun; url: string }> {
  const app = copyFixture(fixture);
  removals.push(app.remove);
  writeFileSync(path.join(app.dir, 'host.json'), JSON.stringify({ version: '2.0' }));
  writeFileSync(path.join(app.dir, 'local.settings.json'), JSON.stringify({ IsEncrypted: false, Values: { FUNCTIONS_WORKER_RUNTIME: 'node', ...values } }));
  const run = runCli(['start', app.dir, '--port', '0']);
  runs.push(run);
  return { run, url: await waitForOutput(run, servingUrl, 30_000) };
}

describe.each(['parity-cjs', 'parity-esm'])('a 128 MB streamed upload through `azfx start` (%s)', (fixture) => {
  it('reaches the handler whole when local.settings.json sets FUNCTIONS_REQUEST_BODY_SIZE_LIMIT to 4 GB', async () => {
    const { url } = await startWith(fixture, { FUNCTIONS_REQUEST_BODY_SIZE_LIMIT: '4294967296' });
    const upload = await streamedUpload(`${url}/api/upload`, uploadBytes);
    expect(upload.status).toBe(200);
    expect(upload.sent.bytes).toBe(uploadBytes);
    expect(upload.text).toBe(`${String(uploadBytes)} ${upload.sent.sha256}`);
  });

  it('is refused with 413 under the default limit (100 MiB, as Core Tools), and the host serves on', async () => {
    const { run, url } = await startWith(fixture, {});
    const upload = await streamedUpload(`${url}/api/upload`, uploadBytes);
    // The host reads and drops the rest of the body after answering, so a client still writing reads the 413.
    expect(upload.status).toBe(413);
    await waitForOutput(run, /(POST \/api\/upload 413 \d+ms)/);
    expect(await (await fetch(`${url}/api/hello`, { method: 'POST', body: 'small' })).text()).toBe('hi');
  });
});
