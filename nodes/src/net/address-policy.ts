import ipaddr from 'ipaddr.js';

/**
 * Which IP addresses a flow may reach. Anything that is not plain public unicast is refused: an
 * LLM flow fed by user text must never become a way into the host's own network (SSRF).
 */
export type AddressVerdict =
  | { allowed: true; address: string }
  | { allowed: false; address: string; category: string; reason: string };

type IPAddress = ipaddr.IPv4 | ipaddr.IPv6;

const METADATA: ReadonlyArray<[string, string]> = [
  ['169.254.169.254', 'the cloud metadata endpoint (AWS, GCP, Azure, Tencent Cloud, …)'],
  ['169.254.170.2', 'the AWS container credentials endpoint'],
  ['100.100.100.200', 'the Alibaba Cloud metadata endpoint'],
  ['fd00:ec2::254', 'the AWS IPv6 metadata endpoint'],
];

const REASONS: Record<string, string> = {
  unspecified: 'an unspecified address (0.0.0.0 or ::) reaches this machine',
  broadcast: 'a broadcast address',
  multicast: 'a multicast address',
  linkLocal: 'a link-local address (169.254.0.0/16 or fe80::/10)',
  loopback: 'a loopback address (this machine itself)',
  carrierGradeNat: 'a carrier-grade NAT address (100.64.0.0/10)',
  private: 'a private network address (10/8, 172.16/12 or 192.168/16)',
  uniqueLocal: 'a private IPv6 address (unique local, fc00::/7)',
  deprecatedSiteLocal: 'a private IPv6 address (site-local, fec0::/10)',
  reserved: 'a reserved or documentation-only address',
  benchmarking: 'a benchmarking-only address',
  amt: 'a multicast tunnelling (AMT) address',
  as112: 'an AS112 sink address',
  as112v6: 'an AS112 sink address',
  discard: 'an IPv6 discard-only address (100::/64)',
  teredo: 'a Teredo tunnelling address',
  orchid2: 'an ORCHID identifier, not a routable address',
  deprecatedOrchid: 'an ORCHID identifier, not a routable address',
  droneRemoteIdProtocolEntityTags: 'a drone remote-ID tag, not a routable address',
  segmentRouting: 'an IPv6 segment-routing address',
  nat64Local: 'a local-use NAT64 address (64:ff9b:1::/48)',
};

/** Parses any spelling ipaddr.js knows: dotted, short (127.1), decimal, octal, hex, bracketed IPv6. */
export function parseAddress(text: string): IPAddress | undefined {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (!ipaddr.isValid(bare)) return undefined;
  try {
    return ipaddr.parse(bare);
  } catch {
    return undefined;
  }
}

/** True when the text is an IP literal (any spelling) rather than a host name. */
export function isAddressLiteral(text: string): boolean {
  return parseAddress(text) !== undefined;
}

/** The IPv4 address an IPv6 address carries inside it (mapped, compatible, NAT64, 6to4), if any. */
function embeddedIPv4(address: ipaddr.IPv6): { v4: ipaddr.IPv4; how: string } | undefined {
  const p = address.parts;
  const v4At = (hi: number, lo: number) => new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
  const range = address.range();
  if (range === 'ipv4Mapped') return { v4: v4At(p[6] ?? 0, p[7] ?? 0), how: 'IPv4-mapped IPv6' };
  if (range === 'rfc6145') return { v4: v4At(p[6] ?? 0, p[7] ?? 0), how: 'IPv4-translated IPv6' };
  if (range === '6to4') return { v4: v4At(p[1] ?? 0, p[2] ?? 0), how: '6to4 IPv6' };
  if (range === 'rfc6052' && p[2] === 0) return { v4: v4At(p[6] ?? 0, p[7] ?? 0), how: 'NAT64 IPv6' };
  // IPv4-compatible (::a.b.c.d, deprecated) — but :: and ::1 are handled by their own ranges.
  if (range === 'unicast' && p.slice(0, 6).every((part) => part === 0)) {
    return { v4: v4At(p[6] ?? 0, p[7] ?? 0), how: 'IPv4-compatible IPv6' };
  }
  return undefined;
}

function metadataReason(normalized: string): string | undefined {
  return METADATA.find(([address]) => address === normalized)?.[1];
}

/** Why an address is refused, as a phrase ("a loopback address …"), or undefined when allowed. */
function refusal(address: IPAddress): { category: string; description: string } | undefined {
  const metadata = metadataReason(address.toString());
  if (metadata) return { category: 'metadata', description: metadata };
  if (address.kind() === 'ipv6') {
    const v6 = address as ipaddr.IPv6;
    const embedded = embeddedIPv4(v6);
    if (embedded) {
      const inner = refusal(embedded.v4);
      if (!inner) return undefined;
      return {
        category: inner.category,
        description: `the ${embedded.how} form of ${embedded.v4}, ${inner.description}`,
      };
    }
    const range = v6.range() === 'rfc6052' ? 'nat64Local' : v6.range();
    if (range === 'unicast') return undefined;
    return { category: range, description: REASONS[range] ?? `a special-purpose address (${range})` };
  }
  const range = (address as ipaddr.IPv4).range();
  if (range === 'unicast') return undefined;
  return { category: range, description: REASONS[range] ?? `a special-purpose address (${range})` };
}

/** Classifies one IP address, in any spelling. A text that is not an address is refused. */
export function classifyAddress(text: string): AddressVerdict {
  const parsed = parseAddress(text);
  if (!parsed) return { allowed: false, address: text, category: 'invalid', reason: `"${text}" is not an IP address` };
  const normalized = parsed.toString();
  const found = refusal(parsed);
  if (!found) return { allowed: true, address: normalized };
  const shown = text === normalized ? text : `${text} (= ${normalized})`;
  return { allowed: false, address: normalized, category: found.category, reason: `${shown} is ${found.description}` };
}
