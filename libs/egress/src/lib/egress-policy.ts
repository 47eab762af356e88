import { BlockList, isIP } from 'node:net';
import { lookup } from 'node:dns/promises';

/** Address ranges a tenant's outbound call may not reach: the platform's own network and the host itself. */
const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  PRIVATE.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv6');
}

export class EgressDeniedError extends Error {}

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) throw new Error(`'${address}' is not an IP address`);
  // An IPv4-mapped IPv6 address (::ffff:127.0.0.1) is judged as the IPv4 address it carries.
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (dotted) return PRIVATE.check(dotted[1], 'ipv4');
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (hex) {
    const [high, low] = [parseInt(hex[1], 16), parseInt(hex[2], 16)];
    return PRIVATE.check(`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`, 'ipv4');
  }
  return PRIVATE.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export interface EgressSettings {
  /** Lets tenant calls reach private and loopback addresses (a single-tenant or development install). */
  allowPrivateNetworks: boolean;
  /** Host names or addresses allowed even when private (e.g. a stand-in on 127.0.0.1, a partner on a VPN). */
  allowedHosts: readonly string[];
}

/**
 * Decides whether a tenant-chosen destination (http operator and sensor, Slack webhook, tenant SMTP server)
 * may be reached from the platform's network. A name is judged by every address it resolves to.
 */
export class EgressPolicy {
  private readonly allowedHosts: Set<string>;

  constructor(private readonly settings: EgressSettings) {
    this.allowedHosts = new Set(settings.allowedHosts.map((host) => host.toLowerCase()));
  }

  /** Throws EgressDeniedError naming the host and address when the destination is not allowed. */
  async check(url: URL | string, protocols: readonly string[] = ['http:', 'https:']): Promise<void> {
    const target = typeof url === 'string' ? new URL(url) : url;
    if (!protocols.includes(target.protocol))
      throw new EgressDeniedError(
        `only ${protocols.map((p) => p.replace(':', '')).join(' and ')} URLs are allowed, not '${target.protocol}'`,
      );
    const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    await this.checkAddresses(host, await this.addressesOf(host));
  }

  /** For connections made through a custom lookup: judges the addresses a name resolved to at connect time. */
  async checkAddresses(host: string, addresses: readonly string[]): Promise<void> {
    if (this.settings.allowPrivateNetworks || this.allowedHosts.has(host)) return;
    const blocked = addresses.find((address) => isPrivateAddress(address));
    if (blocked)
      throw new EgressDeniedError(
        `'${host}' resolves to ${blocked}, a private or loopback address that tenant tasks may not reach`,
      );
  }

  private async addressesOf(host: string): Promise<string[]> {
    if (isIP(host)) return [host];
    try {
      return (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);
    } catch (error) {
      throw new EgressDeniedError(
        `'${host}' does not resolve: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
    }
  }
}
