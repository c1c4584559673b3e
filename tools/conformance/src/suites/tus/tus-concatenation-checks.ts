import { HEADERS } from '@temp-contents/contract';
import {
  expectStatus,
  requireHeader,
  requireIntegerHeader,
} from '../../expectations/http-expectations.js';
import { seededBytes } from '../../fixtures/seeded-bytes.js';
import { CheckFailure, ensure, fail, skip } from '../../run/check-failure.js';
import type { CheckDefinition, CheckScope, SuiteContext } from '../../run/suite-context.js';
import type { TargetHttp, TargetResponse } from '../../target/target-http.js';
import {
  createUpload,
  expectTusResumable,
  headOffset,
  metadataHeader,
  patchChunk,
  sleep,
  type TusUpload,
} from './tus-upload.js';

/**
 * tus `concatenation` and `concatenation-unfinished`, checked when the target advertises them,
 * with the rigour of the core: every final upload is verified byte for byte, its HEAD field by
 * field, and every refused request is followed by a look at what it must not have changed. A
 * target that advertises an extension and does not honour it fails with a message that starts
 * with the extension's name; one that advertises neither gets skipped checks saying so.
 *
 * @see https://tus.io/protocols/resumable-upload#concatenation
 */

/** What the tus suite learnt from OPTIONS, and how it verifies a finished upload. */
export interface ConcatenationCheckInput {
  extensions: ReadonlySet<string>;
  /** HEAD offset = size, and (unless --tus-protocol-only) the download holds exactly `bytes`. */
  expectContent(upload: TusUpload, bytes: Uint8Array, what: string): Promise<void>;
}

type Extension = 'concatenation' | 'concatenation-unfinished';

interface ConcatenationCheck extends CheckDefinition {
  /** The extension the target must advertise for the check to run. */
  needs: Extension;
  run(state: RunState, scope: CheckScope): Promise<void>;
}

interface RunState {
  context: SuiteContext;
  input: ConcatenationCheckInput;
}

const CONCAT = HEADERS.uploadConcat;

/** A partial upload of `bytes`, complete unless `sent` says how many to send. */
async function partialUpload(
  target: TargetHttp,
  bytes: Uint8Array,
  what: string,
  sent = bytes.length,
): Promise<TusUpload> {
  const upload = await createUpload(target, {
    [HEADERS.uploadLength]: String(bytes.length),
    [CONCAT]: 'partial',
  });
  if (sent > 0) await patchChunk(target, upload.url, 0, bytes.subarray(0, sent), what);
  return upload;
}

/** POST of a final upload of `partials`, in order. */
function createFinal(
  target: TargetHttp,
  partials: readonly TusUpload[],
  headers: Record<string, string> = {},
): Promise<TargetResponse> {
  return target.tusCreate({
    [CONCAT]: `final;${partials.map((partial) => partial.url).join(' ')}`,
    ...headers,
  });
}

/** The final upload a 201 created. */
async function finalUpload(target: TargetHttp, response: TargetResponse): Promise<TusUpload> {
  expectStatus(response, 201, 'POST of a final upload (Upload-Concat: final;...)');
  const location = requireHeader(response, HEADERS.location, 'POST 201 of a final upload');
  const url = new URL(location, target.resolve('/api/v1/temp-contents/files')).toString();
  return { url, id: new URL(url).pathname.split('/').pop() ?? '', create: response };
}

/** Paths of the URLs an `Upload-Concat: final;...` value lists (absolute or not). */
function listedPaths(target: TargetHttp, value: string): string[] {
  return value
    .slice('final;'.length)
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((url) => new URL(url, target.resolve('/')).pathname);
}

/** HEAD of a final upload; checks Upload-Concat and Upload-Length = the sum of its partials'. */
async function headFinal(
  target: TargetHttp,
  final: TusUpload,
  partials: readonly TusUpload[],
  length: number,
  what: string,
): Promise<TargetResponse> {
  const response = await target.tusHead(final.url);
  expectStatus(response, 200, `${what}: HEAD of the final upload`);
  expectTusResumable(response, `${what}: HEAD of the final upload`);
  const concat = requireHeader(
    response,
    CONCAT,
    `${what}: HEAD of the final upload (MUST include Upload-Concat)`,
  );
  const want = partials.map((partial) => new URL(partial.url).pathname);
  ensure(
    concat.startsWith('final;') && listedPaths(target, concat).join(' ') === want.join(' '),
    `${what}: HEAD of the final upload: Upload-Concat is "${concat}", expected "final;" and its partials' URLs in order, as sent at creation`,
  );
  const got = requireIntegerHeader(
    response,
    HEADERS.uploadLength,
    `${what}: HEAD of the final upload (its length is known: MUST include Upload-Length)`,
  );
  ensure(
    got === length,
    `${what}: HEAD of the final upload: Upload-Length is ${got}, expected ${length}, the sum of its partials' lengths`,
  );
  return response;
}

