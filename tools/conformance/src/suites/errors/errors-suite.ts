import { HEADERS, TUS_VERSION } from '@temp-contents/contract';
import { errorEnvelopeProblems } from '../../expectations/error-envelope.js';
import { expectStatus } from '../../expectations/http-expectations.js';
import { uploadSeeded } from '../../fixtures/uploaded-content.js';
import { fail } from '../../run/check-failure.js';
import type { SuiteContext } from '../../run/suite-context.js';
import {
  contentPath,
  type Exchange,
  type TargetHttp,
  type TargetResponse,
} from '../../target/target-http.js';

interface Provocation {
  id: string;
  title: string;
  requirement: string;
  status: number;
  send: (target: TargetHttp, id: string) => Promise<TargetResponse>;
}

const UNKNOWN_ID = '00000000000000000000000000000000';

/** Errors this suite provokes itself, so that it checks the envelope even when run alone. */
const PROVOCATIONS: Provocation[] = [
  {
    id: 'bad-ttl-zero',
    title: 'ttl=0',
    requirement: 'spec TempContentsPost 400 (INVALID_TTL)',
    status: 400,
    send: (t) => t.postContent(new Uint8Array(1), { ttl: 0 }),
  },
  {
    id: 'bad-ttl-text',
    title: 'ttl=abc',
    requirement: 'spec TempContentsPost 400 (INVALID_TTL)',
    status: 400,
    send: (t) => t.postContent(new Uint8Array(1), { ttl: 'abc' }),
  },
  {
    id: 'bad-ttl-max',
    title: 'ttl=259201',
    requirement: 'spec TempContentsPost 400 (INVALID_TTL)',
    status: 400,
    send: (t) => t.postContent(new Uint8Array(1), { ttl: 259201 }),
  },
  {
    id: 'bad-ttl-fraction',
    title: 'ttl=1.5',
    requirement: 'spec TempContentsPost 400 (INVALID_TTL)',
    status: 400,
    send: (t) => t.postContent(new Uint8Array(1), { ttl: '1.5' }),
  },
  {
    id: 'bad-filename',
    title: 'filename with a slash',
    requirement: 'spec TempContentsPost 400 (INVALID_FILENAME)',
    status: 400,
    send: (t) => t.postContent(new Uint8Array(1), { filename: 'a/b' }),
  },
  {
    id: 'bad-inline',
    title: 'inline=maybe',
    requirement: 'spec TempContentsGet 400 (inline enum)',
    status: 400,
    send: (t, id) => t.getContent(id, {}, '?inline=maybe'),
  },
  {
    id: 'unknown-content',
    title: 'GET an unknown id',
    requirement: 'spec TempContentsGet 404',
    status: 404,
    send: (t) => t.getContent(UNKNOWN_ID),
  },
  {
    id: 'unknown-details',
    title: 'details of an unknown id',
    requirement: 'spec TempContentsDetails 404',
    status: 404,
    send: (t) => t.details(UNKNOWN_ID),
  },
  {
    id: 'unknown-route',
    title: 'an unknown route',
    requirement: 'spec error envelope on every non-2xx (404)',
    status: 404,
    send: (t) =>
      t.send({
        operation: 'unknownRoute',
        method: 'GET',
        url: '/api/v1/temp-contents-no-such-route/x/y',
      }),
  },
  {
    id: 'method-not-allowed',
    title: 'PUT on a content',
    requirement: 'spec MethodNotAllowed 405 (with Allow)',
    status: 405,
    send: (t, id) =>
      t.send({
        operation: 'methodNotAllowed',
        method: 'PUT',
        url: contentPath(id),
        headers: { [HEADERS.contentType]: 'application/octet-stream' },
        body: new Uint8Array(1),
      }),
  },
  {
    id: 'range-416',
    title: 'an unsatisfiable Range',
    requirement: 'spec TempContentsGet 416 (RANGE_NOT_SATISFIABLE)',
    status: 416,
    send: (t, id) => t.getContent(id, { [HEADERS.range]: 'bytes=999999-' }),
  },
  {
    id: 'tus-412',
    title: 'tus POST with Tus-Resumable 0.1.0',
    requirement: 'spec postTus 412',
    status: 412,
    send: (t) => t.tusCreate({ [HEADERS.tusResumable]: '0.1.0', [HEADERS.uploadLength]: '1' }),
  },
  {
    id: 'tus-400-length',
    title: 'tus POST without Upload-Length or Upload-Defer-Length',
    requirement: 'spec postTus 400 (INVALID_UPLOAD_LENGTH)',
    status: 400,
    send: (t) => t.tusCreate({}),
  },
  {
    id: 'tus-400-metadata',
    title: 'tus POST with a bad ttl in Upload-Metadata',
    requirement: 'spec postTus 400 (INVALID_UPLOAD_METADATA)',
    status: 400,
    send: (t) =>
      t.tusCreate({
        [HEADERS.uploadLength]: '1',
        [HEADERS.uploadMetadata]: `ttl ${Buffer.from('0').toString('base64')}`,
      }),
  },
  {
    id: 'tus-404',
    title: 'tus PATCH on an unknown upload',
    requirement: 'spec patchTus 404',
    status: 404,
    send: (t) => t.tusPatch(`/api/v1/temp-contents/files/${UNKNOWN_ID}`, 0, new Uint8Array(1)),
  },
  {
    id: 'tus-415',
    title: 'tus PATCH with a wrong Content-Type',
    requirement: 'spec patchTus 415',
    status: 415,
    send: async (t) => {
      const created = await t.tusCreate({ [HEADERS.uploadLength]: '2' });
      const location =
        created.headers.get(HEADERS.location) ?? `/api/v1/temp-contents/files/${UNKNOWN_ID}`;
      return t.send({
        operation: 'patchTus',
        method: 'PATCH',
        url: location,
        headers: {
          [HEADERS.tusResumable]: TUS_VERSION,
          [HEADERS.contentType]: 'text/plain',
          [HEADERS.uploadOffset]: '0',
        },
        body: new Uint8Array(2),
      });
    },
  },
];

