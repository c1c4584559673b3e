import { HEADERS, TUS_CONTENT_TYPE, TUS_VERSION } from '@temp-contents/contract';
import fc from 'fast-check';
import {
  describeExchange,
  expectBytes,
  expectStatus,
  requireHeader,
  requireHttpDateHeader,
  requireIntegerHeader,
} from '../../expectations/http-expectations.js';
import { seededBytes } from '../../fixtures/seeded-bytes.js';
import { ensure, fail, skip } from '../../run/check-failure.js';
import { checkProperty } from '../../run/property-check.js';
import type { SuiteContext } from '../../run/suite-context.js';
import { contentPath } from '../../target/target-http.js';
import { tusChecksumChecks } from './tus-checksum-checks.js';
import { tusConcatenationChecks } from './tus-concatenation-checks.js';
import {
  createUpload,
  expectTusResumable,
  headOffset,
  interruptedPatch,
  metadataHeader,
  patchChunk,
  slowBody,
  type TusUpload,
} from './tus-upload.js';

const TUS_OPERATIONS = new Set(['postTus', 'headTus', 'patchTus', 'deleteTus']);

/**
 * tus 1.0.0: every MUST/SHOULD of the core protocol, plus each extension the target advertises in
 * OPTIONS (creation, creation-with-upload, creation-defer-length, expiration, termination;
 * checksum and checksum-trailer in tus-checksum-checks.ts, concatenation and
 * concatenation-unfinished in tus-concatenation-checks.ts), plus the spec's statuses for tus
 * operations.
 */
