import { createHash, getHashes } from 'node:crypto';
import { HEADERS } from '@temp-contents/contract';
import {
  expectStatus,
  requireHeader,
  requireIntegerHeader,
} from '../../expectations/http-expectations.js';
import { seededBytes } from '../../fixtures/seeded-bytes.js';
import { ensure, fail, skip } from '../../run/check-failure.js';
import type { CheckDefinition, CheckScope, SuiteContext } from '../../run/suite-context.js';
import type { TargetResponse } from '../../target/target-http.js';
import { patchWithTrailers } from './tus-trailer-patch.js';
import {
  createUpload,
  expectTusResumable,
  headOffset,
  patchChunk,
  type TusUpload,
} from './tus-upload.js';

/**
 * tus `checksum` and `checksum-trailer`, checked when the target advertises them, with the rigour
 * of the core: every rejected chunk is followed by a HEAD (the offset must not have moved) and a
 * retry of the same chunk with the right checksum (it must then be stored, byte for byte). Plus
 * the spec's `Upload-Offset` on a 409. Checks are data: the suite runs each in turn.
 *
 * @see https://tus.io/protocols/resumable-upload#checksum
 */

/** What the tus suite learnt from OPTIONS, and how it verifies a finished upload. */
export interface ChecksumCheckInput {
  extensions: ReadonlySet<string>;
  /** HEAD offset = size, and (unless --tus-protocol-only) the download holds exactly `bytes`. */
  expectContent(upload: TusUpload, bytes: Uint8Array, what: string): Promise<void>;
}

interface ChecksumCheck extends CheckDefinition {
  /** The extension the target must advertise, or a reason to skip. */
  needs: 'checksum' | 'checksum-trailer' | 'spec';
  run(state: RunState, scope: CheckScope): Promise<void>;
}

interface RunState {
  context: SuiteContext;
  input: ChecksumCheckInput;
  /** Algorithms from Tus-Checksum-Algorithm that this suite can compute. */
  algorithms(): Promise<string[]>;
}

/** `<algorithm> <Base64 digest>` of `bytes`. */
export function uploadChecksum(algorithm: string, bytes: Uint8Array): string {
  return `${algorithm} ${createHash(algorithm).update(bytes).digest('base64')}`;
}

/** tus checksum: "The Server MUST support at least the SHA1 checksum algorithm". */
const REQUIRED_ALGORITHM = 'sha1';
/** Candidates for "an algorithm the target does not offer", in order of preference. */
const UNOFFERED_CANDIDATES = ['sha512', 'sha384', 'sha224', 'sha3-256', 'md5', 'sha256'];

/** Reads Tus-Checksum-Algorithm from OPTIONS; fails when checksum is advertised without it. */
async function advertisedAlgorithms(context: SuiteContext): Promise<string[]> {
  const response = await context.target.tusOptions();
  expectStatus(response, [200, 204], 'checksum: OPTIONS');
  const header = requireHeader(
    response,
    HEADERS.tusChecksumAlgorithm,
    'checksum is advertised in Tus-Extension, so OPTIONS MUST list its algorithms in Tus-Checksum-Algorithm',
  );
  return header
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
}

/** A chunk the upload lacks, sent with a wrong checksum, must change nothing and be retryable. */
async function expectRejectedThenRetried(
  state: RunState,
  what: string,
  send: (
    url: string,
    offset: number,
    chunk: Uint8Array,
    checksum: string,
  ) => Promise<TargetResponse>,
  algorithm: string,
  badChecksum: (chunk: Uint8Array) => string,
  status: number,
  requirement: string,
): Promise<void> {
  const { context, input } = state;
  const { target, options } = context;
  const size = 96;
  const bytes = seededBytes(options.seed + 460, size);
  const upload = await createUpload(target, { [HEADERS.uploadLength]: String(size) });
  await patchChunk(target, upload.url, 0, bytes.subarray(0, 32), `${what}: setup`);
  const chunk = bytes.subarray(32);
  const rejected = await send(upload.url, 32, chunk, badChecksum(chunk));
  expectStatus(rejected, status, `${what} (${requirement})`);
  expectTusResumable(rejected, `${what}: PATCH ${status}`);
  const { offset } = await headOffset(target, upload.url, `${what}: after the rejected chunk`);
  ensure(
    offset === 32,
    `${what}: HEAD after the rejected chunk reports Upload-Offset ${offset}, expected 32 (the offset moved: a chunk the server rejects MUST NOT be stored)`,
  );
  const retried = await send(upload.url, 32, chunk, uploadChecksum(algorithm, chunk));
  expectStatus(
    retried,
    204,
    `${what}: the same chunk sent again with the right ${algorithm} checksum`,
  );
  const next = requireIntegerHeader(retried, HEADERS.uploadOffset, `${what}: retried PATCH 204`);
  ensure(next === size, `${what}: retried PATCH 204 Upload-Offset is ${next}, expected ${size}`);
  await input.expectContent(upload, bytes, `${what}: upload completed after the retry`);
}

