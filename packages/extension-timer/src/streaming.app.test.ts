import { startHost, type Host } from '@azfx/dev-host';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installTimerApp } from './testSupport/installTimerApp.js';

// The timer's build in an app that enabled HTTP streaming (`app.setup({ enableHttpStream: true })`), on the dev
// host: the library writes the response body to the client as the handler's stream produces it.

// A generous bound, not a timing assertion: a body that was read to its end before being sent never shows its
// first chunk here, because the fixture's stream cannot end before the test lets it.
const FIRST_CHUNK_BOUND_MS = 10_000;

function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`${what} did not arrive within ${String(FIRST_CHUNK_BOUND_MS)} ms: was the body buffered?`));
    }, FIRST_CHUNK_BOUND_MS);
  });
  return Promise.race([promise, timeout]).finally(() => {
    clearTimeout(timer);
  });
}

async function readToEnd(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    text += decoder.decode(chunk.value, { stream: true });
  }
  return text + decoder.decode();
}

describe('the timer with appendToHttpResponse in an app with HTTP streaming', () => {
  const app = installTimerApp('stream-app');
  let host: Host;
  beforeAll(async () => {
    host = await startHost({ appDir: app.dir });
  }, 60_000);
  afterAll(async () => {
    // Undefined when the host failed to start: that failure is the one to report.
    await (host as Host | undefined)?.close();
    app.remove();
  }, 60_000);

  it('sends the first chunk before the stream ends, and the suffix after its last chunk', { timeout: 60_000 }, async () => {
    let finished: Response | undefined;
    const finish = async () => {
      finished ??= await host.fetch('/api/finish?id=first-chunk', { method: 'POST' });
      return finished;
    };
    try {
      const response = await within(host.fetch('/api/held?id=first-chunk'), 'The response head');
      expect(response.status).toBe(200);
      expect(response.headers.get('server-timing')).toMatch(/^total;dur=\d+\.\d{3}$/);
      expect(response.headers.get('content-length')).toBeNull();
      const body = response.body;
      if (body === null) throw new Error('The streamed response has no body.');
      const reader: ReadableStreamDefaultReader<Uint8Array> = body.getReader();
      const first = await within(reader.read(), 'The first chunk');
      expect(new TextDecoder().decode(first.value)).toBe('first ');

      expect((await finish()).status).toBe(204);
      const rest = await readToEnd(reader);
      expect(`first ${rest}`).toMatch(/^first last \(TimeElapsed: \d+\.\d{6} sec\)$/);
    } finally {
      // Lets the stream end whatever happened, so the host can close.
      await finish();
    }
  });

  it('grows a declared Content-Length by the suffix, so the whole body is sent', async () => {
    const response = await host.fetch('/api/sized');
    const text = await response.text();
    expect(text).toMatch(/^sized text \(TimeElapsed: \d+\.\d{6} sec\)$/);
    expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
  });
});
