import type { FastifyBaseLogger } from 'fastify';
import type { ContentService } from '../contents/content-service.js';

export interface ExpirySweeperOptions {
  /** The app's service: expiry is judged by its clock, like every route's 410. */
  service: ContentService;
  intervalMs: number;
  log: FastifyBaseLogger;
  /** Ids fetched per round trip to the index. */
  batchSize?: number;
  /** Told how each pass ended (the app's metrics). */
  observer?: { sweepPassed(removed: number): void; sweepFailed(): void } | undefined;
}

/**
 * Purges expired contents (bytes, then record) every `intervalMs`. Each pass asks the index
 * only for expired ids (`expires_at <= now`, indexed), so its cost grows with the number that
 * expired, not with the number stored. Until a pass reaches a content, the routes answer 410
 * for it; afterwards 404 (the spec: "410 Gone until it is purged, then 404"). Replicas sweep
 * the same index at once: the store purges each id for exactly one of them.
 */
export class ExpirySweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private readonly batchSize: number;

  constructor(private readonly options: ExpirySweeperOptions) {
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
    this.running ??= this.sweep()
      .then(
        (removed) => {
          this.options.observer?.sweepPassed(removed);
          return removed;
        },
        (error: unknown) => {
          this.options.observer?.sweepFailed();
          throw error;
        },
      )
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  private async sweep(): Promise<number> {
    const { service } = this.options;
    let removed = 0;
    for (;;) {
      const ids = await service.expiredIds(this.batchSize);
      let purgedNow = 0;
      for (const id of ids) {
        if (await service.purgeExpired(id)) purgedNow += 1;
      }
      removed += purgedNow;
      // A full batch that another replica is purging would come back unchanged: stop, the next
      // pass finds what is left.
      if (ids.length < this.batchSize || purgedNow === 0) break;
    }
    if (removed > 0) this.options.log.info({ removed }, 'expired contents purged');
    return removed;
  }
}