export async function tusSuite(context: SuiteContext): Promise<void> {
  const { target, options } = context;
  let extensions = new Set<string>();
  let maxSize: number | undefined;
  const optionsOk = await context.check(
    {
      id: 'options',
      title: 'OPTIONS: 200/204 with Tus-Version (incl. 1.0.0), Tus-Extension, Tus-Max-Size',
      requirement: 'tus 1.0.0 §OPTIONS (200 or 204); spec optionsTus 200',
    },
    async (scope) => {
      const response = await target.tusOptions();
      expectStatus(response, [200, 204], 'OPTIONS');
      const versions = requireHeader(
        response,
        HEADERS.tusVersion,
        'OPTIONS (MUST contain Tus-Version)',
      );
      ensure(
        versions
          .split(',')
          .map((v) => v.trim())
          .includes(TUS_VERSION),
        `OPTIONS: Tus-Version "${versions}" does not list ${TUS_VERSION}`,
      );
      extensions = new Set(
        (response.headers.get(HEADERS.tusExtension) ?? '')
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean),
      );
      const max = response.headers.get(HEADERS.tusMaxSize);
      if (max !== null) {
        maxSize = requireIntegerHeader(
          response,
          HEADERS.tusMaxSize,
          'OPTIONS (Tus-Max-Size MUST be a non-negative integer)',
        );
      }
      scope.observe(`status ${response.status}`);
      scope.observe(`extensions: ${[...extensions].join(',') || '(none)'}`);
      scope.observe(`Tus-Max-Size: ${max ?? '(none)'}`);
    },
  );
  if (!optionsOk) extensions = new Set(['creation']);
  const has = (extension: string) => extensions.has(extension);
  const needs = (extension: string): void => {
    if (!has(extension)) skip(`the target does not advertise ${extension} in Tus-Extension`);
  };
  const meta = metadataHeader({ filename: 'conformance-tus.bin' });

  await context.check(
    {
      id: 'creation',
      title:
        'POST Upload-Length: 201, Location, Tus-Resumable; Upload-Expires when expiration is advertised',
      requirement: 'tus 1.0.0 §Creation, §Expiration; spec postTus 201',
    },
    async () => {
      needs('creation');
      const upload = await createUpload(target, {
        [HEADERS.uploadLength]: '10',
        [HEADERS.uploadMetadata]: meta,
      });
      expectTusResumable(upload.create, 'POST 201');
      if (has('expiration')) {
        const expires = requireHttpDateHeader(
          upload.create,
          HEADERS.uploadExpires,
          'POST 201 (expiration: Upload-Expires MUST be included when known)',
        );
        ensure(
          expires.getTime() > Date.now() - 60_000,
          `POST 201: Upload-Expires ${expires.toUTCString()} is in the past`,
        );
      }
    },
  );

  await context.check(
    {
      id: 'head',
      title:
        'HEAD: Upload-Offset, Upload-Length, Upload-Metadata, Cache-Control: no-store, no body',
      requirement: 'tus 1.0.0 §HEAD; spec headTus 200',
    },
    async (scope) => {
      needs('creation');
      const upload = await createUpload(target, {
        [HEADERS.uploadLength]: '10',
        [HEADERS.uploadMetadata]: meta,
      });
      await patchChunk(target, upload.url, 0, seededBytes(options.seed, 4), 'HEAD setup');
      const { offset, response } = await headOffset(target, upload.url, 'HEAD');
      scope.observe(`HEAD status ${response.status}`);
      ensure(offset === 4, `HEAD: Upload-Offset is ${offset}, expected 4 after PATCHing 4 bytes`);
      const length = requireIntegerHeader(
        response,
        HEADERS.uploadLength,
        'HEAD (MUST include Upload-Length when known)',
      );
      ensure(length === 10, `HEAD: Upload-Length is ${length}, expected 10`);
      const metadata = requireHeader(
        response,
        HEADERS.uploadMetadata,
        'HEAD (MUST include Upload-Metadata given at creation)',
      );
      ensure(
        metadata
          .split(',')
          .map((pair) => pair.trim())
          .includes(meta),
        `HEAD: Upload-Metadata "${metadata}" does not hold the creation's "${meta}"`,
      );
      const cache = requireHeader(
        response,
        HEADERS.cacheControl,
        'HEAD (MUST send Cache-Control: no-store)',
      );
      ensure(
        /(^|,)\s*no-store\s*(,|$)/i.test(cache),
        `HEAD: Cache-Control is "${cache}", expected no-store`,
      );
      expectTusResumable(response, 'HEAD');
      ensure(response.body.length === 0, 'HEAD: the response has a body');
    },
  );

  await context.check(
    {
      id: 'chunk-sequences',
      title:
        'Random sizes split into random PATCH chunks: every offset right, content byte-identical',
      requirement:
        'tus 1.0.0 §PATCH (204 + Upload-Offset); spec TempContentsGet 200, TempContentsDetails 200',
    },
    async () => {
      needs('creation');
      let round = 0;
      await checkProperty(
        options,
        fc.asyncProperty(
          fc.integer({ min: 0, max: 3000 }),
          fc.array(fc.integer({ min: 1, max: 1200 }), { minLength: 1, maxLength: 6 }),
          async (size, cuts) => {
            round += 1;
            const bytes = seededBytes(options.seed + round, size);
            const upload = await createUpload(target, {
              [HEADERS.uploadLength]: String(size),
              [HEADERS.uploadMetadata]: meta,
            });
            let offset = 0;
            for (const cut of cuts) {
              if (offset >= size) break;
              const chunk = bytes.subarray(offset, Math.min(size, offset + cut));
              await patchChunk(target, upload.url, offset, chunk, `chunk sequence (size ${size})`);
              offset += chunk.length;
            }
            if (offset < size) {
              await patchChunk(
                target,
                upload.url,
                offset,
                bytes.subarray(offset),
                `last chunk (size ${size})`,
              );
            }
            const head = await headOffset(target, upload.url, 'after upload');
            ensure(
              head.offset === size,
              `HEAD after a complete upload: Upload-Offset is ${head.offset}, expected ${size}`,
            );
            await expectContent(context, upload, bytes, 'completed tus upload');
          },
        ),
        Math.max(2, Math.ceil(options.maxExamples / 5)),
      );
    },
  );

  await context.check(
    {
      id: 'incomplete-204',
      title: 'An unfinished upload answers 204 on download and details',
      requirement: 'spec TempContentsGet 204, TempContentsDetails 204',
    },
    async () => {
      needs('creation');
      if (options.tusProtocolOnly)
        skip('--tus-protocol-only: the spec download endpoint is not checked');
      const upload = await createUpload(target, { [HEADERS.uploadLength]: '8' });
      await patchChunk(target, upload.url, 0, seededBytes(options.seed, 3), 'partial upload');
      expectStatus(await target.getContent(upload.id), 204, 'download of an incomplete upload');
      expectStatus(await target.details(upload.id), 204, 'details of an incomplete upload');
    },
  );

  await context.check(
    {
      id: 'offset-mismatch-409',
      title: 'PATCH with a wrong Upload-Offset: 409 and nothing written',
      requirement:
        'tus 1.0.0 §PATCH ("MUST respond with 409 Conflict ... without modifying"); spec patchTus 409',
    },
    async () => {
      needs('creation');
      const upload = await createUpload(target, { [HEADERS.uploadLength]: '20' });
      await patchChunk(target, upload.url, 0, seededBytes(options.seed, 5), 'setup');
      for (const wrong of [0, 7, 19]) {
        const response = await target.tusPatch(upload.url, wrong, seededBytes(options.seed + 1, 3));
        expectStatus(
          response,
          409,
          `PATCH with Upload-Offset ${wrong} while the server holds 5 (offset mismatch)`,
        );
        expectTusResumable(response, 'PATCH 409');
      }
      const { offset } = await headOffset(target, upload.url, 'after 409s');
      ensure(
        offset === 5,
        `Upload-Offset is ${offset} after rejected PATCHes, expected 5 (a 409 must not modify the upload)`,
      );
    },
  );

  await context.check(
    {
      id: 'version-412',
      title: 'Unsupported or missing Tus-Resumable: 412 with Tus-Version, request not processed',
      requirement:
        'tus 1.0.0 §Tus-Resumable ("MUST respond with 412 ... MUST include Tus-Version ... MUST NOT process"); spec 412',
    },
    async () => {
      needs('creation');
      const post = await target.tusCreate({
        [HEADERS.tusResumable]: '0.2.2',
        [HEADERS.uploadLength]: '5',
      });
      expectStatus(post, 412, 'POST with Tus-Resumable: 0.2.2');
      requireHeader(post, HEADERS.tusVersion, 'POST 412 (MUST include Tus-Version)');
      const upload = await createUpload(target, { [HEADERS.uploadLength]: '5' });
      const patch = await target.tusPatch(upload.url, 0, seededBytes(options.seed, 5), {
        [HEADERS.tusResumable]: '0.2.2',
      });
      expectStatus(patch, 412, 'PATCH with Tus-Resumable: 0.2.2');
      requireHeader(patch, HEADERS.tusVersion, 'PATCH 412 (MUST include Tus-Version)');
      const missing = await target.send({
        operation: 'patchTus',
        method: 'PATCH',
        url: upload.url,
        headers: { [HEADERS.contentType]: TUS_CONTENT_TYPE, [HEADERS.uploadOffset]: '0' },
        body: seededBytes(options.seed, 5),
      });
      expectStatus(
        missing,
        412,
        'PATCH without Tus-Resumable (spec: requests other than OPTIONS need Tus-Resumable: 1.0.0)',
      );
      requireHeader(
        missing,
        HEADERS.tusVersion,
        'PATCH 412 without Tus-Resumable (MUST include Tus-Version)',
      );
      const { offset } = await headOffset(target, upload.url, 'after 412s');
      ensure(
        offset === 0,
        `Upload-Offset is ${offset} after 412 answers, expected 0 (the server MUST NOT process the request)`,
      );
    },
  );

  await context.check(
    {
      id: 'content-type-415',
      title: 'PATCH without application/offset+octet-stream: 415, nothing written',
      requirement:
        'tus 1.0.0 §PATCH ("MUST use Content-Type: application/offset+octet-stream ... SHOULD return 415"); spec patchTus 415',
    },
    async () => {
      needs('creation');
      const upload = await createUpload(target, { [HEADERS.uploadLength]: '5' });
      const response = await target.tusPatch(upload.url, 0, seededBytes(options.seed, 5), {
        [HEADERS.contentType]: 'application/octet-stream',
      });
      expectStatus(response, 415, 'PATCH with Content-Type application/octet-stream');
      expectTusResumable(response, 'PATCH 415');
      const { offset } = await headOffset(target, upload.url, 'after 415');
      ensure(offset === 0, `Upload-Offset is ${offset} after a 415, expected 0`);
    },
  );

  await context.check(
    {
      id: 'invalid-offset-400',
      title: 'PATCH with a missing or malformed Upload-Offset: 400',
      requirement: 'tus 1.0.0 §Upload-Offset ("MUST be a non-negative integer"); spec patchTus 400',
    },
    async () => {
      needs('creation');
      const upload = await createUpload(target, { [HEADERS.uploadLength]: '5' });
      for (const bad of ['-1', 'abc', '1.5']) {
        const response = await target.tusPatch(upload.url, bad, seededBytes(options.seed, 5));
        expectStatus(response, 400, `PATCH with Upload-Offset "${bad}"`);
      }
      const none = await target.send({
        operation: 'patchTus',
        method: 'PATCH',
        url: upload.url,
        headers: { [HEADERS.tusResumable]: TUS_VERSION, [HEADERS.contentType]: TUS_CONTENT_TYPE },
        body: seededBytes(options.seed, 5),
      });
      expectStatus(none, 400, 'PATCH without Upload-Offset');
    },
  );

  await context.check(
    {
      id: 'not-found-404',
      title: 'HEAD, PATCH and DELETE on an unknown upload: 404 (HEAD without Upload-Offset)',
      requirement:
        'tus 1.0.0 §HEAD ("SHOULD return 404 ... without the Upload-Offset header"), §PATCH; spec 404',
    },
    async () => {
      const url = target.resolve('/api/v1/temp-contents/files/00000000000000000000000000000000');
      const head = await target.tusHead(url);
      expectStatus(head, 404, 'HEAD on an unknown upload');
      ensure(
        head.headers.get(HEADERS.uploadOffset) === null,
        'HEAD 404 carries an Upload-Offset header',
      );
      expectStatus(
        await target.tusPatch(url, 0, seededBytes(options.seed, 2)),
        404,
        'PATCH on an unknown upload',
      );
      if (has('termination'))
        expectStatus(await target.tusDelete(url), 404, 'DELETE on an unknown upload');
    },
  );

  await context.check(
    {
      id: 'max-size-413',
      title: 'Upload-Length above Tus-Max-Size: 413',
      requirement:
        'tus 1.0.0 §Creation ("MUST respond with 413 ... exceeds the maximum"); spec postTus 413',
    },
    async () => {
      needs('creation');
      if (maxSize === undefined) skip('the target advertises no Tus-Max-Size');
      const response = await target.tusCreate({ [HEADERS.uploadLength]: String(maxSize + 1) });
      expectStatus(
        response,
        413,
        `POST with Upload-Length ${maxSize + 1} > Tus-Max-Size ${maxSize}`,
      );
      expectTusResumable(response, 'POST 413');
    },
  );

  await context.check(
    {
      id: 'past-length-413',
      title: 'PATCH body running past Upload-Length: 413, nothing stored past the length',
      requirement: 'spec patchTus 413; tus 1.0.0 §Upload-Length',
    },
    async () => {
      needs('creation');
      const upload = await createUpload(target, { [HEADERS.uploadLength]: '10' });
      const response = await target.tusPatch(upload.url, 0, seededBytes(options.seed, 15));
      expectStatus(response, 413, 'PATCH of 15 bytes on an upload of 10');
      const { offset } = await headOffset(target, upload.url, 'after 413');
      ensure(offset <= 10, `Upload-Offset is ${offset} after a PATCH past the length of 10`);
    },
  );

  await context.check(
    {
      id: 'creation-with-upload',
      title: 'POST with a body: 201 with Upload-Offset = bytes stored',
      requirement: 'tus 1.0.0 §creation-with-upload',
    },
    async () => {
      needs('creation-with-upload');
      const bytes = seededBytes(options.seed, 12);
      const upload = await createUpload(target, { [HEADERS.uploadLength]: '12' }, bytes);
      const offset = requireIntegerHeader(
        upload.create,
        HEADERS.uploadOffset,
        'POST 201 with a body (MUST include Upload-Offset)',
      );
      ensure(offset === 12, `POST 201 with 12 bytes: Upload-Offset is ${offset}, expected 12`);
      await expectContent(context, upload, bytes, 'creation-with-upload');
    },
  );

  await context.check(
    {
      id: 'creation-defer-length',
      title: 'Upload-Defer-Length: 1, then Upload-Length on a PATCH',
      requirement: 'tus 1.0.0 §creation-defer-length',
    },
    async () => {
      needs('creation-defer-length');
      const bytes = seededBytes(options.seed, 9);
      const upload = await createUpload(target, { [HEADERS.uploadDeferLength]: '1' });
      const { response } = await headOffset(target, upload.url, 'deferred upload');
      ensure(
        response.headers.get(HEADERS.uploadDeferLength) === '1',
        `HEAD of a deferred upload: Upload-Defer-Length is "${response.headers.get(HEADERS.uploadDeferLength) ?? '(missing)'}", expected 1`,
      );
      ensure(
        response.headers.get(HEADERS.uploadLength) === null,
        'HEAD of a deferred upload carries Upload-Length',
      );
      const patch = await target.tusPatch(upload.url, 0, bytes, { [HEADERS.uploadLength]: '9' });
      expectStatus(patch, 204, 'PATCH with Upload-Length on a deferred upload');
      const after = await headOffset(target, upload.url, 'after setting the length');
      ensure(
        after.response.headers.get(HEADERS.uploadLength) === '9',
        `HEAD: Upload-Length is "${after.response.headers.get(HEADERS.uploadLength) ?? '(missing)'}" after the PATCH set it to 9`,
      );
      await expectContent(context, upload, bytes, 'creation-defer-length');
    },
  );

  await context.check(
    {
      id: 'expiration',
      title: 'Upload-Expires (IMF-fixdate) on every PATCH response of an expiring upload',
      requirement: 'tus 1.0.0 §expiration ("MUST be included in every PATCH response")',
    },
    async () => {
      needs('expiration');
      const upload = await createUpload(target, { [HEADERS.uploadLength]: '4' });
      const first = await patchChunk(
        target,
        upload.url,
        0,
        seededBytes(options.seed, 2),
        'expiration',
      );
      requireHttpDateHeader(first, HEADERS.uploadExpires, 'PATCH 204 (expiration)');
      const last = await patchChunk(
        target,
        upload.url,
        2,
        seededBytes(options.seed + 2, 2),
        'expiration',
      );
      requireHttpDateHeader(last, HEADERS.uploadExpires, 'PATCH 204 (expiration)');
    },
  );

  await context.check(
    {
      id: 'termination',
      title: 'DELETE: 204, then 404/410 for the upload and 404 for its content',
      requirement: 'tus 1.0.0 §termination; spec deleteTus 204',
    },
    async () => {
      needs('termination');
      const upload = await createUpload(target, { [HEADERS.uploadLength]: '6' });
      await patchChunk(target, upload.url, 0, seededBytes(options.seed, 6), 'termination');
      const response = await target.tusDelete(upload.url);
      expectStatus(response, 204, 'DELETE');
      expectTusResumable(response, 'DELETE 204');
      expectStatus(
        await target.tusHead(upload.url),
        [404, 410],
        'HEAD after DELETE ("SHOULD respond with 404 or 410")',
      );
      expectStatus(
        await target.tusPatch(upload.url, 6, seededBytes(options.seed, 1)),
        [404, 410],
        'PATCH after DELETE',
      );
      if (!options.tusProtocolOnly) {
        expectStatus(
          await target.getContent(upload.id),
          404,
          'download after DELETE (spec: 404 everywhere)',
        );
      }
    },
  );

  await context.check(
    {
      id: 'method-override',
      title: 'POST with X-HTTP-Method-Override: PATCH is a PATCH',
      requirement:
        'tus 1.0.0 §X-HTTP-Method-Override ("MUST be interpreted as the request\'s method")',
    },
    async () => {
      needs('creation');
      const upload = await createUpload(target, { [HEADERS.uploadLength]: '3' });
      const response = await target.send({
        operation: 'patchTus',
        method: 'POST',
        url: upload.url,
        headers: {
          'X-HTTP-Method-Override': 'PATCH',
          [HEADERS.tusResumable]: TUS_VERSION,
          [HEADERS.contentType]: TUS_CONTENT_TYPE,
          [HEADERS.uploadOffset]: '0',
        },
        body: seededBytes(options.seed, 3),
      });
      expectStatus(response, 204, 'POST with X-HTTP-Method-Override: PATCH');
      const offset = requireIntegerHeader(response, HEADERS.uploadOffset, 'overridden PATCH');
      ensure(offset === 3, `overridden PATCH: Upload-Offset ${offset}, expected 3`);
    },
  );

  await context.check(
    {
      id: 'interrupted-patch',
      title:
        'A PATCH cut mid-body: HEAD reports at most the bytes sent, resume completes byte-identical',
      requirement: 'tus 1.0.0 §Core protocol (resume after interruption: HEAD then PATCH)',
    },
    async (scope) => {
      needs('creation');
      const size = 256 * 1024;
      const sent = 96 * 1024;
      const bytes = seededBytes(options.seed + 7, size);
      const upload = await createUpload(target, { [HEADERS.uploadLength]: String(size) });
      await interruptedPatch(target, upload.url, 0, bytes, sent);
      const { offset } = await headOffset(target, upload.url, 'after the interrupted PATCH');
      ensure(
        offset <= sent,
        `HEAD after an interrupted PATCH reports Upload-Offset ${offset}, more than the ${sent} bytes sent`,
      );
      scope.observe(`kept ${offset} of ${sent} bytes sent`);
      await patchChunk(target, upload.url, offset, bytes.subarray(offset), 'resume');
      await expectContent(context, upload, bytes, 'resumed upload');
    },
  );

  await context.check(
    {
      id: 'concurrent-patches',
      title: 'Concurrent PATCHes on one upload: never corrupt, losers get 409 or 423',
      requirement: 'tus 1.0.0 §PATCH (offset semantics); spec patchTus 409/423',
    },
    async (scope) => {
      needs('creation');
      const size = 64 * 1024;
      const bodies = [1, 2, 3, 4].map((n) => seededBytes(options.seed + 100 + n, size));
      const upload = await createUpload(target, { [HEADERS.uploadLength]: String(size) });
      const responses = await Promise.all(
        bodies.map((body) => target.tusPatch(upload.url, 0, slowBody(body, 8 * 1024, 15))),
      );
      const statuses = responses.map((response) => response.status);
      scope.observe(`statuses ${statuses.join(',')}`);
      for (const response of responses) expectStatus(response, [204, 409, 423], 'concurrent PATCH');
      const winners = responses
        .map((response, index) => ({ response, index }))
        .filter(({ response }) => response.status === 204);
      const { offset } = await headOffset(target, upload.url, 'after concurrent PATCHes');
      if (winners.length === 0) {
        ensure(offset === 0, `no PATCH succeeded yet Upload-Offset is ${offset}`);
        return;
      }
      const best = winners.reduce((a, b) =>
        Number(a.response.headers.get(HEADERS.uploadOffset)) >=
        Number(b.response.headers.get(HEADERS.uploadOffset))
          ? a
          : b,
      );
      const body = bodies[best.index] as Uint8Array;
      if (offset < size)
        await patchChunk(
          target,
          upload.url,
          offset,
          body.subarray(offset),
          'completing after concurrency',
        );
      await expectContent(
        context,
        upload,
        body,
        'upload after concurrent PATCHes (bytes from one writer only)',
      );
    },
  );

  await tusChecksumChecks(context, {
    extensions,
    expectContent: (upload, bytes, what) => expectContent(context, upload, bytes, what),
  });

  await tusConcatenationChecks(context, {
    extensions,
    expectContent: (upload, bytes, what) => expectContent(context, upload, bytes, what),
  });

  await context.check(
    {
      id: 'tus-resumable-everywhere',
      title: 'Tus-Resumable: 1.0.0 on every tus response of this run (errors included)',
      requirement:
        'tus 1.0.0 §Tus-Resumable ("MUST be included in every ... response except for OPTIONS")',
    },
    async () => {
      const missing = target.exchanges.filter(
        (exchange) =>
          TUS_OPERATIONS.has(exchange.operation) &&
          exchange.headers.get(HEADERS.tusResumable) !== TUS_VERSION,
      );
      if (missing.length > 0) {
        const [first] = missing;
        fail(
          `${missing.length} tus response(s) without Tus-Resumable: ${TUS_VERSION}, e.g. ${first?.method} ${first ? new URL(first.url).pathname : ''} -> ${first?.status}`,
        );
      }
    },
  );
}

/**
 * A completed upload holds exactly the bytes sent: HEAD reports the full offset (tus), and the
 * spec's download and details serve them (skipped with `tusProtocolOnly`).
 */
async function expectContent(
  context: SuiteContext,
  upload: TusUpload,
  bytes: Uint8Array,
  what: string,
): Promise<void> {
  const { target } = context;
  const head = await headOffset(target, upload.url, what);
  if (head.offset !== bytes.length) {
    fail(
      `${what}: HEAD Upload-Offset is ${head.offset} after ${bytes.length} bytes were acknowledged`,
    );
  }
  if (context.options.tusProtocolOnly) return;
  const response = await target.getContent(upload.id);
  expectStatus(response, 200, `${what}: GET ${contentPath(upload.id)}`);
  expectBytes(response.body, bytes, `${what}: downloaded content`);
  const details = await target.details(upload.id);
  expectStatus(details, 200, `${what}: details`);
  const size = (details.json() as { Size?: unknown } | undefined)?.Size;
  if (size !== String(bytes.length)) {
    fail(
      `${what}: details Size is ${JSON.stringify(size)}, expected "${bytes.length}" (a decimal string) on ${describeExchange(details)}`,
    );
  }
}
