/**
 * Collects the calls made while the previous batch was running (or within the same turn of the
 * event loop) and runs them as one: when 500 trainees check in at once, 500 inserts become a few
 * multi-row statements. One batch runs at a time, so a busier moment makes bigger batches rather
 * than more queries. A quiet moment costs nothing: a lone call runs on the next tick.
 *
 * A batch that fails with an error `retryable` accepts (the database is unreachable) is run again
 * after a pause, with the calls that arrived meanwhile, until it succeeds or `giveUpAfterMs` passes;
 * other errors reject every call of that batch.
 */
export interface MicroBatchOptions<In, Out> {
  run: (items: In[]) => Promise<Out[]>;
  maxSize?: number;
  retryable?: (error: unknown) => boolean;
  /** Pause before the first retry, doubled up to `maxRetryDelayMs`. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  giveUpAfterMs?: number;
  onRetry?: (error: unknown, attempt: number) => void;
}

interface Pending<In, Out> {
  item: In;
  resolve: (value: Out) => void;
  reject: (error: unknown) => void;
}

export class MicroBatch<In, Out> {
  private queue: Pending<In, Out>[] = [];
  private running = false;

  constructor(private readonly options: MicroBatchOptions<In, Out>) {}

  submit(item: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.running) {
        this.running = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    const max = this.options.maxSize ?? 1000;
    while (this.queue.length) {
      const batch = this.queue.splice(0, max);
      await this.runWithRetries(batch);
    }
    this.running = false;
  }

  private async runWithRetries(batch: Pending<In, Out>[]): Promise<void> {
    const { retryable = () => false, retryDelayMs = 200, maxRetryDelayMs = 2000, giveUpAfterMs = 120_000 } = this.options;
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      try {
        const results = await this.options.run(batch.map((p) => p.item));
        batch.forEach((p, i) => p.resolve(results[i] as Out));
        return;
      } catch (error) {
        if (!retryable(error) || Date.now() - started > giveUpAfterMs) {
          for (const p of batch) p.reject(error);
          return;
        }
        this.options.onRetry?.(error, attempt);
        await new Promise((r) => setTimeout(r, Math.min(maxRetryDelayMs, retryDelayMs * 2 ** (attempt - 1))));
        batch.push(...this.queue.splice(0, (this.options.maxSize ?? 1000) - batch.length));
      }
    }
  }
}
