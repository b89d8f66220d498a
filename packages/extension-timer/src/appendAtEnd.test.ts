import { describe, expect, it } from 'vitest';
import { appendAtEnd } from './appendAtEnd.js';

const suffix = Buffer.from(' (TimeElapsed: 0.001234 sec)');

function streamOf(chunks: readonly string[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(Buffer.from(chunk));
      controller.close();
    },
  });
}

async function collect(stream: ReadableStream<Uint8Array>): Promise<string[]> {
  const chunks: string[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk).toString());
  return chunks;
}

describe('appendAtEnd', () => {
  it('passes every chunk on as it is and adds the suffix after the last', async () => {
    expect(await collect(streamOf(['a', 'bc', 'd']).pipeThrough(appendAtEnd(suffix)))).toEqual([
      'a',
      'bc',
      'd',
      suffix.toString(),
    ]);
  });

  it('leaves an empty body empty', async () => {
    expect(await collect(streamOf([]).pipeThrough(appendAtEnd(suffix)))).toEqual([]);
    expect(await collect(streamOf(['', '']).pipeThrough(appendAtEnd(suffix)))).toEqual(['', '']);
  });

  it('hands a chunk on before the stream has ended', async () => {
    let source: ReadableStreamDefaultController<Uint8Array> | undefined;
    const open = new ReadableStream<Uint8Array>({
      start(controller) {
        source = controller;
      },
    });
    const reader = open.pipeThrough(appendAtEnd(suffix)).getReader();
    source?.enqueue(Buffer.from('first'));
    const first = await reader.read();
    expect(Buffer.from(first.value ?? []).toString()).toBe('first');

    source?.close();
    expect(Buffer.from((await reader.read()).value ?? []).toString()).toBe(suffix.toString());
    expect((await reader.read()).done).toBe(true);
  });

  it('cancels the source when the reader gives up, so a never-ending stream is not left running', async () => {
    let onCancel: (reason: unknown) => void = () => undefined;
    const cancelled = new Promise((resolve) => (onCancel = resolve));
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(Buffer.from('tick '));
      },
      cancel: (reason) => {
        onCancel(reason);
      },
    });
    const reader = endless.pipeThrough(appendAtEnd(suffix)).getReader();
    await reader.read();
    await reader.cancel('client went away');
    // The pipe passes the cancellation upstream on a later turn.
    expect(await cancelled).toBe('client went away');
  });
});
