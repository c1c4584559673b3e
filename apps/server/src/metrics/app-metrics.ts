import type { StatsFs } from 'node:fs';
import { statfs } from 'node:fs/promises';
import type { RateLimitTier } from '@temp-contents/contract';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { LockObserver, LockOutcome } from './observed-locker.js';

/** What a request's `status` label is when the client left before its response was complete. */
export const ABORTED = 'aborted';

/** The limit a rate-limit rejection (429) hit: a tier of the spec, or failed authentications. */
export type RejectedLimit = RateLimitTier | 'failed-auth';

export interface AppMetricsOptions {
  /** The fs backend's data directory, whose free space is read (statfs) at each scrape. */
  dataDir?: string | undefined;
}

/**
 * Every metric of one app, in a registry of its own: tests build many apps in one process, and
 * prom-client's default registry would mix (and refuse) their metrics. Names and meanings are
 * documented in docs/operations.md; keep the two in step.
 */
export class AppMetrics implements LockObserver {
  readonly registry = new Registry();
  private readonly requests: Counter<'operation' | 'status'>;
  private readonly duration: Histogram<'operation' | 'status'>;
  private readonly received: Counter<'operation'>;
  private readonly sent: Counter<'operation'>;
  private readonly uploads: Gauge;
  private readonly lockWait: Histogram<'outcome'>;
  private readonly lockReleaseRequests: Counter;
  private readonly rejections: Counter<'tier'>;
  private readonly sweeps: Counter<'outcome'>;
  private readonly swept: Counter;

  constructor(options: AppMetricsOptions = {}) {
    // From the first app on, so the event-loop and GC figures cover the process's life.
    processRegistry();
    const registers = [this.registry];
    this.requests = new Counter({
      name: 'tc_http_requests_total',
      help: `Requests answered, by operationId ("unmatched": no route) and status ("${ABORTED}": the client left first).`,
      labelNames: ['operation', 'status'],
      registers,
    });
    this.duration = new Histogram({
      name: 'tc_http_request_duration_seconds',
      help: 'Time from the request reaching the app to the end of its response, uploads and downloads included.',
      labelNames: ['operation', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers,
    });
    this.received = new Counter({
      name: 'tc_http_received_bytes_total',
      help: 'Bytes read from connections (request lines, headers and bodies), by operationId.',
      labelNames: ['operation'],
      registers,
    });
    this.sent = new Counter({
      name: 'tc_http_sent_bytes_total',
      help: 'Bytes written to connections (status lines, headers and bodies), by operationId.',
      labelNames: ['operation'],
      registers,
    });
    this.uploads = new Gauge({
      name: 'tc_uploads_in_progress',
      help: 'Upload requests (plain POST, tus POST and PATCH) being served now.',
      registers,
    });
    this.lockWait = new Histogram({
      name: 'tc_tus_lock_wait_seconds',
      help: 'Time tus requests waited for their upload lock, by outcome (timeout and aborted answer 423).',
      labelNames: ['outcome'],
      buckets: [0.001, 0.01, 0.1, 0.5, 1, 2, 3, 5, 10],
      registers,
    });
    this.lockReleaseRequests = new Counter({
      name: 'tc_tus_lock_release_requests_total',
      help: 'Upload locks held here that another request waited for (the holder was asked to let go).',
      registers,
    });
    this.rejections = new Counter({
      name: 'tc_rate_limit_rejections_total',
      help: 'Requests refused with 429, by the limit they hit (tier 1, 2, special, or failed-auth).',
      labelNames: ['tier'],
      registers,
    });
    this.sweeps = new Counter({
      name: 'tc_expiry_sweeps_total',
      help: 'Passes of the expiry sweeper, by outcome (ok or failed).',
      labelNames: ['outcome'],
      registers,
    });
    this.swept = new Counter({
      name: 'tc_expiry_removed_contents_total',
      help: 'Expired contents whose bytes and record the sweeper removed.',
      registers,
    });
    const { dataDir } = options;
    if (dataDir !== undefined) {
      // Read at scrape time (a statfs is cheap), so the value is never stale and nothing runs
      // between scrapes. NaN when the directory cannot be read: no value would look like 0.
      const fileSystemGauge = (name: string, help: string, bytes: (stats: StatsFs) => number) =>
        new Gauge({
          name,
          help,
          registers,
          async collect() {
            this.set(await statfs(dataDir).then(bytes, () => Number.NaN));
          },
        });
      fileSystemGauge(
        'tc_data_dir_free_bytes',
        'Bytes available to the server on the file system of the data directory.',
        (stats) => stats.bavail * stats.bsize,
      );
      fileSystemGauge(
        'tc_data_dir_size_bytes',
        'Size in bytes of the file system of the data directory.',
        (stats) => stats.blocks * stats.bsize,
      );
    }
  }

  /** The exposition: this app's metrics, then the process's (shared by the apps of a process). */
  async text(): Promise<string> {
    const [own, process] = await Promise.all([
      this.registry.metrics(),
      processRegistry().metrics(),
    ]);
    return own + process;
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  uploadStarted(): void {
    this.uploads.inc();
  }

  uploadEnded(): void {
    this.uploads.dec();
  }

  requestEnded(
    operation: string,
    status: string,
    seconds: number,
    bytes: { received: number; sent: number },
  ): void {
    const labels = { operation, status };
    this.requests.inc(labels);
    this.duration.observe(labels, seconds);
    if (bytes.received > 0) this.received.inc({ operation }, bytes.received);
    if (bytes.sent > 0) this.sent.inc({ operation }, bytes.sent);
  }

  acquisition(outcome: LockOutcome, seconds: number): void {
    this.lockWait.observe({ outcome }, seconds);
  }

  releaseRequested(): void {
    this.lockReleaseRequests.inc();
  }

  readonly rateLimited = (limit: RejectedLimit): void => {
    this.rejections.inc({ tier: limit });
  };

  readonly sweepPassed = (removed: number): void => {
    this.sweeps.inc({ outcome: 'ok' });
    if (removed > 0) this.swept.inc(removed);
  };

  readonly sweepFailed = (): void => {
    this.sweeps.inc({ outcome: 'failed' });
  };
}

let shared: Registry | undefined;

/**
 * Node.js process metrics (CPU, memory, event loop, GC, handles): one registry per process,
 * made on first use. prom-client's collectors start an event-loop monitor and a GC observer
 * that are never stopped; one set per process, however many apps it builds, is enough.
 */
function processRegistry(): Registry {
  if (shared === undefined) {
    shared = new Registry();
    collectDefaultMetrics({ register: shared });
  }
  return shared;
}
