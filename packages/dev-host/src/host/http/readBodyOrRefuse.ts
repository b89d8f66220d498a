import type { IncomingMessage, ServerResponse } from 'node:http';
import { PayloadTooLargeError, readRequestBody } from './readRequestBody.js';
import { sendStatus } from './sendResponse.js';

/** How long the rest of a refused body is read and dropped before the connection closes (Apache lingers 2 s too). */
const refusedBodyDrainMs = 2_000;

/**
 * Answers 413 for a body over the limit, then reads the rest of the body and drops it, for up to 2 s; a body still
 * coming after that has its connection closed. Closing the connection with the answer, while the client is still
 * sending, makes the kernel answer the bytes that keep coming with a reset, and a client that is still writing then
 * sees EPIPE or ECONNRESET instead of the 413 (Node's own client did in every try): web servers linger the same way
 * (nginx's lingering_close, Apache's lingering close). So the answer does not say `connection: close`; a client that
 * asked for `connection: close` itself gets it, and the close, with the answer, as Node's server does.
 */
export function refusePayloadTooLarge(req: IncomingMessage, res: ServerResponse): void {
  sendStatus(res, 413);
  if (req.complete || req.destroyed) {
    return;
  }
  const socket = req.socket;
  const closeNow = setTimeout(() => socket.destroy(), refusedBodyDrainMs);
  closeNow.unref();
  req.once('close', () => {
    clearTimeout(closeNow);
  });
  req.resume();
}

/**
 * Reads the whole request body, or answers for it: a body over `limit` bytes gets 413 (see
 * {@link refusePayloadTooLarge}). Undefined when there is nothing more to do with this request: 413 was sent, or the
 * client went away before sending the whole body.
 */
export async function readBodyOrRefuse(req: IncomingMessage, res: ServerResponse, limit: number): Promise<Buffer | undefined> {
  try {
    return await readRequestBody(req, limit);
  } catch (error: unknown) {
    if (error instanceof PayloadTooLargeError) {
      refusePayloadTooLarge(req, res);
    }
    return undefined;
  }
}
