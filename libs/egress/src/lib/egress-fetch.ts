import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import { Agent, fetch, RequestInit, Response } from 'undici';
import { EgressDeniedError, EgressPolicy } from './egress-policy';

const MAX_REDIRECTS = 5;

/**
 * fetch for tenant-chosen URLs. Each hop's URL is checked before it is requested, and the address
 * the socket connects to is checked again at connect time, so a name that re-resolves to a private
 * address between the check and the connection (DNS rebinding) is refused too.
 */
export async function egressFetch(
  policy: EgressPolicy,
  url: URL | string,
  init: RequestInit & { redirect?: 'follow' | 'manual' } = {},
): Promise<Response> {
  const dispatcher = new Agent({
    connect: {
      lookup: (hostname, options, callback) => {
        dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
          if (error) return callback(error, '', 0);
          policy
            .checkAddresses(
              hostname.toLowerCase(),
              addresses.map((a) => a.address),
            )
            .then(
              () =>
                options.all
                  ? callback(null, addresses as never)
                  : callback(null, addresses[0].address, addresses[0].family),
              (denied: Error) => callback(denied as NodeJS.ErrnoException, '', 0),
            );
        });
      },
    },
  });
  try {
    let current = new URL(url);
    for (let hop = 0; ; hop++) {
      await policy.check(current);
      const response = await fetch(current, { ...init, redirect: 'manual', dispatcher });
      const location = response.headers.get('location');
      if (init.redirect === 'manual' || response.status < 300 || response.status > 399 || !location) return response;
      if (hop >= MAX_REDIRECTS)
        throw new EgressDeniedError(`more than ${MAX_REDIRECTS} redirects from ${new URL(url).origin}`);
      await response.body?.cancel();
      current = new URL(location, current);
    }
  } catch (error) {
    const cause = (error as Error & { cause?: Error }).cause;
    if (cause instanceof EgressDeniedError) throw cause;
    throw error;
  } finally {
    void dispatcher.close();
  }
}
