import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { targetsAdminApi } from './adminTarget.js';

// The watch-mode proxy asks this before it forwards a caller that is not on loopback; it must see every target the
// host would route to its admin API, however the target is spelled (this once let remote callers in).
function request(url: string, host = 'localhost:7071'): IncomingMessage {
  const req = new IncomingMessage(new Socket());
  req.url = url;
  req.headers = { host };
  return req;
}

describe('targetsAdminApi', () => {
  it.each([
    '/admin/functions/tick',
    '/ADMIN/host/status',
    '/api/../admin/functions/tick',
    '/api/%2e%2e/admin/functions/tick',
    '//%zz/../../admin/functions/tick',
    '//%zz/../../admin/host/status',
    'http://elsewhere/admin/functions/tick',
  ])('recognises %s as an admin call', (url) => {
    expect(targetsAdminApi(request(url))).toBe(true);
  });

  it.each(['/api/admin', '/api/HttpTrigger', '/administration', '/'])('lets %s through as an ordinary request', (url) => {
    expect(targetsAdminApi(request(url))).toBe(false);
  });

  it('treats a target the host cannot resolve as no admin call (the host answers 400 to it)', () => {
    expect(targetsAdminApi(request('*'))).toBe(false);
  });
});