const headerPatch =
  (state: RunState) => (url: string, offset: number, chunk: Uint8Array, checksum: string) =>
    state.context.target.tusPatch(url, offset, chunk, { [HEADERS.uploadChecksum]: checksum });

const trailerPatch =
  (state: RunState) => (url: string, offset: number, chunk: Uint8Array, checksum: string) =>
    patchWithTrailers(state.context.target, url, offset, chunk, {
      [HEADERS.uploadChecksum]: checksum,
    });

/** A digest of the right length that is not the chunk's: the chunk's digest with one bit flipped. */
function wrongChecksum(algorithm: string): (chunk: Uint8Array) => string {
  return (chunk) => {
    const digest = createHash(algorithm).update(chunk).digest();
    digest[0] = (digest[0] ?? 0) ^ 0x01;
    return `${algorithm} ${digest.toString('base64')}`;
  };
}

async function preferredAlgorithm(state: RunState): Promise<string> {
  const algorithms = await state.algorithms();
  const algorithm = algorithms.includes(REQUIRED_ALGORITHM) ? REQUIRED_ALGORITHM : algorithms[0];
  if (algorithm === undefined) fail('checksum: Tus-Checksum-Algorithm lists no algorithm');
  return algorithm;
}

const CHECKS: ChecksumCheck[] = [
  {
    id: 'checksum-algorithms',
    title: 'checksum: OPTIONS lists Tus-Checksum-Algorithm, including sha1',
    requirement:
      'tus 1.0.0 §checksum ("MUST support at least the SHA1 checksum algorithm"; Tus-Checksum-Algorithm in OPTIONS)',
    needs: 'checksum',
    async run(state, scope) {
      const listed = await advertisedAlgorithms(state.context);
      scope.observe(`Tus-Checksum-Algorithm: ${listed.join(',')}`);
      ensure(
        listed.includes(REQUIRED_ALGORITHM),
        `checksum: Tus-Checksum-Algorithm "${listed.join(',')}" does not list sha1, which every server offering checksum MUST support`,
      );
    },
  },
  {
    id: 'checksum-match',
    title: 'checksum: a chunk with the right Upload-Checksum is stored (every listed algorithm)',
    requirement: 'tus 1.0.0 §checksum (matching checksum: the chunk is stored, 204)',
    needs: 'checksum',
    async run(state, scope) {
      const { target, options } = state.context;
      const algorithms = await state.algorithms();
      scope.observe(`algorithms checked: ${algorithms.join(',')}`);
      for (const [index, algorithm] of algorithms.entries()) {
        const bytes = seededBytes(options.seed + 200 + index, 40);
        const upload = await createUpload(target, { [HEADERS.uploadLength]: '40' });
        for (const [start, end] of [
          [0, 25],
          [25, 40],
        ] as const) {
          const chunk = bytes.subarray(start, end);
          const what = `checksum: PATCH with the right ${algorithm} Upload-Checksum at ${start}`;
          const response = await target.tusPatch(upload.url, start, chunk, {
            [HEADERS.uploadChecksum]: uploadChecksum(algorithm, chunk),
          });
          expectStatus(response, 204, `${what} (a matching chunk MUST be stored)`);
          const next = requireIntegerHeader(response, HEADERS.uploadOffset, `${what}: 204`);
          ensure(next === end, `${what}: 204 Upload-Offset is ${next}, expected ${end}`);
        }
        await state.input.expectContent(upload, bytes, `checksum (${algorithm}) upload`);
      }
    },
  },
  {
    id: 'checksum-mismatch-460',
    title: 'checksum: a wrong Upload-Checksum is 460, the chunk is not stored, the retry succeeds',
    requirement:
      'tus 1.0.0 §checksum ("If the hashes do not match, the Server MUST respond with the 460 Checksum Mismatch status ... and MUST NOT store the chunk")',
    needs: 'checksum',
    async run(state) {
      const algorithm = await preferredAlgorithm(state);
      await expectRejectedThenRetried(
        state,
        `checksum: PATCH with a wrong ${algorithm} Upload-Checksum`,
        headerPatch(state),
        algorithm,
        wrongChecksum(algorithm),
        460,
        'MUST answer 460 Checksum Mismatch',
      );
    },
  },
  {
    id: 'checksum-unsupported-400',
    title: 'checksum: an algorithm the target does not list is 400, the chunk is not stored',
    requirement:
      'tus 1.0.0 §checksum ("If the hash algorithm is not supported by the server, the server MUST respond with the 400 Bad Request status")',
    needs: 'checksum',
    async run(state, scope) {
      const listed = await advertisedAlgorithms(state.context);
      const unoffered =
        UNOFFERED_CANDIDATES.find((name) => !listed.includes(name) && getHashes().includes(name)) ??
        skip(`checksum: the target lists every algorithm this suite could send (${listed})`);
      scope.observe(`sent ${unoffered}`);
      await expectRejectedThenRetried(
        state,
        `checksum: PATCH with Upload-Checksum of the unlisted algorithm ${unoffered}`,
        headerPatch(state),
        await preferredAlgorithm(state),
        (chunk) => uploadChecksum(unoffered, chunk),
        400,
        'MUST answer 400 Bad Request',
      );
    },
  },
  {
    id: 'checksum-malformed-400',
    title: 'checksum: a malformed Upload-Checksum is 400, the chunk is not stored',
    requirement: 'tus 1.0.0 §checksum (Upload-Checksum format); spec patchTus 400',
    needs: 'checksum',
    async run(state) {
      const algorithm = await preferredAlgorithm(state);
      await expectRejectedThenRetried(
        state,
        'checksum: PATCH with the malformed Upload-Checksum "<algorithm>" (no digest)',
        headerPatch(state),
        algorithm,
        () => algorithm,
        400,
        'MUST answer 400 Bad Request',
      );
    },
  },
  {
    id: 'checksum-trailer-match',
    title: 'checksum-trailer: a chunk with the right Upload-Checksum trailer is stored',
    requirement:
      'tus 1.0.0 §checksum-trailer (Upload-Checksum as a trailer of a chunked PATCH, same rules)',
    needs: 'checksum-trailer',
    async run(state) {
      const { target, options } = state.context;
      const algorithm = await preferredAlgorithm(state);
      const bytes = seededBytes(options.seed + 300, 30);
      const upload = await createUpload(target, { [HEADERS.uploadLength]: '30' });
      const what = `checksum-trailer: chunked PATCH with the right ${algorithm} Upload-Checksum trailer`;
      const response = await patchWithTrailers(target, upload.url, 0, bytes, {
        [HEADERS.uploadChecksum]: uploadChecksum(algorithm, bytes),
      });
      expectStatus(response, 204, `${what} (a matching chunk MUST be stored)`);
      const next = requireIntegerHeader(response, HEADERS.uploadOffset, `${what}: 204`);
      ensure(next === 30, `${what}: 204 Upload-Offset is ${next}, expected 30`);
      await state.input.expectContent(upload, bytes, 'checksum-trailer upload');
    },
  },
  {
    id: 'checksum-trailer-mismatch-460',
    title:
      'checksum-trailer: a wrong Upload-Checksum trailer is 460, the chunk is not stored, the retry succeeds',
    requirement:
      'tus 1.0.0 §checksum-trailer, §checksum ("MUST respond with the 460 Checksum Mismatch status ... MUST NOT store the chunk")',
    needs: 'checksum-trailer',
    async run(state) {
      const algorithm = await preferredAlgorithm(state);
      await expectRejectedThenRetried(
        state,
        `checksum-trailer: chunked PATCH with a wrong ${algorithm} Upload-Checksum trailer`,
        trailerPatch(state),
        algorithm,
        wrongChecksum(algorithm),
        460,
        'MUST answer 460 Checksum Mismatch',
      );
    },
  },
  {
    id: 'offset-mismatch-409-offset',
    title: 'PATCH 409 carries the current Upload-Offset',
    requirement: 'spec patchTus 409 (Upload-Offset: where the next PATCH must start)',
    needs: 'spec',
    async run(state) {
      const { target, options } = state.context;
      const upload = await createUpload(target, { [HEADERS.uploadLength]: '20' });
      await patchChunk(target, upload.url, 0, seededBytes(options.seed, 7), '409 setup');
      const response = await target.tusPatch(upload.url, 3, seededBytes(options.seed + 1, 4));
      expectStatus(response, 409, 'PATCH at Upload-Offset 3 while the server holds 7');
      const offset = requireIntegerHeader(
        response,
        HEADERS.uploadOffset,
        'PATCH 409 (spec: a 409 carries the current Upload-Offset)',
      );
      ensure(
        offset === 7,
        `PATCH 409: Upload-Offset is ${offset}, expected 7 (the current offset)`,
      );
    },
  },
];

/** Runs the checksum checks of the tus suite; each says why when it cannot apply. */
export async function tusChecksumChecks(
  context: SuiteContext,
  input: ChecksumCheckInput,
): Promise<void> {
  let computable: Promise<string[]> | undefined;
  const state: RunState = {
    context,
    input,
    algorithms() {
      computable ??= advertisedAlgorithms(context).then((listed) =>
        listed.filter((name) => getHashes().includes(name)),
      );
      return computable;
    },
  };
  for (const { needs, run, ...definition } of CHECKS) {
    await context.check(definition, async (scope) => {
      if (needs === 'spec') {
        if (context.options.tusProtocolOnly) {
          skip('--tus-protocol-only: a requirement of the spec, not of tus 1.0.0');
        }
      } else if (!input.extensions.has(needs)) {
        skip(`the target does not advertise ${needs} in Tus-Extension`);
      }
      await run(state, scope);
    });
  }
}
