import { HEADERS, TUS_CONTENT_TYPE, TUS_VERSION } from '@temp-contents/contract';
import { describeExchange, expectStatus } from '../../expectations/http-expectations.js';
import { type UploadedContent, uploadSeeded } from '../../fixtures/uploaded-content.js';
import { fail, skip } from '../../run/check-failure.js';
import type { SuiteContext } from '../../run/suite-context.js';
import { contentPath, type OperationLabel, tusFilePath } from '../../target/target-http.js';
import { createUpload, headOffset, type TusUpload } from '../tus/tus-upload.js';

interface Operation {
  operation: OperationLabel;
  method: string;
  url: (ids: { content: string; upload: string }) => string;
  headers?: Record<string, string>;
  body?: Uint8Array;
}

const TUS = { [HEADERS.tusResumable]: TUS_VERSION };

/** Every operation the spec secures with bearerAuth (optionsTus and the probes are open). */
const SECURED: Operation[] = [
  {
    operation: 'TempContentsPost',
    method: 'POST',
    url: () => '/api/v1/temp-contents',
    body: new Uint8Array([1, 2, 3]),
  },
  { operation: 'TempContentsGet', method: 'GET', url: (ids) => contentPath(ids.content) },
  { operation: 'TempContentsHead', method: 'HEAD', url: (ids) => contentPath(ids.content) },
  {
    operation: 'TempContentsDetails',
    method: 'GET',
    url: (ids) => `${contentPath(ids.content)}/details`,
  },
  {
    operation: 'postTus',
    method: 'POST',
    url: () => '/api/v1/temp-contents/files',
    headers: { ...TUS, [HEADERS.uploadLength]: '3' },
  },
  { operation: 'headTus', method: 'HEAD', url: (ids) => tusFilePath(ids.upload), headers: TUS },
  {
    operation: 'patchTus',
    method: 'PATCH',
    url: (ids) => tusFilePath(ids.upload),
    headers: { ...TUS, [HEADERS.contentType]: TUS_CONTENT_TYPE, [HEADERS.uploadOffset]: '0' },
    body: new Uint8Array([1]),
  },
  { operation: 'deleteTus', method: 'DELETE', url: (ids) => tusFilePath(ids.upload), headers: TUS },
];

/**
 * Authentication and tenant isolation: 401 with `WWW-Authenticate: Bearer` without a token and
 * with a bad one on every secured operation; with a second tenant's token, 404 (never 403, never
 * the content) on everything the first tenant created.
 */
export async function authSuite(context: SuiteContext): Promise<void> {
  const { target, otherTenant, options } = context;
  let content: UploadedContent | undefined;
  let upload: TusUpload | undefined;
  await context.check(
    {
      id: 'setup',
      title: 'Create a content and a tus upload with the token',
      requirement: 'spec TempContentsPost 201, postTus 201',
    },
    async () => {
      content = await uploadSeeded(target, options.seed, 32);
      upload = await createUpload(target, { [HEADERS.uploadLength]: '3' });
    },
  );
  const ids = () => {
    if (!content || !upload) skip('nothing to test against (see auth.setup)');
    return { content: content.id, upload: upload.id };
  };

  for (const [variant, token] of [
    ['no-token', null],
    ['bad-token', 'conformance-invalid-token'],
  ] as const) {
    await context.check(
      {
        id: `${variant}-401`,
        title: `${variant === 'no-token' ? 'No' : 'A bad'} bearer token: 401 with WWW-Authenticate: Bearer on every secured operation`,
        requirement:
          'RFC 6750 §3; RFC 9110 §11.6.1; spec 401 (bearerAuth) on every secured operation',
      },
      async () => {
        const known = ids();
        const problems: string[] = [];
        for (const operation of SECURED) {
          const response = await target.send({
            operation: operation.operation,
            method: operation.method,
            url: operation.url(known),
            token,
            ...(operation.headers ? { headers: operation.headers } : {}),
            ...(operation.body ? { body: operation.body } : {}),
          });
          if (response.status !== 401) {
            problems.push(
              `${describeExchange(response)} answered ${response.status}, expected 401`,
            );
            continue;
          }
          const challenge = response.headers.get(HEADERS.wwwAuthenticate);
          if (!challenge || !/^Bearer\b/i.test(challenge)) {
            problems.push(
              `${describeExchange(response)} 401 has WWW-Authenticate "${challenge ?? '(missing)'}", expected a Bearer challenge`,
            );
          }
        }
        if (problems.length > 0) fail(problems.join('; '));
      },
    );
  }

  await context.check(
    {
      id: 'tenant-isolation',
      title: "Another tenant's token: 404 on every operation on this tenant's content and upload",
      requirement:
        'spec 404 for other-tenant ids (TempContentsGet/Head/Details, headTus, patchTus, deleteTus)',
    },
    async (scope) => {
      if (!otherTenant) skip('no --token-other-tenant given');
      const known = ids();
      const problems: string[] = [];
      for (const operation of SECURED) {
        if (operation.operation === 'TempContentsPost' || operation.operation === 'postTus')
          continue;
        const response = await otherTenant.send({
          operation: operation.operation,
          method: operation.method,
          url: operation.url(known),
          ...(operation.headers ? { headers: operation.headers } : {}),
          ...(operation.body ? { body: operation.body } : {}),
        });
        if (response.status !== 404) {
          problems.push(
            `${describeExchange(response)} with the other tenant's token answered ${response.status}, expected 404 (another tenant's content)`,
          );
        }
      }
      if (problems.length > 0) fail(problems.join('; '));
      // The owner still sees everything intact.
      expectStatus(
        await target.getContent(known.content),
        200,
        'owner GET after the other tenant tried',
      );
      if (!upload) return;
      const { offset } = await headOffset(
        target,
        upload.url,
        'owner HEAD after the other tenant tried',
      );
      if (offset !== 0)
        fail(`the other tenant's PATCH changed the owner's upload offset to ${offset}`);
      scope.observe('other tenant sees 404 everywhere');
    },
  );

  await context.check(
    {
      id: 'own-token',
      title: 'The token works: details of its own content is 200 with CreatorID',
      requirement: 'spec TempContentsDetails 200',
    },
    async () => {
      const known = ids();
      const response = await target.details(known.content);
      expectStatus(response, 200, 'details with the right token');
      const body = response.json() as { CreatorID?: unknown } | undefined;
      if (typeof body?.CreatorID !== 'string')
        fail(`details: CreatorID is ${JSON.stringify(body?.CreatorID)}, expected a string`);
    },
  );
}
