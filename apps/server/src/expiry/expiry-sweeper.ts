import type { FastifyBaseLogger } from 'fastify';
import type { ContentStore } from '../storage/content-store.js';

export interface ExpirySweeperOptions {
  store: ContentStore;
  intervalMs: number;
  log: FastifyBaseLogger;
  clock?: () => Date;
  /** Ids fetched per round trip to the index. */
  batchSize?: number;
}

/**
 * Purges expired contents (bytes, then record) every `intervalMs`. Each pass asks the index
 * only for expired ids (`expires_at <= now`, indexed), so its cost grows with the number that
 * expired, not with the number stored. Until a pass reaches a content, the routes answer 410
 * for it; afterwards 404 (the spec: "410 Gone until it is purged, then 404").
 */
export class ExpirySweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private readonly clock: () => Date;
  private readonly batchSize: number;

  constructor(private readonly options: ExpirySweeperOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.batchSize = options.batchSize ?? 500;
  }

  start(): void {
    if (this.timer !== undefined) return;
    this.timer = setInterval(() => {
      this.sweepOnce().catch((error: unknown) =>
        this.options.log.error({ err: error }, 'expiry sweep failed'),
      );
    }, this.options.intervalMs);
    // The sweeper alone must not keep the process alive.
    this.timer.unref();
  }

  /** Stops the timer and waits for a pass in progress, so the store can close safely after. */
  async stop(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /** One full pass; returns how many contents were removed. Passes never overlap. */
  sweepOnce(): Promise<number> {
    this.running ??= this.sweep().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async sweep(): Promise<number> {
    const now = this.clock();
    let removed = 0;
    for (;;) {
      const ids = await this.options.store.listExpired(now, this.batchSize);
      for (const id of ids) {
        await this.options.store.remove(id);
        removed += 1;
      }
      if (ids.length < this.batchSize) break;
    }
    if (removed > 0) this.options.log.info({ removed }, 'expired contents purged');
    return removed;
  }
}
