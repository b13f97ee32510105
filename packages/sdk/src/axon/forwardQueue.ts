// The axon's concurrency limit: at most N forward handlers run at once; waiting requests are admitted by
// highest priority (the attach()'d priority function), then arrival, and give up after their timeout.

export class QueueTimeoutError extends Error {
  override readonly name = "QueueTimeoutError";
}

interface Waiter {
  readonly priority: number;
  readonly seq: number;
  readonly resolve: () => void;
  settled: boolean;
}

export class ForwardQueue {
  readonly #limit: number;
  #running = 0;
  #seq = 0;
  // Kept sorted: highest priority first, FIFO among equals. Waiting lists stay short, so insertion is fine.
  readonly #waiting: Waiter[] = [];

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`concurrency limit must be ≥ 1, got ${limit}`);
    this.#limit = limit;
  }

  get running(): number {
    return this.#running;
  }
  get waiting(): number {
    return this.#waiting.length;
  }

  /**
   * Resolves with a release function once a slot is free. Rejects with QueueTimeoutError after
   * `timeoutMs`, or with the signal's reason when the caller goes away first.
   */
  acquire(priority: number, timeoutMs: number, signal?: AbortSignal): Promise<() => void> {
    if (this.#running < this.#limit && this.#waiting.length === 0) {
      this.#running++;
      return Promise.resolve(this.#releaser());
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        priority: Number.isNaN(priority) ? Number.NEGATIVE_INFINITY : priority,
        seq: this.#seq++,
        settled: false,
        resolve: () => {
          cleanup();
          resolve(this.#releaser());
        },
      };
      const giveUp = (err: Error) => {
        if (waiter.settled) return;
        waiter.settled = true;
        const at = this.#waiting.indexOf(waiter);
        if (at >= 0) this.#waiting.splice(at, 1);
        cleanup();
        reject(err);
      };
      const timer =
        Number.isFinite(timeoutMs) && timeoutMs >= 0
          ? setTimeout(() => giveUp(new QueueTimeoutError("queue wait timed out")), timeoutMs)
          : undefined;
      const onAbort = () => giveUp(signal?.reason instanceof Error ? signal.reason : new Error("aborted"));
      const cleanup = () => {
        if (timer) clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener("abort", onAbort, { once: true });
      let i = this.#waiting.length;
      while (i > 0 && this.#waiting[i - 1].priority < waiter.priority) i--;
      this.#waiting.splice(i, 0, waiter);
    });
  }

  #releaser(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.#running--;
      this.#admit();
    };
  }

  #admit() {
    while (this.#running < this.#limit && this.#waiting.length > 0) {
      const next = this.#waiting.shift()!;
      if (next.settled) continue;
      next.settled = true;
      this.#running++;
      next.resolve();
    }
  }
}
