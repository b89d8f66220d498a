#!/usr/bin/env node
// CPU per IPC round trip between two Node processes, with the messages an HTTP invocation of `azfx start` sends (the
// invoke request, the result with its body bytes), side by side: objects over Node's "advanced" (V8 serializer)
// channel; the same messages as JSON strings (bytes as base64) over that channel, as src/app/wireEncoding.ts sends
// them; and over Node's JSON channel, for reference. Linux only (reads /proc).
// `node bench/ipcRoundTrip.mjs [--round-trips N] [--rounds N]`
import { Buffer } from 'node:buffer';
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const [role, serialization] = process.argv.slice(2);
const bodyText = 'Hello, bench. This HTTP triggered function executed successfully.';

/** utime + stime of one process, in µs. */
function cpuUs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

/** Bytes as the message carries them: themselves as objects, tagged base64 in JSON. */
const wireBytes = (bytes) => (serialization !== 'advanced' ? { '$azfx:buffer': Buffer.from(bytes).toString('base64') } : bytes);

if (role === 'child') {
  const body = Buffer.from(bodyText);
  process.on('message', (message) => {
    const request = typeof message === 'string' ? JSON.parse(message) : message;
    const reply = {
      type: 'result',
      id: request.id,
      outcome: {
        failed: false,
        returnedNothing: false,
        response: {
          invocationId: request.request.invocationId,
          outputData: [],
          returnValue: { http: { statusCode: '200', headers: { 'content-type': 'text/plain;charset=UTF-8' }, cookies: [], body: { bytes: wireBytes(body) }, enableContentNegotiation: false } },
        },
      },
    };
    process.send(serialization === 'string' ? JSON.stringify(reply) : reply);
  });
} else {
  const { values } = parseArgs({ options: { 'round-trips': { type: 'string', default: '20000' }, rounds: { type: 'string', default: '3' } } });
  const roundTrips = Number(values['round-trips']);
  const headers = { host: '127.0.0.1:7072', connection: 'keep-alive', accept: '*/*', 'user-agent': 'bench' };
  const nullable = (record) => Object.fromEntries(Object.entries(record).map(([name, value]) => [name, { value }]));
  const request = () => ({
    invocationId: randomUUID(),
    functionId: 'HttpTrigger',
    inputData: [{ name: 'request', data: { http: { method: 'GET', url: 'http://127.0.0.1:7072/api/HttpTrigger?name=bench', headers, nullableHeaders: nullable(headers), query: { name: 'bench' }, nullableQuery: nullable({ name: 'bench' }), params: {}, nullableParams: {} } } }],
    triggerMetadata: {},
    traceContext: { traceParent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', traceState: '', attributes: {} },
    retryContext: null,
  });
  const measure = async (mode) => {
    const child = fork(fileURLToPath(import.meta.url), ['child', mode], { serialization: mode === 'string' ? 'advanced' : mode });
    const pending = new Map();
    let nextId = 0;
    child.on('message', (raw) => {
      const message = typeof raw === 'string' ? JSON.parse(raw) : raw;
      pending.get(message.id)();
      pending.delete(message.id);
    });
    const roundTrip = () =>
      new Promise((resolve) => {
        const id = ++nextId;
        pending.set(id, resolve);
        const message = { type: 'invoke', id, functionName: 'HttpTrigger', request: request() };
        child.send(mode === 'string' ? JSON.stringify(message) : message);
      });
    const run = async (count) => {
      let sent = 0;
      await Promise.all(Array.from({ length: 8 }, async () => {
        while (sent++ < count) await roundTrip();
      }));
    };
    await run(2_000); // warm up
    const before = cpuUs(process.pid) + cpuUs(child.pid);
    await run(roundTrips);
    const perRoundTrip = (cpuUs(process.pid) + cpuUs(child.pid) - before) / roundTrips;
    child.kill();
    return perRoundTrip;
  };
  const modes = { advanced: 'objects, advanced channel', string: 'JSON strings, advanced channel (azfx start)', json: 'objects, JSON channel' };
  const results = { advanced: [], json: [], string: [] };
  for (let round = 0; round < Number(values.rounds); round++) {
    for (const mode of ['advanced', 'string', 'json']) results[mode].push(await measure(mode));
  }
  const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
  console.log(`IPC round trip, both processes, ${roundTrips} round trips x ${values.rounds} rounds, 8 in flight`);
  for (const mode of ['advanced', 'string', 'json']) console.log(`${modes[mode].padEnd(48)}${`${median(results[mode]).toFixed(1)} µs`.padStart(10)}`);
  console.log(`JSON strings / objects over the advanced channel: ${(median(results.string) / median(results.advanced)).toFixed(2)}x`);
}