/**
 * The error envelope (`{errors:[{code,title,detail?}], traceId}` with application/json) on every
 * error: first on errors this suite provokes (one check each, with the expected status), then on
 * every error response any earlier suite of this run received (one check per operation+status).
 */
export async function errorsSuite(context: SuiteContext): Promise<void> {
  const { target, options } = context;
  let id = UNKNOWN_ID;
  try {
    id = (await uploadSeeded(target, options.seed, 10)).id;
  } catch {
    // The provocations that need a real content then fail on their own.
  }
  const ownStart = target.exchanges.length;
  const before = target.exchanges.slice(0, ownStart);
  for (const provocation of PROVOCATIONS) {
    await context.check(
      {
        id: provocation.id,
        title: `${provocation.title}: ${provocation.status} in the error envelope`,
        requirement: provocation.requirement,
      },
      async () => {
        const response = await provocation.send(target, id);
        expectStatus(response, provocation.status, provocation.title);
        const problems = errorEnvelopeProblems(response);
        if (problems.length > 0)
          fail(
            `${provocation.title} (${response.status}): error envelope broken: ${problems.join('; ')}`,
          );
        if (provocation.status === 405 && !response.headers.get('Allow'))
          fail('405 without an Allow header (RFC 9110 §15.5.6)');
      },
    );
  }

  // Everything the other suites provoked, grouped by operation and status.
  const groups = new Map<string, Exchange[]>();
  for (const exchange of before) {
    if (exchange.status < 400 || exchange.method === 'HEAD') continue;
    const key = `${exchange.operation} ${exchange.status}`;
    groups.set(key, [...(groups.get(key) ?? []), exchange]);
  }
  for (const [key, exchanges] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    await context.check(
      {
        id: `seen.${key.replace(' ', '.')}`,
        title: `${exchanges.length} error response(s) ${key} seen by other suites carry the envelope`,
        requirement: `spec ${key} (Errors schema, application/json)`,
      },
      async () => {
        for (const exchange of exchanges) {
          const problems = errorEnvelopeProblems(exchange);
          if (problems.length > 0) {
            fail(
              `${exchange.method} ${new URL(exchange.url).pathname} -> ${exchange.status}: error envelope broken: ${problems.join('; ')}`,
            );
          }
        }
      },
    );
  }
}
