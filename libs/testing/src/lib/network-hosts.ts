import { execFileSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { createConnection, createServer, Server, Socket } from 'node:net';

/**
 * Separate network hosts on one machine: each host is a Linux network namespace joined to this
 * one by its own veth link (this side `10.N.i.1`, the host `10.N.i.2`). A host reaches only this
 * side of its link: no default route, so neither the other hosts nor the outside world. Services
 * that listen on this machine's loopback (PostgreSQL, Redis, a mail catcher) are offered to the
 * hosts by relays bound to this side of each link, so their traffic crosses the links and stops
 * when a link is cut. Needs root (CAP_NET_ADMIN) and iproute2's `ip`.
 */
export interface NetworkHost {
  name: string;
  namespace: string;
  /** The host's own address, where its servers are reached from here. */
  address: string;
  /** This machine's side of the link: where the host reaches relayed services. */
  gateway: string;
  /** Prefix a command with it to run the command on the host. */
  launcher: string[];
  /** Takes the link down: packets are dropped both ways, open connections hang as on a real cut. */
  cut(): void;
  restore(): void;
}

export interface HostNetwork {
  hosts: Record<string, NetworkHost>;
  /** Offers `127.0.0.1:port` to every host; answers the port each host reaches it on (at its gateway). */
  relay(port: number): Promise<number>;
  /** Closes the relays and deletes the namespaces and links; safe to call twice. */
  destroy(): Promise<void>;
}

const ip = (...args: string[]) => execFileSync('ip', args, { stdio: ['ignore', 'pipe', 'pipe'] }).toString('utf8');

function unusedSubnet(): number {
  const taken = ip('-4', '-o', 'addr', 'show');
  for (let attempt = 0; attempt < 50; attempt++) {
    const second = randomInt(160, 250);
    if (!taken.includes(` 10.${second}.`)) return second;
  }
  throw new Error('no free 10.x.0.0/16 subnet for the test hosts');
}

const created = new Set<string>();
let exitHookInstalled = false;

function deleteNamespace(namespace: string): void {
  try {
    // Deleting the namespace deletes its veth end, and with it the peer on this side.
    ip('netns', 'del', namespace);
  } catch {
    // Already gone.
  }
  created.delete(namespace);
}

export async function createHostNetwork(names: string[]): Promise<HostNetwork> {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => [...created].forEach(deleteNamespace));
  }
  const id = randomBytes(2).toString('hex');
  const subnet = unusedSubnet();
  const hosts: Record<string, NetworkHost> = {};
  const relays: Server[] = [];
  const sockets = new Set<Socket>();

  const destroy = async () => {
    for (const socket of sockets) socket.destroy();
    await Promise.all(relays.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
    for (const host of Object.values(hosts)) deleteNamespace(host.namespace);
  };

  try {
    names.forEach((name, index) => {
      const namespace = `ud${id}-${name}`;
      const outer = `ud${id}o${index}`;
      const inner = `ud${id}i${index}`;
      const gateway = `10.${subnet}.${index}.1`;
      const address = `10.${subnet}.${index}.2`;
      ip('netns', 'add', namespace);
      created.add(namespace);
      ip('link', 'add', outer, 'type', 'veth', 'peer', 'name', inner);
      ip('link', 'set', inner, 'netns', namespace);
      ip('addr', 'add', `${gateway}/24`, 'dev', outer);
      ip('link', 'set', outer, 'up');
      const inside = (...args: string[]) => ip('netns', 'exec', namespace, 'ip', ...args);
      inside('addr', 'add', `${address}/24`, 'dev', inner);
      inside('link', 'set', inner, 'up');
      inside('link', 'set', 'lo', 'up');
      hosts[name] = {
        name,
        namespace,
        address,
        gateway,
        launcher: ['ip', 'netns', 'exec', namespace],
        cut: () => ip('link', 'set', outer, 'down'),
        restore: () => ip('link', 'set', outer, 'up'),
      };
    });
  } catch (error) {
    await destroy();
    throw new Error(`could not make the test hosts (root and iproute2 are needed): ${(error as Error).message}`);
  }

  const relay = async (port: number) => {
    // One port for every host: bound to the wildcard address, refusing what did not arrive over a link.
    const server = createServer((client) => {
      if (!client.localAddress?.replace('::ffff:', '').startsWith(`10.${subnet}.`)) return void client.destroy();
      const upstream = createConnection({ host: '127.0.0.1', port });
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.once('close', () => sockets.delete(socket));
      }
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
      client.pipe(upstream).pipe(client);
    });
    relays.push(server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '0.0.0.0', resolve);
    });
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('relay has no port');
    return address.port;
  };

  return { hosts, relay, destroy };
}
