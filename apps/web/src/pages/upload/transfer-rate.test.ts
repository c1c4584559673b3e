import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, formatSpeed } from './format.js';
import { TransferRate } from './transfer-rate.js';

const MiB = 1024 * 1024;

describe('TransferRate', () => {
  it('has no speed or time left until samples span enough time', () => {
    const rate = new TransferRate();
    expect(rate.update(0, 10 * MiB, 0)).toEqual({
      percent: 0,
      bytesPerSecond: undefined,
      secondsLeft: undefined,
    });
    expect(rate.update(MiB, 10 * MiB, 10)).toMatchObject({
      percent: 10,
      bytesPerSecond: undefined,
    });
  });

  it('measures the speed over the window and derives the time left', () => {
    const rate = new TransferRate(5_000);
    rate.update(0, 10 * MiB, 0);
    expect(rate.update(2 * MiB, 10 * MiB, 1_000)).toEqual({
      percent: 20,
      bytesPerSecond: 2 * MiB,
      secondsLeft: 4,
    });
  });

  it('forgets samples older than the window, so a slowdown shows', () => {
    const rate = new TransferRate(2_000);
    rate.update(0, 100 * MiB, 0);
    rate.update(40 * MiB, 100 * MiB, 1_000); // fast first second
    rate.update(41 * MiB, 100 * MiB, 4_000);
    const figures = rate.update(42 * MiB, 100 * MiB, 6_000);
    expect(figures.bytesPerSecond).toBe(MiB / 2);
  });

  it('starts over when the sent count goes down (a retry from the server offset)', () => {
    const rate = new TransferRate();
    rate.update(0, 10 * MiB, 0);
    rate.update(5 * MiB, 10 * MiB, 1_000);
    expect(rate.update(4 * MiB, 10 * MiB, 1_100).bytesPerSecond).toBeUndefined();
  });

  it('reports 0 s left when done, and 100% for an empty file', () => {
    expect(new TransferRate().update(7, 7, 0)).toMatchObject({ percent: 100, secondsLeft: 0 });
    expect(new TransferRate().update(0, 0, 0)).toMatchObject({ percent: 100, secondsLeft: 0 });
  });
});

describe('formatting', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1.0 KiB'],
    [20 * MiB, '20.0 MiB'],
    [300 * MiB, '300 MiB'],
    [3 * 1024 * MiB, '3.0 GiB'],
  ])('formatBytes(%i) is %s', (bytes, want) => {
    expect(formatBytes(bytes)).toBe(want);
  });

  it.each([
    [undefined, '–'],
    [0, '0 s'],
    [59, '59 s'],
    [61, '1 min 1 s'],
    [3 * 3600 + 120, '3 h 2 min'],
  ])('formatDuration(%s) is %s', (seconds, want) => {
    expect(formatDuration(seconds)).toBe(want);
  });

  it('formats speeds per second', () => {
    expect(formatSpeed(1.5 * MiB)).toBe('1.5 MiB/s');
    expect(formatSpeed(undefined)).toBe('–');
  });
});
