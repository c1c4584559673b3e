import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { DiskReserve } from './disk-reserve.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tc-reserve-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const full = () => new Database.SqliteError('database or disk is full', 'SQLITE_FULL');

it.each([
  ['succeeds at once', [undefined], true, 1],
  [
    'fails for want of room, then succeeds on the room of the reserve',
    [full(), undefined],
    false,
    2,
  ],
  ['fails for another reason: no retry, reserve kept', [new Error('boom')], true, 1],
  ['fails for want of room twice', [full(), full()], false, 2],
] as const)('a write that %s', (_name, outcomes, reserveKept, calls) => {
  const file = path.join(dir, '.reserve');
  const reserve = new DiskReserve(file, 4096);
  reserve.fill();
  expect(statSync(file).size).toBe(4096);
  let call = 0;
  const write = () => {
    const outcome = outcomes[call++];
    if (outcome !== undefined) throw outcome;
    return 'written';
  };
  const last = outcomes[outcomes.length - 1];
  if (last === undefined) expect(reserve.withRoom(write)).toBe('written');
  else expect(() => reserve.withRoom(write)).toThrow(last);
  expect(call).toBe(calls);
  expect(existsSync(file)).toBe(reserveKept);
  // Taken again once there is room.
  reserve.fill();
  expect(statSync(file).size).toBe(4096);
});

it('does not give up a reserve it does not have', () => {
  const reserve = new DiskReserve(path.join(dir, 'missing', '.reserve'), 4096);
  reserve.fill();
  let calls = 0;
  expect(() =>
    reserve.withRoom(() => {
      calls += 1;
      throw full();
    }),
  ).toThrow('database or disk is full');
  expect(calls).toBe(1);
});
