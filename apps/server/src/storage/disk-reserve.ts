import { rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { isStorageFull } from '../errors/storage-error.js';

/** Room for a removal's few index writes (a tombstone and a row delete: some SQLite pages). */
const RESERVE_BYTES = 256 * 1024;

/**
 * A small file of zeros kept on the data disk for one purpose: when uploads have filled the
 * disk to the last byte, a removal (which is what gives room back) must still be able to write
 * its tombstone to the index. The removal gives the reserve up and retries; the reserve is
 * taken again as soon as there is room.
 */
export class DiskReserve {
  constructor(
    private readonly file: string,
    private readonly bytes = RESERVE_BYTES,
  ) {}

  /** Takes the reserve when it is missing and there is room; never throws. */
  fill(): void {
    if (statSync(this.file, { throwIfNoEntry: false })?.size === this.bytes) return;
    try {
      writeFileSync(this.file, Buffer.alloc(this.bytes));
    } catch {
      rmSync(this.file, { force: true });
    }
  }

  /** Runs `write`; when it fails for want of room, gives the reserve up and runs it once more. */
  withRoom<T>(write: () => T): T {
    try {
      return write();
    } catch (error) {
      if (!isStorageFull(error) || !this.release()) throw error;
      return write();
    }
  }

  private release(): boolean {
    try {
      unlinkSync(this.file);
      return true;
    } catch {
      return false;
    }
  }
}
