import { Buffer } from 'node:buffer';
import { createServer } from 'node:http';

/**
 * The practical limit: a bare `node:http` server doing the HttpTrigger's work (read `name` from the query string
 * or a JSON body, answer with the greeting as text/plain). No routing table, no worker sequence, no library
 * objects: what is left when every layer the dev host emulates is taken away.
 * @returns {import('node:http').Server}
 */
export function createPlainServer() {
  return createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.toLowerCase() !== '/api/httptrigger') {
      response.writeHead(404).end();
      return;
    }
    const fromQuery = url.searchParams.get('name');
    const answer = (/** @type {string | undefined} */ name) => {
      const body =
        name === undefined
          ? 'This HTTP triggered function executed successfully. Pass a name in the query string or in the request body for a personalized response.'
          : `Hello, ${name}. This HTTP triggered function executed successfully.`;
      response.writeHead(200, { 'content-type': 'text/plain;charset=UTF-8' }).end(body);
    };
    if (fromQuery !== null && fromQuery !== '') {
      answer(fromQuery);
      return;
    }
    /** @type {Buffer[]} */
    const chunks = [];
    request.on('data', (/** @type {Buffer} */ chunk) => chunks.push(chunk));
    request.on('end', () => {
      try {
        const parsed = /** @type {{ name?: unknown } | null} */ (JSON.parse(Buffer.concat(chunks).toString('utf8')));
        answer(typeof parsed?.name === 'string' && parsed.name !== '' ? parsed.name : undefined);
      } catch {
        answer(undefined);
      }
    });
  });
}
