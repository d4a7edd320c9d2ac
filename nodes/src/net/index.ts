export { type AddressVerdict, classifyAddress } from './address-policy.js';
export { createAllowList } from './allow-list.js';
export { createNetworkGuard, type NetworkGuard } from './network-guard.js';
export {
  createSafeFetch,
  type SafeFetch,
  type SafeFetchOptions,
  type SafeFetchRequest,
  type SafeFetchResponse,
  SafeFetchService,
  safeFetchFrom,
} from './safe-fetch.js';
