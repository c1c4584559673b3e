/**
 * Speed and time left of one transfer, from its progress events. The speed is measured over the
 * last few seconds (not since the start), so it follows a pause, a resume or a slower network
 * instead of averaging them away.
 */
export interface TransferFigures {
  /** 0..100, whole numbers. */
  percent: number;
  /** Bytes per second over the window; undefined until two samples are far enough apart. */
  bytesPerSecond: number | undefined;
  /** Seconds left at that speed; undefined while the speed is unknown or zero. */
  secondsLeft: number | undefined;
}

interface Sample {
  at: number;
  bytes: number;
}

export class TransferRate {
  private samples: Sample[] = [];

  constructor(
    private readonly windowMs = 5_000,
    /** Shorter spans say little: a burst of events within a few ms would show absurd speeds. */
    private readonly minSpanMs = 250,
  ) {}

  /** Record that `bytes` of `total` were sent at time `at` (ms), and return the figures. */
  update(bytes: number, total: number, at: number): TransferFigures {
    const last = this.samples.at(-1);
    // Bytes going down means the transfer started over (a retry from the server's offset):
    // old samples would make the speed negative.
    if (last !== undefined && bytes < last.bytes) this.samples = [];
    this.samples.push({ at, bytes });
    while (this.samples.length > 2 && at - (this.samples[1]?.at ?? at) >= this.windowMs) {
      this.samples.shift();
    }
    const first = this.samples[0] as Sample;
    const span = at - first.at;
    const bytesPerSecond =
      span >= this.minSpanMs ? ((bytes - first.bytes) * 1000) / span : undefined;
    const left = Math.max(0, total - bytes);
    return {
      percent: total > 0 ? Math.floor((bytes * 100) / total) : 100,
      bytesPerSecond,
      secondsLeft:
        bytesPerSecond !== undefined && bytesPerSecond > 0
          ? Math.ceil(left / bytesPerSecond)
          : left === 0
            ? 0
            : undefined,
    };
  }

  /** Forget the samples (after a pause, the idle time must not count as slowness). */
  reset(): void {
    this.samples = [];
  }
}
