import ipaddr from 'ipaddr.js';
import { parseAddress } from './address-policy.js';

/**
 * The internal hosts an installation chooses to reach despite the guard: exact host names,
 * `*.suffix` wildcards, single addresses and CIDR ranges (`10.20.0.0/16`, `fd12::/64`).
 */
export interface AllowList {
  /** True when the host name itself is allowed (its addresses are then trusted). */
  allowsHost(hostname: string): boolean;
  /** True when an address lies in an allowed address or range. */
  allowsAddress(address: string): boolean;
}

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

function parseRange(entry: string): Range | undefined {
  if (entry.includes('/')) {
    try {
      return ipaddr.parseCIDR(entry);
    } catch {
      throw new Error(`The allow-list entry "${entry}" is not a valid CIDR range (example: 10.20.0.0/16).`);
    }
  }
  const single = parseAddress(entry);
  if (!single) return undefined;
  return [single, single.kind() === 'ipv4' ? 32 : 128];
}

/** A range written as mapped IPv6 (::ffff:10.0.0.0/104) is kept as its IPv4 range. */
function normalizeRange([base, bits]: Range): Range {
  if (base.kind() === 'ipv6' && (base as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96) {
    return [(base as ipaddr.IPv6).toIPv4Address(), bits - 96];
  }
  return [base, bits];
}

/** Mapped IPv6 (::ffff:a.b.c.d) is compared as its IPv4, so one IPv4 entry covers both forms. */
function comparable(address: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4 | ipaddr.IPv6 {
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()) {
    return (address as ipaddr.IPv6).toIPv4Address();
  }
  return address;
}

export function createAllowList(entries: readonly string[] = []): AllowList {
  const ranges: Range[] = [];
  const hosts = new Set<string>();
  const suffixes: string[] = [];
  for (const raw of entries) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    const range = parseRange(entry);
    if (range) ranges.push(normalizeRange(range));
    else if (entry.startsWith('*.')) suffixes.push(entry.slice(1));
    else if (/^[a-z0-9.-]+$/.test(entry)) hosts.add(entry.replace(/\.$/, ''));
    else
      throw new Error(`The allow-list entry "${raw}" is neither a host name, "*.domain", an address nor a CIDR range.`);
  }
  return {
    allowsHost(hostname) {
      const host = hostname.toLowerCase().replace(/\.$/, '');
      return hosts.has(host) || suffixes.some((suffix) => host.endsWith(suffix));
    },
    allowsAddress(address) {
      const parsed = parseAddress(address);
      if (!parsed) return false;
      const candidate = comparable(parsed);
      return ranges.some(([base, bits]) => candidate.kind() === base.kind() && candidate.match(base, bits));
    },
  };
}
