import { egressFetch } from './egress-fetch';
import { EgressDeniedError, EgressPolicy } from './egress-policy';
import { DestinationRefusedError, type Fetcher } from '@updraft/operators';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

function refusedWhenDenied(error: unknown): unknown {
  return error instanceof EgressDeniedError ? new DestinationRefusedError(error.message) : error;
}

/** The operators' fetch on the platform: every hop and address goes through the egress policy. */
export function egressFetcher(policy: EgressPolicy): Fetcher {
  return async (url, init) => {
    try {
      return await egressFetch(policy, url, init);
    } catch (error) {
      throw refusedWhenDenied(error);
    }
  };
}

/** A host's address, once the egress policy has allowed it (an sql connection then connects to that address only). */
export function egressHostResolver(policy: EgressPolicy): (host: string) => Promise<string> {
  return async (host) => {
    const address = isIP(host) ? host : (await lookup(host)).address;
    try {
      await policy.checkAddresses(host, [address]);
    } catch (error) {
      throw refusedWhenDenied(error);
    }
    return address;
  };
}
