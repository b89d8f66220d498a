import { Server } from 'node:net';

/**
 * Runs `action` and returns the servers that started listening meanwhile. The library's streaming proxy is a server
 * it starts inside `getCapabilities()` and never exposes; an in-process host must close it on `close()` or the
 * process would keep it forever.
 */
export async function captureListeningServers<T>(action: () => Promise<T>): Promise<{ value: T; servers: Server[] }> {
  const servers = new Set<Server>();
  // eslint-disable-next-line @typescript-eslint/unbound-method -- restored below and always called with its `this`
  const originalListen = Server.prototype.listen;
  Server.prototype.listen = function listen(this: Server, ...args: unknown[]): Server {
    servers.add(this);
    return Reflect.apply(originalListen, this, args) as Server;
  } as typeof originalListen;
  try {
    const value = await action();
    return { value, servers: [...servers] };
  } finally {
    Server.prototype.listen = originalListen;
  }
}
