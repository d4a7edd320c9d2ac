import { TailorError } from '@tailor/runtime';
import { type AddressVerdict, classifyAddress, isAddressLiteral } from './address-policy.js';
import { type AllowList, createAllowList } from './allow-list.js';

/** Host names that always mean "this machine" or "the cloud's metadata service". */
const INTERNAL_NAMES = [/^localhost$/, /\.localhost$/, /^metadata\.google\.internal$/, /^metadata$/];

export interface NetworkGuard {
  /** Refuses, before any connection, a URL whose scheme or literal host is not allowed. */
  checkUrl(url: URL): void;
  /** Whether a host may connect to one of its resolved (or actually connected) addresses. */
  checkAddress(hostname: string, address: string): AddressVerdict;
}

export interface NetworkGuardOptions {
  /** Host names, `*.domain` wildcards, addresses and CIDR ranges that may be reached anyway. */
  allow?: readonly string[];
}

export function addressRefused(url: string, verdict: Extract<AddressVerdict, { allowed: false }>): TailorError {
  return new TailorError(
    'HTTP_ADDRESS_REFUSED',
    `${url}: ${verdict.reason}. If this flow must reach it, add the host or its range to the network allow-list.`,
    { url, address: verdict.address, category: verdict.category },
  );
}

/** The host without IPv6 brackets and without the trailing dot of a fully qualified name. */
function bareHost(url: URL): string {
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return host.endsWith('.') ? host.slice(0, -1) : host;
}

export function createNetworkGuard(options: NetworkGuardOptions = {}): NetworkGuard {
  const allowList: AllowList = createAllowList(options.allow);
  const checkAddress = (hostname: string, address: string): AddressVerdict => {
    if (allowList.allowsHost(hostname) || allowList.allowsAddress(address)) return { allowed: true, address };
    return classifyAddress(address);
  };
  return {
    checkAddress,
    checkUrl(url) {
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new TailorError('HTTP_FAILED', `Only http and https addresses can be fetched, not "${url.protocol}".`);
      }
      if (url.username || url.password) {
        throw new TailorError(
          'HTTP_FAILED',
          'Put credentials in a stored credential, not in the URL (user:password@).',
        );
      }
      const host = bareHost(url);
      if (allowList.allowsHost(host)) return;
      if (isAddressLiteral(host)) {
        const verdict = checkAddress(host, host);
        if (!verdict.allowed) throw addressRefused(url.href, verdict);
        return;
      }
      if (INTERNAL_NAMES.some((pattern) => pattern.test(host.toLowerCase()))) {
        throw addressRefused(url.href, {
          allowed: false,
          address: host,
          category: 'internal-name',
          reason: `"${host}" names this machine or an internal service`,
        });
      }
    },
  };
}
