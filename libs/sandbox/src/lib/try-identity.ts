/** Linux's highest possible pid_max: worker pids stay below it. */
const PID_LIMIT = 2 ** 22;
/** Concurrent bash tries one worker process can give a uid of their own. */
export const IDENTITY_SLOTS = 256;
/** Far above the uids of real users, systemd's dynamic users and common subordinate-uid ranges. */
const UID_BASE = 2 ** 30;

export interface TryIdentity {
  uid: number;
  gid: number;
  release(): void;
}

/**
 * Hands each running bash try a uid (and a gid of the same number) no other live try on the host
 * has: the worker's pid (unique among live processes) times the slots, plus a slot free in this
 * worker. With it, RLIMIT_NPROC (counted per uid) limits that try alone, and mode bits keep two
 * tries' files apart. Slots are taken round-robin so a uid is reused as late as possible.
 */
export class TryIdentities {
  private readonly busy = new Set<number>();
  private next = 0;

  constructor(private readonly pid: number) {}

  uidOf(slot: number): number {
    return UID_BASE + (this.pid % PID_LIMIT) * IDENTITY_SLOTS + slot;
  }

  /** Undefined when every slot is taken. */
  acquire(): TryIdentity | undefined {
    for (let i = 0; i < IDENTITY_SLOTS; i++) {
      const slot = (this.next + i) % IDENTITY_SLOTS;
      if (this.busy.has(slot)) continue;
      this.busy.add(slot);
      this.next = (slot + 1) % IDENTITY_SLOTS;
      const uid = this.uidOf(slot);
      return { uid, gid: uid, release: () => this.busy.delete(slot) };
    }
    return undefined;
  }
}

/** The identities of this worker process's bash tries. */
export const tryIdentities = new TryIdentities(process.pid);
