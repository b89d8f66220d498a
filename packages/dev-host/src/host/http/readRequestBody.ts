import type { IncomingMessage } from 'node:http';

export class PayloadTooLargeError extends Error {
  constructor(limit: number) {
    super(`The request body is larger than the limit of ${limit} bytes.`);
  }
}

export class RequestAbortedError extends Error {}

const emptyBody = Buffer.alloc(0);

/** Reads the whole request body, refusing (before reading, when Content-Length says so) one over `limit` bytes. */
export async function readRequestBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    throw new PayloadTooLargeError(limit);
  }
  // A request without a body (most GETs) is complete when it arrives: nothing to listen for.
  if (req.complete && req.readableLength === 0) {
    return emptyBody;
  }
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const cleanup = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer): void => {
      received += chunk.byteLength;
      if (received > limit) {
        cleanup();
        req.pause();
        reject(new PayloadTooLargeError(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(Buffer.concat(chunks, received));
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(new RequestAbortedError(error.message));
    };
    const onClose = (): void => {
      if (!req.complete) {
        cleanup();
        reject(new RequestAbortedError('The client closed the connection before sending the whole body.'));
      }
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}
