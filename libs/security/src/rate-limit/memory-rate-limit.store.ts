import { RateKey, RateLimitStore, RateWindow } from './rate-limit.store';

interface Window {
  count: number;
  resetAt: number;
}

/** One action's windows: keys seen once, and keys seen again (the ones that matter: repeated sign-in or code attempts). */
class Partition {
  readonly singles = new Map<string, Window>();
  readonly repeats = new Map<string, Window>();

  get size(): number {
    return this.singles.size + this.repeats.size;
  }
}

/**
 * Counts in this process's memory: the embedded default (one instance).
 * Bounded, and built so that a flood cannot reset the counters that matter:
 * each action has its own partition (a flood of report or registration keys
 * never touches sign-in or TOTP counters), expired windows are swept first,
 * and only then are keys evicted, those seen once before any seen twice, so
 * new keys of a flood push out each other, not an attacker's or a victim's
 * repeated attempts.
 */
export class MemoryRateLimitStore implements RateLimitStore {
  readonly name = 'memory' as const;
  static readonly MAX_KEYS_PER_ACTION = 100_000;
  private readonly partitions = new Map<string, Partition>();
  private operations = 0;

  constructor(readonly maxKeysPerAction = MemoryRateLimitStore.MAX_KEYS_PER_ACTION) {}

  hit(key: RateKey, windowMs: number, now: number): Promise<RateWindow> {
    return Promise.resolve(this.hitNow(key, windowMs, now));
  }

  /** Synchronous, for the fallback when a shared store fails. */
  hitNow({ tenant, action, key }: RateKey, windowMs: number, now: number): RateWindow {
    const partition = this.partition(action);
    const id = JSON.stringify([tenant, key]);
    if (++this.operations % 1000 === 0) this.sweep(now);
    let window = partition.repeats.get(id) ?? partition.singles.get(id);
    if (window && window.resetAt <= now) {
      partition.singles.delete(id);
      partition.repeats.delete(id);
      window = undefined;
    }
    if (!window) {
      this.makeRoom(partition, now);
      window = { count: 1, resetAt: now + windowMs };
      partition.singles.set(id, window);
    } else {
      window.count++;
      if (partition.singles.delete(id)) partition.repeats.set(id, window);
    }
    return { count: window.count, resetAt: window.resetAt };
  }

  reset({ tenant, action, key }: RateKey): Promise<void> {
    const partition = this.partitions.get(action);
    const id = JSON.stringify([tenant, key]);
    partition?.singles.delete(id);
    partition?.repeats.delete(id);
    return Promise.resolve();
  }

  /** Keys held for an action (for tests and metrics). */
  size(action: string): number {
    return this.partitions.get(action)?.size ?? 0;
  }

  private partition(action: string): Partition {
    let partition = this.partitions.get(action);
    if (!partition) this.partitions.set(action, (partition = new Partition()));
    return partition;
  }

  private makeRoom(partition: Partition, now: number): void {
    if (partition.size < this.maxKeysPerAction) return;
    sweep(partition.singles, now);
    sweep(partition.repeats, now);
    // Still full: the oldest keys seen once go first (a Map iterates in insertion order), then the oldest of the rest.
    for (const map of [partition.singles, partition.repeats]) {
      for (const id of map.keys()) {
        if (partition.size < this.maxKeysPerAction) return;
        map.delete(id);
      }
    }
  }

  private sweep(now: number): void {
    for (const partition of this.partitions.values()) {
      sweep(partition.singles, now);
      sweep(partition.repeats, now);
    }
  }
}

function sweep(map: Map<string, Window>, now: number): void {
  for (const [id, window] of map) if (window.resetAt <= now) map.delete(id);
}
