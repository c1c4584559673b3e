/** A clock tests move by hand: the app's one clock, so TTLs pass without sleeping. */
export class ManualClock {
  private current: Date;

  constructor(start: Date = new Date(Date.UTC(2030, 0, 1, 12, 0, 0))) {
    this.current = start;
  }

  /** The `Clock` to inject (`deps.clock`). */
  readonly now = (): Date => this.current;

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
