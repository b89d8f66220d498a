import type { IncomingMessage } from 'node:http';

/**
 * What HTTP/1.1 forbids but Node's parser lets through, as the status to answer (undefined: nothing wrong). A
 * request line without a version parses as HTTP/0.9; `HTTP/2.0` in a text request line parses too; and RFC 9112
 * requires a 400 for more than one Host header (Node keeps the first silently, so two hops could disagree on the
 * host).
 */
export function protocolViolation(req: IncomingMessage): 400 | 505 | undefined {
  if (req.httpVersionMajor === 0) {
    return 400;
  }
  if (req.httpVersionMajor !== 1) {
    return 505;
  }
  if ((req.headersDistinct.host?.length ?? 0) > 1) {
    return 400;
  }
  return undefined;
}
