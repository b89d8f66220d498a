/**
 * Whether an address names this machine only: `localhost`, `::1`, or 127.0.0.0/8, also in its IPv4-mapped IPv6
 * form (`::ffff:127.0.0.1`, as Node reports IPv4 peers on a dual-stack socket). Used for the address a server binds
 * (`--host`) and for the address a request comes from (admin access).
 */
export function isLoopback(address: string | undefined): boolean {
  if (address === undefined) {
    return false;
  }
  const lowered = address.toLowerCase();
  const plain = lowered.startsWith('::ffff:') ? lowered.slice('::ffff:'.length) : lowered;
  return plain === 'localhost' || plain === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(plain);
}
