#!/usr/bin/env node
// The floors bench/requestCpu.mjs measures the dev host against, each a server answering
// GET /api/HttpTrigger?name=... as fixtures/tiny-app does:
//   bare         node:http alone
//   library      node:http plus what the app's own @azure/functions spends on the request and the response (an
//                InvocationContext, the HttpRequest, the context.log line, the HttpResponse and its body bytes):
//                the one-process dev host minus this is the host's own CPU
//   library-ipc  the same, with the library's part in a child process reached over Node's IPC channel (one JSON
//                message each way, bytes as base64), as `azfx start` splits the work: `azfx start` minus this is
//                the two-process host's own CPU
// Prints "serving at <url>." once listening.
import { Buffer } from 'node:buffer';
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const [kind] = process.argv.slice(2);

// The app's copy of the library, as the dev host's worker loads it.
const appRequire = createRequire(fileURLToPath(new URL('fixtures/tiny-app/package.json', import.meta.url)));
const { HttpRequest, HttpResponse, InvocationContext } = kind === 'bare' ? {} : appRequire('@azure/functions');

async function libraryAnswer(method, url, headers, body) {
  const context = new InvocationContext({
    invocationId: 'bench',
    functionName: 'HttpTrigger',
    options: { trigger: { type: 'httpTrigger', name: 'request' }, return: { type: 'http', name: '$return' }, extraInputs: [], extraOutputs: [] },
    logHandler: () => undefined,
  });
  const request = new HttpRequest({ method, url, headers, ...(body.byteLength > 0 ? { body: { bytes: body } } : {}) });
  context.log(`HTTP trigger function processed a request for url "${request.url}".`);
  const response = new HttpResponse({ body: `Hello, ${request.query.get('name') ?? 'world'}. This HTTP triggered function executed successfully.` });
  const responseHeaders = {};
  response.headers.forEach((value, name) => {
    responseHeaders[name] = value;
  });
  return { status: response.status, headers: responseHeaders, body: Buffer.from(await response.arrayBuffer()) };
}

if (kind === 'library-child') {
  process.on('message', ({ id, method, url, headers, body }) => {
    void libraryAnswer(method, url, headers, Buffer.from(body, 'base64')).then((answer) => {
      process.send({ id, status: answer.status, headers: answer.headers, body: answer.body.toString('base64') });
    });
  });
} else {
  let answer;
  if (kind === 'bare') {
    answer = async () => ({ status: 200, headers: { 'content-type': 'text/plain;charset=UTF-8' }, body: Buffer.from('Hello, bench. This HTTP triggered function executed successfully.') });
  } else if (kind === 'library') {
    answer = libraryAnswer;
  } else if (kind === 'library-ipc') {
    const child = fork(fileURLToPath(import.meta.url), ['library-child'], { serialization: 'json' });
    const pending = new Map();
    let nextId = 0;
    child.on('message', ({ id, status, headers, body }) => {
      pending.get(id)({ status, headers, body: Buffer.from(body, 'base64') });
      pending.delete(id);
    });
    answer = (method, url, headers, body) =>
      new Promise((resolve) => {
        const id = ++nextId;
        pending.set(id, resolve);
        child.send({ id, method, url, headers, body: body.toString('base64') });
      });
  } else {
    console.error('usage: node bench/baselineServers.mjs bare|library|library-ipc');
    process.exit(2);
  }
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const headers = {};
      for (const [name, value] of Object.entries(req.headersDistinct)) headers[name] = value.join(',');
      void answer(req.method ?? 'GET', `http://${req.headers.host ?? '127.0.0.1'}${req.url ?? '/'}`, headers, Buffer.concat(chunks)).then(({ status, headers: outHeaders, body }) => {
        res.writeHead(status, { ...outHeaders, 'content-length': String(body.byteLength) }).end(body);
      });
    });
  });
  server.listen(0, '127.0.0.1', () => {
    console.log(`serving at http://127.0.0.1:${server.address().port}.`);
  });
  process.once('SIGTERM', () => process.exit(0));
}
