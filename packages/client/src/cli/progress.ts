/** A one-line progress bar for a TTY on stderr: bytes, percentage, speed and ETA. */

export interface ProgressSink {
  update(done: number, total: number | undefined): void;
  finish(): void;
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${UNITS[unit]}`;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** The bar's text for `done` of `total` bytes after `elapsedMs`. */
export function renderProgress(
  done: number,
  total: number | undefined,
  elapsedMs: number,
  width = 24,
): string {
  const speed = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  const rate = `${formatBytes(Math.round(speed))}/s`;
  if (total === undefined || total === 0) {
    return `${formatBytes(done)}  ${rate}`;
  }
  const fraction = Math.min(1, done / total);
  const filled = Math.round(fraction * width);
  const bar = `${'#'.repeat(filled)}${'-'.repeat(width - filled)}`;
  const eta = speed > 0 ? formatDuration((total - done) / speed) : '--';
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
  return `[${bar}] ${percent} ${formatBytes(done)}/${formatBytes(total)}  ${rate}  ETA ${eta}`;
}

interface TtyStream {
  write(text: string): unknown;
  isTTY?: boolean | undefined;
}

/** A bar on `stream` when it is a TTY, otherwise nothing. Redraws at most 10 times a second. */
export function createProgress(stream: TtyStream, enabled: boolean): ProgressSink {
  if (!enabled || !stream.isTTY) return { update() {}, finish() {} };
  const started = Date.now();
  let lastDraw = 0;
  let drawn = false;
  let last: [number, number | undefined] = [0, undefined];
  const draw = () => {
    stream.write(`\r${renderProgress(last[0], last[1], Date.now() - started)}\x1b[K`);
    drawn = true;
  };
  return {
    update(done, total) {
      last = [done, total];
      const now = Date.now();
      if (now - lastDraw >= 100 || (total !== undefined && done >= total)) {
        lastDraw = now;
        draw();
      }
    },
    finish() {
      if (drawn) {
        draw();
        stream.write('\n');
      }
    },
  };
}
