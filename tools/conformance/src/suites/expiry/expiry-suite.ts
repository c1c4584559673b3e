import { HEADERS } from '@temp-contents/contract';
import { expectStatus } from '../../expectations/http-expectations.js';
import { seededBytes } from '../../fixtures/seeded-bytes.js';
import { type UploadedContent, uploadContent } from '../../fixtures/uploaded-content.js';
import { ensure, skip } from '../../run/check-failure.js';
import type { SuiteContext } from '../../run/suite-context.js';
import { createUpload, sleep, type TusUpload } from '../tus/tus-upload.js';

/**
 * TTL expiry: contents created with ttl=1 answer 410 Gone on every operation once expired (until
 * purged, after which 404 is also allowed by the spec's description). The suite creates both
 * kinds first, waits once, then checks them all.
 */
export async function expirySuite(context: SuiteContext): Promise<void> {
  const { target, options } = context;
  let plain: UploadedContent | undefined;
  let tus: TusUpload | undefined;
  const created = await context.check(
    {
      id: 'setup',
      title: 'Create a plain content and a tus upload with ttl=1',
      requirement: 'spec TempContentsPost 201 (ttl=1), postTus 201 (Upload-Metadata ttl)',
    },
    async () => {
      plain = await uploadContent(target, seededBytes(options.seed, 16), {
        ttl: 1,
        filename: 'expiring.bin',
      });
      tus = await createUpload(target, {
        [HEADERS.uploadLength]: '8',
        [HEADERS.uploadMetadata]: `ttl ${Buffer.from('1').toString('base64')}`,
      });
    },
  );
  // TTL counts from creation; wait it out with a margin for second-granular clocks.
  if (created) await sleep(2200);
  const need = (): { plain: UploadedContent; tus: TusUpload } => {
    if (!plain || !tus) skip('ttl=1 contents could not be created (see expiry.setup)');
    return { plain, tus };
  };
  const cases = [
    [
      'get',
      'GET of an expired content: 410',
      'spec TempContentsGet 410',
      async () =>
        expectStatus(await target.getContent(need().plain.id), 410, 'GET after ttl=1 expired'),
    ],
    [
      'head',
      'HEAD of an expired content: 410',
      'spec TempContentsHead 410',
      async () =>
        expectStatus(await target.headContent(need().plain.id), 410, 'HEAD after ttl=1 expired'),
    ],
    [
      'details',
      'details of an expired content: 410',
      'spec TempContentsDetails 410',
      async () =>
        expectStatus(await target.details(need().plain.id), 410, 'details after ttl=1 expired'),
    ],
    [
      'tus-head',
      'tus HEAD of an expired upload: 410',
      'spec headTus 410; tus 1.0.0 §expiration',
      async () =>
        expectStatus(await target.tusHead(need().tus.url), 410, 'tus HEAD after ttl=1 expired'),
    ],
    [
      'tus-patch',
      'tus PATCH of an expired upload: 410, nothing written',
      'spec patchTus 410; tus 1.0.0 §expiration',
      async () => {
        const response = await target.tusPatch(need().tus.url, 0, seededBytes(options.seed, 8));
        expectStatus(response, 410, 'tus PATCH after ttl=1 expired');
        ensure(
          response.headers.get(HEADERS.uploadOffset) === null,
          'tus PATCH 410 reports an Upload-Offset as if bytes were written',
        );
      },
    ],
  ] as const;
  for (const [id, title, requirement, run] of cases) {
    await context.check({ id, title, requirement }, async () => {
      await run();
    });
  }
}
