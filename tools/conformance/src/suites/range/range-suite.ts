import { HEADERS } from '@temp-contents/contract';
import fc from 'fast-check';
import {
  expectHeaderEquals,
  expectStatus,
  requireHeader,
} from '../../expectations/http-expectations.js';
import { type UploadedContent, uploadSeeded } from '../../fixtures/uploaded-content.js';
import { fail, skip } from '../../run/check-failure.js';
import { checkProperty } from '../../run/property-check.js';
import type { CheckScope, SuiteContext } from '../../run/suite-context.js';
import { verifyRangeAnswer } from './range-answer.js';
import { expectedRangeAnswer } from './range-model.js';

/** Sizes every run covers (0 and 1 are where off-by-one errors live) plus seeded random ones. */
const FIXED_SIZES = [0, 1, 2, 7, 100];

/**
 * Byte ranges (RFC 9110 §14) checked as properties against the reference model in
 * `range-model.ts`: every generated `Range` is sent to the target and the answer is compared with
 * what the model allows.
 */
export async function rangeSuite(context: SuiteContext): Promise<void> {
  const { target, options } = context;
  const contents: UploadedContent[] = [];
  const setupOk = await context.check(
    {
      id: 'setup',
      title: 'Upload contents of sizes 0, 1, 2, 7, 100 and two random sizes',
      requirement: 'spec TempContentsPost 201',
    },
    async () => {
      const random = fc.sample(fc.integer({ min: 3, max: 5000 }), {
        seed: options.seed,
        numRuns: 2,
      });
      for (const size of [...FIXED_SIZES, ...random]) {
        contents.push(await uploadSeeded(target, options.seed, size));
      }
    },
  );
  const content = fc.constantFrom(...(setupOk ? contents : [undefined]));
  const position = fc.oneof(fc.nat(10), fc.nat(6000));
  const needContents = (): void => {
    if (!setupOk) skip('no contents could be uploaded (see range.setup)');
  };

  const rangeProperty = (
    id: string,
    title: string,
    requirement: string,
    header: fc.Arbitrary<(size: number) => string>,
    methods: ('GET' | 'HEAD')[] = ['GET'],
  ) =>
    context.check({ id, title, requirement }, async (scope) => {
      needContents();
      const choices = new Map<string, number>();
      await checkProperty(
        options,
        fc.asyncProperty(
          content,
          header,
          fc.constantFrom(...methods),
          async (item, make, method) => {
            if (!item) return;
            const value = make(item.bytes.length);
            const response =
              method === 'GET'
                ? await target.getContent(item.id, { [HEADERS.range]: value })
                : await target.headContent(item.id, { [HEADERS.range]: value });
            const label = `${method} Range "${value}" on ${item.bytes.length} bytes`;
            const choice = verifyRangeAnswer(
              response,
              expectedRangeAnswer(value, item.bytes.length),
              item.bytes,
              label,
            );
            if (choice) choices.set(choice, (choices.get(choice) ?? 0) + 1);
          },
        ),
      );
      recordChoices(scope, choices);
    });

  await context.check(
    {
      id: 'no-range',
      title:
        'GET without Range: 200, whole body, Content-Length, Accept-Ranges: bytes, strong ETag',
      requirement: 'spec TempContentsGet 200; RFC 9110 §14.3, §8.8.3',
    },
    async () => {
      needContents();
      for (const item of contents) {
        const response = await target.getContent(item.id);
        verifyRangeAnswer(
          response,
          { kind: 'full', why: 'no Range' },
          item.bytes,
          `GET ${item.bytes.length} bytes`,
        );
        expectHeaderEquals(response, HEADERS.acceptRanges, 'bytes', 'download (RFC 9110 §14.3)');
        const etag = requireHeader(response, HEADERS.etag, 'download');
        if (!/^"[^"]*"$/.test(etag))
          fail(`download: ETag ${etag} is not a strong entity-tag (spec ETag, RFC 9110 §8.8.3)`);
      }
    },
  );

  await rangeProperty(
    'int-range',
    'bytes=a-b inside or across the end: 206 with exact Content-Range and bytes',
    'RFC 9110 §14.1.2, §14.4; spec TempContentsGet 206',
    fc.tuple(fc.nat(6000), fc.nat(6000)).map(([a, b]) => (size: number) => {
      const first = size === 0 ? 0 : a % size;
      return `bytes=${first}-${first + (b % Math.max(1, size))}`;
    }),
  );
  await rangeProperty(
    'open-ended',
    'bytes=a-: 206 up to the last byte, 416 at or past the end',
    'RFC 9110 §14.1.2; spec TempContentsGet 206/416',
    position.map((a) => () => `bytes=${a}-`),
  );
  await rangeProperty(
    'suffix',
    'bytes=-n: the last n bytes (all when n > size)',
    'RFC 9110 §14.1.2 (suffix-range); spec TempContentsGet 206',
    fc.integer({ min: 1, max: 8000 }).map((n) => () => `bytes=-${n}`),
  );
  await rangeProperty(
    'overlong',
    'last-pos past the end (up to 20 digits) is clamped to size-1',
    'RFC 9110 §14.1.2 ("less than ... last-pos ... replaced")',
    fc.tuple(fc.nat(10), fc.bigInt({ min: 10n ** 4n, max: 10n ** 20n })).map(
      ([a, last]) =>
        (size: number) =>
          `bytes=${size === 0 ? 0 : a % size}-${last}`,
    ),
  );
  await rangeProperty(
    'unsatisfiable',
    'first-pos >= size, or bytes=-0: 416 with Content-Range: bytes */size',
    'RFC 9110 §14.1.2, §15.5.17; spec TempContentsGet 416',
    fc.oneof(
      fc.nat(100).map((extra) => (size: number) => `bytes=${size + extra}-`),
      fc.nat(100).map((extra) => (size: number) => `bytes=${size + extra}-${size + extra + 5}`),
      fc.constant(() => 'bytes=-0'),
    ),
  );
  await rangeProperty(
    'malformed',
    'an invalid ranges-specifier is ignored (200) or rejected (416)',
    'RFC 9110 §14.2 (MAY ignore or reject)',
    fc
      .constantFrom(
        'bytes=abc',
        'bytes=5-2',
        'bytes=',
        'bytes',
        '=0-1',
        'bytes=--1',
        'bytes=1-2-3',
        'bytes=-',
        'bytes 0-1',
        'bytes=0x10-20',
        'bytes=+1-2',
        'bytes=1.5-2',
      )
      .map((value) => () => value),
  );
  await rangeProperty(
    'other-unit',
    'a range unit other than bytes is ignored: 200',
    'RFC 9110 §14.2 (MUST ignore an unknown range unit)',
    fc.constantFrom('items=0-1', 'lines=0-', 'pages=-3').map((value) => () => value),
  );
  await rangeProperty(
    'multi-range',
    'several ranges: 200 (ignored) or 206 with only the requested bytes',
    'RFC 9110 §14.2, §14.6 (multipart/byteranges)',
    fc
      .array(fc.tuple(fc.nat(5000), fc.nat(50)), { minLength: 2, maxLength: 4 })
      .map(
        (pairs) => (size: number) =>
          `bytes=${pairs.map(([a, len]) => `${size === 0 ? a : a % (size + 2)}-${(size === 0 ? a : a % (size + 2)) + len}`).join(',')}`,
      ),
  );
  await rangeProperty(
    'head',
    'HEAD with any Range: same status, Content-Range and Content-Length as GET, no body',
    'RFC 9110 §9.3.2; spec TempContentsHead',
    fc.oneof(
      fc.tuple(fc.nat(6000), fc.nat(60)).map(([a, len]) => (size: number) => {
        const first = size === 0 ? a : a % (size + 1);
        return `bytes=${first}-${first + len}`;
      }),
      fc.integer({ min: 1, max: 8000 }).map((n) => () => `bytes=-${n}`),
    ),
    ['HEAD'],
  );

  const ifRange = (
    id: string,
    title: string,
    requirement: string,
    makeValidator: (etag: string) => string,
    matches: boolean,
  ) =>
    context.check({ id, title, requirement }, async (scope) => {
      needContents();
      const choices = new Map<string, number>();
      const candidates = contents.filter((item) => item.bytes.length > 1);
      await checkProperty(
        options,
        fc.asyncProperty(fc.constantFrom(...candidates), fc.nat(6000), async (item, a) => {
          const full = await target.getContent(item.id);
          expectStatus(full, 200, 'GET before If-Range');
          const etag = requireHeader(full, HEADERS.etag, 'GET before If-Range');
          const first = a % item.bytes.length;
          const value = `bytes=${first}-`;
          const response = await target.getContent(item.id, {
            [HEADERS.range]: value,
            [HEADERS.ifRange]: makeValidator(etag),
          });
          const label = `GET Range "${value}" If-Range ${makeValidator(etag)}`;
          const choice = verifyRangeAnswer(
            response,
            expectedRangeAnswer(value, item.bytes.length, { matches }),
            item.bytes,
            label,
          );
          if (choice) choices.set(choice, (choices.get(choice) ?? 0) + 1);
        }),
        Math.max(1, Math.ceil(options.maxExamples / 4)),
      );
      recordChoices(scope, choices);
    });

  await ifRange(
    'if-range-current',
    'If-Range with the current strong ETag: the range is served (206)',
    'RFC 9110 §13.1.5',
    (etag) => etag,
    true,
  );
  await ifRange(
    'if-range-stale',
    'If-Range with a stale ETag: the whole content (200)',
    'RFC 9110 §13.1.5',
    () => '"stale-etag-0000"',
    false,
  );
  await ifRange(
    'if-range-weak',
    'If-Range with a weak ETag never matches (strong comparison): 200',
    'RFC 9110 §13.1.5, §8.8.3.2',
    (etag) => `W/${etag.replace(/^W\//, '')}`,
    false,
  );
}

function recordChoices(scope: CheckScope, choices: Map<string, number>): void {
  for (const [choice, count] of choices) scope.observe(`${choice} x${count}`);
}
