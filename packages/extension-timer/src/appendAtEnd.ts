/**
 * A stream step that passes every chunk on as it comes and adds `suffix` after the last one: the body is never
 * held back, so a streamed response reaches the client as its handler produces it, and a stream that never ends
 * is never waited for. A body that turns out to be empty stays empty (there is no text to append to).
 */
export function appendAtEnd(suffix: Uint8Array): TransformStream<Uint8Array, Uint8Array> {
  let sawBytes = false;
  return new TransformStream({
    transform(chunk, controller) {
      if (chunk.byteLength !== 0) sawBytes = true;
      controller.enqueue(chunk);
    },
    flush(controller) {
      if (sawBytes) controller.enqueue(suffix);
    },
  });
}