/** Waits (a few seconds at most) until HEAD of the final reports Upload-Offset. */
async function offsetOfFinal(target: TargetHttp, final: TusUpload): Promise<number | undefined> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const response = await target.tusHead(final.url);
    const offset = response.headers.get(HEADERS.uploadOffset);
    if (response.status === 200 && offset !== null) return Number(offset);
    await sleep(250);
  }
  return undefined;
}

const CHECKS: ConcatenationCheck[] = [
  {
    id: 'concatenation-partial',
    title: 'POST Upload-Concat: partial creates an upload whose HEAD echoes Upload-Concat: partial',
    requirement: 'tus 1.0.0 §concatenation (HEAD "MUST include the Upload-Concat header")',
    needs: 'concatenation',
    async run({ context }) {
      const { target, options } = context;
      const bytes = seededBytes(options.seed + 300, 6);
      const partial = await partialUpload(target, bytes, 'partial upload', 2);
      const { offset, response } = await headOffset(target, partial.url, 'partial upload');
      ensure(offset === 2, `HEAD of a partial upload: Upload-Offset is ${offset}, expected 2`);
      const concat = requireHeader(
        response,
        CONCAT,
        'HEAD of a partial upload (MUST include Upload-Concat)',
      );
      ensure(
        concat.trim() === 'partial',
        `HEAD of a partial upload: Upload-Concat is "${concat}", expected "partial"`,
      );
    },
  },
  {
    id: 'concatenation-final',
    title:
      'POST Upload-Concat: final;<urls>: length = sum of partials, HEAD echoes it, content = partials in order',
    requirement:
      'tus 1.0.0 §concatenation (final upload: length is the sum, HEAD MUST include Upload-Concat and, once done, Upload-Offset = Upload-Length); spec postTus 201',
    needs: 'concatenation',
    async run({ context, input }, scope) {
      const { target, options } = context;
      const parts = [2048, 1, 777].map((size, i) => seededBytes(options.seed + 310 + i, size));
      const partials: TusUpload[] = [];
      for (const bytes of parts) partials.push(await partialUpload(target, bytes, 'partial'));
      const all = Buffer.concat(parts);
      const final = await finalUpload(
        target,
        await createFinal(target, partials, {
          [HEADERS.uploadMetadata]: metadataHeader({ filename: 'concatenated.bin' }),
        }),
      );
      expectTusResumable(final.create, 'POST 201 of a final upload');
      const head = await headFinal(target, final, partials, all.length, 'final upload');
      scope.observe(
        `first HEAD Upload-Offset ${head.headers.get(HEADERS.uploadOffset) ?? '(none)'}`,
      );
      const offset = await offsetOfFinal(target, final);
      ensure(
        offset === all.length,
        `HEAD of the final upload of complete partials: Upload-Offset is ${offset ?? '(missing)'}, expected ${all.length} (= Upload-Length once concatenated)`,
      );
      await input.expectContent(final, all, 'final upload (its partials concatenated)');
      if (!options.tusProtocolOnly) {
        const details = await target.details(final.id);
        const name = (details.json() as { Name?: unknown } | undefined)?.Name;
        ensure(
          name === 'concatenated.bin',
          `details of the final upload: Name is ${JSON.stringify(name)}, expected "concatenated.bin" from its own Upload-Metadata`,
        );
      }
    },
  },
  {
    id: 'concatenation-patch-final-403',
    title: 'PATCH on a final upload: 403, nothing changes',
    requirement:
      'tus 1.0.0 §concatenation ("the Server MUST respond with the 403 Forbidden status" to PATCH on a final upload); spec patchTus 403',
    needs: 'concatenation',
    async run({ context, input }) {
      const { target, options } = context;
      const parts = [5, 4].map((size, i) => seededBytes(options.seed + 320 + i, size));
      const partials: TusUpload[] = [];
      for (const bytes of parts) partials.push(await partialUpload(target, bytes, 'partial'));
      const final = await finalUpload(target, await createFinal(target, partials));
      const all = Buffer.concat(parts);
      for (const offset of [0, all.length]) {
        const response = await target.tusPatch(final.url, offset, seededBytes(options.seed, 3));
        expectStatus(response, 403, `PATCH at offset ${offset} on a final upload`);
        expectTusResumable(response, 'PATCH 403 on a final upload');
      }
      await headFinal(target, final, partials, all.length, 'after PATCHes on the final upload');
      await input.expectContent(final, all, 'final upload after refused PATCHes');
    },
  },
  {
    id: 'concatenation-invalid-partials',
    title:
      "A final upload of a partial listed twice, an unknown id, another tenant's or a non-partial upload: 400",
    requirement:
      'spec postTus 400 (INVALID_UPLOAD_CONCAT); tus 1.0.0 §concatenation (final uploads are made of partial uploads)',
    needs: 'concatenation',
    async run({ context }, scope) {
      const { target, otherTenant, options } = context;
      const partial = await partialUpload(target, seededBytes(options.seed + 330, 3), 'partial');
      const plain = await createUpload(target, { [HEADERS.uploadLength]: '0' });
      const unknown: TusUpload = { ...partial, url: partial.url.replace(/[^/]+$/, '0'.repeat(32)) };
      const cases: Array<[string, TusUpload[]]> = [
        ['a partial listed twice', [partial, partial]],
        ['an unknown upload', [partial, unknown]],
        ['an upload that is not a partial one', [partial, plain]],
      ];
      if (otherTenant === undefined) {
        scope.observe("no --token-other-tenant: another tenant's partial not tried");
      } else {
        const foreign = await partialUpload(otherTenant, seededBytes(options.seed, 2), 'foreign');
        cases.push(["another tenant's partial", [partial, foreign]]);
      }
      for (const [what, partials] of cases) {
        const response = await createFinal(target, partials);
        expectStatus(response, 400, `POST of a final upload of ${what}`);
        expectTusResumable(response, `POST 400 of a final upload of ${what}`);
      }
    },
  },
  {
    id: 'concatenation-unfinished',
    title:
      'A final upload of unfinished partials: no Upload-Offset and no content until the last partial completes',
    requirement:
      'tus 1.0.0 §concatenation-unfinished; §concatenation ("SHOULD NOT contain the Upload-Offset header unless the concatenation has been successfully finished"); spec headTus, TempContentsGet 204',
    needs: 'concatenation-unfinished',
    async run({ context, input }, scope) {
      const { target, options } = context;
      const parts = [1500, 900].map((size, i) => seededBytes(options.seed + 340 + i, size));
      const first = await partialUpload(target, parts[0] as Uint8Array, 'partial');
      const second = await partialUpload(target, parts[1] as Uint8Array, 'partial', 300);
      const partials = [first, second];
      const all = Buffer.concat(parts);
      const final = await finalUpload(target, await createFinal(target, partials));
      const head = await headFinal(target, final, partials, all.length, 'unfinished final upload');
      const early = head.headers.get(HEADERS.uploadOffset);
      if (early !== null) {
        fail(
          `HEAD of an unfinished final upload carries Upload-Offset ${early}; it must be absent until every partial is complete`,
        );
      }
      if (!options.tusProtocolOnly) {
        const content = await target.getContent(final.id);
        expectStatus(
          content,
          204,
          'download of an unfinished final upload (spec: 204 until complete)',
        );
      }
      await patchChunk(target, second.url, 300, (parts[1] as Uint8Array).subarray(300), 'last');
      const offset = await offsetOfFinal(target, final);
      scope.observe(`final Upload-Offset after the last partial: ${offset ?? '(none)'}`);
      ensure(
        offset === all.length,
        `HEAD of the final upload after its last partial completed: Upload-Offset is ${offset ?? '(missing)'}, expected ${all.length}`,
      );
      await input.expectContent(final, all, 'final upload completed by its last partial');
    },
  },
];

/** Runs the concatenation checks; each is skipped, saying why, unless its extension is advertised. */
export async function tusConcatenationChecks(
  context: SuiteContext,
  input: ConcatenationCheckInput,
): Promise<void> {
  const state: RunState = { context, input };
  for (const check of CHECKS) {
    const { needs, run, ...definition } = check;
    await context.check(definition, async (scope) => {
      if (!input.extensions.has(needs)) {
        skip(`the target does not advertise ${needs} in Tus-Extension`);
      }
      try {
        await run(state, scope);
      } catch (error) {
        // Name the extension the target claims and does not honour.
        if (error instanceof CheckFailure) {
          throw new CheckFailure(`${needs} is advertised but not honoured: ${error.message}`);
        }
        throw error;
      }
    });
  }
}
