import { type LookupAddress, type LookupOptions, lookup } from 'node:dns';
import { Agent, buildConnector } from 'undici';
import { addressRefused, type NetworkGuard } from './network-guard.js';

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** Name resolution as `dns.lookup` with `all: true` does it; injectable so tests can fake DNS. */
export type Resolver = (
  hostname: string,
  options: LookupOptions & { all: true },
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

/**
 * Resolves a name and keeps only the addresses the guard allows, so a name that resolves (or
 * re-resolves, DNS rebinding) to an internal address never gets a connection.
 */
export function guardedLookup(guard: NetworkGuard, resolve: Resolver = lookup) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const verdicts = addresses.map((entry) => ({ entry, verdict: guard.checkAddress(hostname, entry.address) }));
      const allowed = verdicts.filter(({ verdict }) => verdict.allowed).map(({ entry }) => entry);
      const first = allowed[0];
      if (!first) {
        const refusedOne = verdicts.map(({ verdict }) => verdict).find((verdict) => !verdict.allowed);
        if (refusedOne && !refusedOne.allowed) {
          return callback(addressRefused(`${hostname} → ${refusedOne.address}`, refusedOne), []);
        }
        return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), []);
      }
      if (options.all) return callback(null, allowed);
      return callback(null, first.address, first.family);
    });
  };
}

/**
 * An undici Agent whose every connection is checked twice: at name resolution, and against the
 * socket's actual remote address once connected (what was really reached, whatever resolved it).
 */
export function createGuardedAgent(guard: NetworkGuard, connectTimeoutMs: number, resolve?: Resolver): Agent {
  const base = buildConnector({ lookup: guardedLookup(guard, resolve), timeout: connectTimeoutMs });
  const connect: buildConnector.connector = (options, callback) => {
    base(options, (error, socket) => {
      if (error || !socket) return callback(error ?? new Error('connection failed'), null);
      const host = options.hostname.startsWith('[') ? options.hostname.slice(1, -1) : options.hostname;
      const verdict = guard.checkAddress(host, socket.remoteAddress ?? 'unknown');
      if (!verdict.allowed) {
        socket.destroy();
        return callback(addressRefused(`${options.protocol}//${options.hostname}`, verdict), null);
      }
      return callback(null, socket);
    });
  };
  return new Agent({ connect });
}
