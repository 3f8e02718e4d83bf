/**
 * Group commit: requests that arrive while a write is in flight are written together in
 * the next transaction, so N concurrent requests cost one transaction (and a handful of
 * statements) instead of N. A lone request is written at once (after the current turn
 * of the event loop), so nothing waits for a timer; batches form only under load.
 *
 * `write` receives the items in arrival order and answers one result per item, in the
 * same order, inside one transaction of its own. When a batch fails, each of its items
 * is written again alone, so one bad item fails only its own request.
 */
export class GroupCommit<I, O> {
  private queue: { item: I; resolve: (o: O) => void; reject: (e: unknown) => void }[] = [];
  private draining = false;

  constructor(
    private readonly write: (items: I[]) => Promise<O[]>,
    private readonly maxBatch = 100,
  ) {
    if (!Number.isInteger(maxBatch) || maxBatch < 1) throw new Error('maxBatch must be a positive whole number');
  }

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.draining) {
        this.draining = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          const out = await this.write(batch.map((b) => b.item));
          if (out.length !== batch.length) throw new Error(`group commit: ${out.length} results for ${batch.length} items`);
          batch.forEach((b, i) => b.resolve(out[i]));
        } catch (err) {
          if (batch.length === 1) {
            batch[0].reject(err);
            continue;
          }
          // Which item broke the batch is unknown: each is written alone, and only the culprit fails.
          await Promise.all(
            batch.map(async (b) => {
              try {
                const [o] = await this.write([b.item]);
                b.resolve(o);
              } catch (e) {
                b.reject(e);
              }
            }),
          );
        }
      }
    } finally {
      this.draining = false;
    }
  }
}
