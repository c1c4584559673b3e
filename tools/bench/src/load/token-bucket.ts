// A token bucket that paces bytes: tokens (bytes) flow in at a fixed rate up to a burst size,
// and every chunk takes as many as it has bytes. A chunk larger than what is there is not
// refused: the bucket goes into debt and says when the debt is paid, which is when the chunk
// has passed the bottleneck. Chunks reserved one after another therefore leave at the rate,
// in order, whatever their sizes.

export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  /**
   * @param bytesPerSecond the rate tokens flow in
   * @param burstBytes at most this many tokens are saved up while nothing is sent
   * @param now the clock, in milliseconds
   */
  constructor(
    readonly bytesPerSecond: number,
    readonly burstBytes: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!(bytesPerSecond > 0) || !Number.isFinite(bytesPerSecond)) {
      throw new RangeError(`TokenBucket: a finite rate above 0, not ${bytesPerSecond}`);
    }
    this.tokens = burstBytes;
    this.updatedAt = now();
  }

  /** Takes `bytes` tokens; the time (on `now`'s clock) at which they have all flowed in. */
  reserve(bytes: number): number {
    const now = this.now();
    const refilled = ((now - this.updatedAt) * this.bytesPerSecond) / 1000;
    this.tokens = Math.min(this.burstBytes, this.tokens + refilled) - bytes;
    this.updatedAt = now;
    return this.tokens >= 0 ? now : now + (-this.tokens / this.bytesPerSecond) * 1000;
  }
}
