import { BlockList, isIP } from 'node:net';

// Which peers may speak for the client through X-Forwarded-For. Trusting "any private address"
// trusted every container and every host on the LAN: any of them could then name its own address
// per request and walk past the sign-in limits. Only the proxies the operator lists are trusted.

/** True when `entry` is an IPv4 or IPv6 address, optionally with a /prefix (CIDR). */
export function isAddressOrRange(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address ?? '');
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/** Splits a comma- or space-separated list of addresses and ranges; undefined when one is not. */
export function parseProxyList(text: string): string[] | undefined {
  const entries = text.split(/[\s,]+/).filter(Boolean);
  return entries.every(isAddressOrRange) ? entries : undefined;
}

const LOOPBACK = ['127.0.0.0/8', '::1'];

function plain(address: string): string {
  // IPv4 mapped into IPv6 (::ffff:10.0.0.2) is the IPv4 peer it stands for.
  return address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
}

/** Matches an address against a list of addresses and ranges. */
export function addressMatcher(entries: string[]): (address: string) => boolean {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, prefix] = entry.split('/') as [string, string | undefined];
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return (address) => {
    const bare = plain(address);
    const type = isIP(bare) === 6 ? 'ipv6' : isIP(bare) === 4 ? 'ipv4' : undefined;
    return type !== undefined && list.check(bare, type);
  };
}

export interface ProxyTrust {
  /** The proxies' own addresses (HTTP_TRUSTED_PROXIES); every hop must be one of them. */
  addresses: string[];
  /** The older HTTP_TRUST_PROXY: this many hops, the nearest on this machine (loopback). */
  hops: number;
}

/**
 * The trust function Fastify asks for each hop, nearest first (hop 0 is the socket's peer): with a
 * list, every hop we believe must be a listed proxy; with a hop count only, the nearest must be on
 * this machine and at most `hops` entries are believed. Anything else: the peer is the client.
 */
export function proxyTrust(trust: ProxyTrust): ((address: string, hop: number) => boolean) | false {
  if (trust.addresses.length) {
    const listed = addressMatcher(trust.addresses);
    return (address) => listed(address);
  }
  if (trust.hops <= 0) return false;
  const local = addressMatcher(LOOPBACK);
  return (address, hop) => hop < trust.hops && (hop > 0 || local(address));
}
