import type { IncomingMessage, ServerResponse } from 'node:http';
import { PayloadTooLargeError, readRequestBody } from './readRequestBody.js';
import { sendStatus } from './sendResponse.js';

/**
 * Reads the whole request body, or answers for it: a body over `limit` bytes gets 413 and the connection closes (the
 * rest of the body is not read). Undefined when there is nothing more to do with this request: 413 was sent, or the
 * client went away before sending the whole body.
 */
export async function readBodyOrRefuse(req: IncomingMessage, res: ServerResponse, limit: number): Promise<Buffer | undefined> {
  try {
    return await readRequestBody(req, limit);
  } catch (error: unknown) {
    if (error instanceof PayloadTooLargeError) {
      sendStatus(res, 413, undefined, { connection: 'close' });
    }
    return undefined;
  }
}
