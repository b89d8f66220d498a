import type { IncomingMessage, ServerResponse } from 'node:http';
import { hostApiReason } from '../AppRuntime.js';
import { isHttpTrigger, isTimerTrigger, type FunctionDescriptor } from '../../app/functionDescriptors.js';
import { devHostVersion } from '../../app/versions.js';
import type { RpcTypedData } from '../../app/coreApiTypes.js';
import { timerInfo } from '../../app/typedData.js';
import { handRunTriggerMetadata } from '../triggers/handRunTriggerMetadata.js';
import { adminRefusal } from './adminAccess.js';
import { readBodyOrRefuse } from './readBodyOrRefuse.js';
import { sendStatus } from './sendResponse.js';
import type { ServerContext } from './ServerContext.js';

export function isAdminPath(pathname: string): boolean {
  return /^\/admin(\/|$)/i.test(pathname);
}

/**
 * The host's admin API, the parts a local loop needs: `POST /admin/functions/{name}` runs a non-HTTP function by
 * hand (202 at once, the function runs in the background), `GET /admin/host/status` says the host is running.
 */
export async function handleAdminRequest(context: ServerContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const refusal = adminRefusal(req, context.adminKey);
  if (refusal !== undefined) {
    // Nothing of a refused request is read: the connection closes after the answer.
    sendStatus(res, refusal.status, refusal.message, { connection: 'close' });
    return;
  }
  const method = req.method ?? '';
  if (/^\/admin\/host\/status\/?$/i.test(url.pathname)) {
    if (method !== 'GET' && method !== 'HEAD') {
      sendStatus(res, 405, undefined, { allow: 'GET, HEAD' });
      return;
    }
    const body = JSON.stringify({ state: 'Running', version: devHostVersion, processUptime: Math.round(process.uptime() * 1000) });
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(body)) });
    res.end(body);
    return;
  }
  const match = /^\/admin\/functions\/([^/]+)\/?$/i.exec(url.pathname);
  const encodedName = match?.[1];
  if (encodedName === undefined) {
    sendStatus(res, 404);
    return;
  }
  if (method !== 'POST') {
    sendStatus(res, 405, undefined, { allow: 'POST' });
    return;
  }

  const body = await readBodyOrRefuse(req, res, context.maxBodyBytes);
  if (body === undefined) {
    return;
  }
  const parsed = parseInvocationBody(body);
  if (typeof parsed === 'string') {
    sendStatus(res, 400, parsed);
    return;
  }

  const descriptor = context.runtime.find(safeDecode(encodedName) ?? '');
  if (!descriptor) {
    sendStatus(res, 404);
    return;
  }
  if (isHttpTrigger(descriptor)) {
    sendStatus(res, 400, `"${descriptor.name}" is an HTTP function: call its URL instead (${context.routeTable.routeUrlPath(descriptor.name)}).`);
    return;
  }

  sendStatus(res, 202);
  // Runs in the background, as in the host; the runtime tracks it so shutdown waits for it.
  const triggerData = manualTriggerData(descriptor, parsed.input);
  const triggerMetadata = handRunTriggerMetadata(descriptor.triggerType, triggerData);
  void context.runtime.invokeTrigger(descriptor, { triggerData, triggerMetadata, reason: hostApiReason, announce: true });
}

/** `{ "input": "..." }`; anything else is a 400 with a message saying what to send. */
function parseInvocationBody(body: Buffer): { input: string | undefined } | string {
  const usage = 'Send a JSON body such as {"input": "<trigger input as a string>"} (use {} for a timer).';
  if (body.byteLength === 0) {
    return `The request has no body. ${usage}`;
  }
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    return `The body is not valid JSON. ${usage}`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return `The body must be a JSON object. ${usage}`;
  }
  const input = (value as Record<string, unknown>).input;
  if (input === undefined || input === null) {
    return { input: undefined };
  }
  if (typeof input === 'string') {
    return { input };
  }
  if (typeof input === 'number' || typeof input === 'boolean') {
    return { input: String(input) };
  }
  return `"input" must be a string (JSON-encode structured input). ${usage}`;
}

/** A timer ignores the input and gets its TimerInfo; other triggers get the input string. */
function manualTriggerData(descriptor: FunctionDescriptor, input: string | undefined): RpcTypedData | undefined {
  if (isTimerTrigger(descriptor)) {
    return timerInfo();
  }
  return input === undefined ? undefined : { string: input };
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
