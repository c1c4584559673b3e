import { type DataStore, type Locker, Upload } from '@tus/utils';
import type { Clock } from '../../contents/content-service.js';
import {
  type ConcatRole,
  type ContentRecord,
  isComplete,
  isExpired,
} from '../../storage/content-record.js';
import { BytesMissingError, type ContentStore } from '../../storage/content-store.js';

type FinalRole = Extract<ConcatRole, { kind: 'final' }>;

/**
 * Where a final upload stands: its bytes are all there (`complete`), a partial is unfinished
 * (`waiting`), a partial is gone so it can never complete (`broken`), or another request holds
 * its lock (`busy`: that one is assembling it, or looking at it).
 */
export type Assembly = 'complete' | 'waiting' | 'broken' | 'busy';

/** What HEAD and GET say of a final upload that can never complete (410). */
export const BROKEN_FINAL =
  'A partial upload of this final upload expired or was removed before it was complete: it can never complete.';

/**
 * tus concatenation on any backend. A final upload is a content of its own: a record listing its
 * partials and an upload of the summed length in the byte store. Once every partial is complete,
 * their bytes are copied into it in order through the same DataStore `write` a PATCH uses (so
 * every guarantee of an upload holds: progress recorded after the bytes, crash safety, 507 on
 * a full disk), and from then on it needs its partials no more: they expire by their own TTL.
 *
 * The copy runs under the final's upload lock (one writer, across replicas with a shared locker)
 * and resumes from the bytes already copied, so it may be started any number of times, from:
 * the final's creation, the completion of one of its partials (`partialCompleted`, found through
 * the store's `finalsAwaiting`, which survives restarts), and every HEAD on the final.
 */
export class FinalUploads {
  constructor(
    private readonly store: ContentStore,
    private readonly uploads: DataStore,
    private readonly clock: Clock,
  ) {}

  /**
   * Records a final upload whose partials were checked (same tenant, alive, lengths known),
   * creates its byte container of the summed length, and notes what it waits for. Record first,
   * as any creation: a crash leaves a record that expires and is swept.
   */
  async create(record: ContentRecord, metadata: Record<string, string | null>): Promise<void> {
    const role = finalRole(record);
    await this.store.insert(record);
    try {
      await this.uploads.create(
        new Upload({
          id: record.id,
          offset: 0,
          size: record.size ?? 0,
          metadata,
          creation_date: record.createdAt.toISOString(),
        }),
      );
      await this.store.awaitPartials(record.id, role.partialIds);
    } catch (error) {
      await this.store.discard(record.id).catch(() => undefined);
      throw error;
    }
  }

  /** Copies the partials' bytes into the final upload `finalId` if they are all there. */
  async assemble(finalId: string, locker: Locker): Promise<Assembly> {
    const lock = locker.newLock(finalId);
    try {
      // Nobody asks an assembly to stop: it is bounded by the partials' bytes.
      await lock.lock(new AbortController().signal, () => undefined);
    } catch {
      return 'busy';
    }
    try {
      return await this.assembleLocked(finalId);
    } finally {
      await lock.unlock();
    }
  }

  /** A PATCH completed `partialId`: assemble every final waiting for it. */
  async partialCompleted(partialId: string, locker: Locker): Promise<void> {
    for (const finalId of await this.store.finalsAwaiting(partialId)) {
      await this.assemble(finalId, locker);
    }
  }

  /**
   * False when the incomplete final upload `final` can never complete: a partial is gone or
   * expired. Reads only (no assembly, no lock), for a GET of the content.
   */
  async canComplete(final: ContentRecord): Promise<boolean> {
    return (await this.partialsOf(final)) !== 'broken';
  }

  /** The partials of `final`, in order, or 'broken' when one is gone or expired. */
  private async partialsOf(final: ContentRecord): Promise<ContentRecord[] | 'broken'> {
    if (final.concat?.kind !== 'final') return 'broken';
    const now = this.clock();
    const partials: ContentRecord[] = [];
    for (const id of final.concat.partialIds) {
      const partial = await this.store.get(id);
      if (partial === undefined || isExpired(partial, now)) return 'broken';
      partials.push(partial);
    }
    return partials;
  }

  private async assembleLocked(finalId: string): Promise<Assembly> {
    const final = await this.store.get(finalId);
    if (final === undefined || final.concat?.kind !== 'final') return 'broken';
    const role = final.concat;
    if (isComplete(final)) {
      await this.store.stopAwaiting(finalId, role.partialIds);
      return 'complete';
    }
    const partials = await this.partialsOf(final);
    if (partials === 'broken') return 'broken';
    if (!partials.every(isComplete)) return 'waiting';
    if (partials.reduce((sum, partial) => sum + (partial.size ?? 0), 0) !== final.size) {
      return 'broken';
    }
    // The byte store's offset is the truth (the record may lag after a crash).
    let offset = (await this.uploads.getUpload(finalId)).offset;
    let start = 0;
    try {
      for (const partial of partials) {
        const size = partial.size as number;
        const end = start + size;
        if (offset < end) {
          const bytes = await this.store.openRead(
            partial.id,
            offset === start ? undefined : { start: offset - start, end: size - 1 },
          );
          offset = await this.uploads.write(bytes, finalId, offset);
          if (offset !== end) {
            throw new Error(
              `assembling ${finalId}: ${partial.id} gave ${offset - start} of ${size} B`,
            );
          }
        }
        start = end;
      }
    } catch (error) {
      // A partial's bytes vanished under its record (removed meanwhile): never complete.
      if (error instanceof BytesMissingError) return 'broken';
      throw error;
    }
    await this.store.stopAwaiting(finalId, role.partialIds);
    return 'complete';
  }
}

function finalRole(record: ContentRecord): FinalRole {
  if (record.concat?.kind !== 'final') throw new Error(`${record.id} is not a final upload`);
  return record.concat;
}
