// Where a webhook may be delivered (SSRF guard): only public unicast addresses, unless the operator's
// allow-list (WEBHOOK_ALLOWED_TARGETS) names the address, its network or the host. Pure: the delivery
// activity resolves DNS and asks here about every address it got.
import ipaddr from 'ipaddr.js';

export interface TargetAllowList {
  hosts: Set<string>;
  networks: Array<[ipaddr.IPv4 | ipaddr.IPv6, number]>;
}

export const EMPTY_ALLOW_LIST: TargetAllowList = { hosts: new Set(), networks: [] };

/** "127.0.0.1, 10.0.0.0/8, ::1, hooks.internal" → the allow-list; throws naming a bad entry. */
export function parseAllowList(value: string | undefined): TargetAllowList {
  const list: TargetAllowList = { hosts: new Set(), networks: [] };
  for (const raw of (value ?? '').split(',')) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry.includes('/')) {
      try {
        list.networks.push(ipaddr.parseCIDR(entry));
      } catch {
        throw new Error(`"${entry}" is not a network (CIDR)`);
      }
    } else if (ipaddr.isValid(entry)) {
      const ip = ipaddr.parse(entry);
      list.networks.push([ip, ip.kind() === 'ipv4' ? 32 : 128]);
    } else if (/^[a-z0-9.-]+$/.test(entry)) list.hosts.add(entry);
    else throw new Error(`"${entry}" is neither an address, a network nor a host name`);
  }
  return list;
}

const bare = (host: string) => host.replace(/^\[|\]$/g, '').toLowerCase();

export const isAllowedHost = (host: string, allow: TargetAllowList) => allow.hosts.has(bare(host));

function parsed(address: string) {
  const ip = ipaddr.parse(address);
  return ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress() ? (ip as ipaddr.IPv6).toIPv4Address() : ip;
}

const inAllowedNetwork = (ip: ipaddr.IPv4 | ipaddr.IPv6, allow: TargetAllowList) => allow.networks.some(([net, bits]) => net.kind() === ip.kind() && ip.match([net, bits] as never));

/** Why this address may not be a target (loopback, private, link-local …), or null when it may. */
export function refusedAddress(address: string, allow: TargetAllowList): string | null {
  if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
  const ip = parsed(address);
  if (inAllowedNetwork(ip, allow)) return null;
  const range = ip.range();
  return range === 'unicast' ? null : `${address} is a ${range} address (allow it with WEBHOOK_ALLOWED_TARGETS)`;
}

/** Checks a subscription URL before it is stored: https (plain http only for an allowed target) and no
 * literal address that delivery would refuse. Host names are checked again at every delivery. */
export function refusedUrl(url: string, allow: TargetAllowList): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'not a URL';
  }
  if (u.username || u.password) return 'credentials in the URL are not allowed';
  const host = bare(u.hostname);
  const literal = ipaddr.isValid(host);
  const allowed = literal ? inAllowedNetwork(parsed(host), allow) : isAllowedHost(host, allow);
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && allowed)) return 'must be https:// (plain http only for a target on WEBHOOK_ALLOWED_TARGETS)';
  return literal ? refusedAddress(host, allow) : null;
}
