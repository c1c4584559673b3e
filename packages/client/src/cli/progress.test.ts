import { describe, expect, it } from 'vitest';
import { createProgress, formatBytes, formatDuration, renderProgress } from './progress.js';

describe('progress bar text', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1536, '1.5 KiB'],
    [5 * 1024 * 1024, '5.0 MiB'],
  ])('formatBytes(%d) = %s', (n, want) => {
    expect(formatBytes(n)).toBe(want);
  });

  it.each([
    [5, '5s'],
    [75, '1m15s'],
    [3725, '1h02m'],
    [Number.POSITIVE_INFINITY, '--'],
  ])('formatDuration(%d) = %s', (s, want) => {
    expect(formatDuration(s)).toBe(want);
  });

  it('shows bar, percentage, bytes, speed and ETA', () => {
    // 1 MiB of 4 MiB after 1 s: 1 MiB/s, 3 s left.
    expect(renderProgress(1024 * 1024, 4 * 1024 * 1024, 1000, 8)).toBe(
      '[##------]  25% 1.0 MiB/4.0 MiB  1.0 MiB/s  ETA 3s',
    );
  });

  it('shows bytes and speed while the total is unknown', () => {
    expect(renderProgress(2048, undefined, 1000)).toBe('2.0 KiB  2.0 KiB/s');
  });

  it('draws only on a TTY', () => {
    const written: string[] = [];
    const stream = { write: (t: string) => written.push(t), isTTY: false };
    const quiet = createProgress(stream, true);
    quiet.update(1, 2);
    quiet.finish();
    expect(written).toEqual([]);
    stream.isTTY = true;
    const bar = createProgress(stream, true);
    bar.update(2, 2);
    bar.finish();
    expect(written.join('')).toContain('100%');
    expect(written.at(-1)).toBe('\n');
  });
});
