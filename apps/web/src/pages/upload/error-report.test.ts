import { describe, expect, it } from 'vitest';
import { reportFromResponse } from './error-report.js';

describe('reportFromResponse', () => {
  it.each([
    [
      'the error envelope',
      401,
      '{"errors":[{"code":"UNAUTHORIZED","title":"Unauthorized","detail":"Invalid bearer token."}],"traceId":"abc"}',
      {
        status: 401,
        code: 'UNAUTHORIZED',
        title: 'Unauthorized',
        detail: 'Invalid bearer token.',
        traceId: 'abc',
      },
    ],
    [
      'an envelope without detail',
      410,
      '{"errors":[{"code":"GONE","title":"Gone"}],"traceId":"t"}',
      { status: 410, code: 'GONE', title: 'Gone', detail: undefined, traceId: 't' },
    ],
    [
      'a proxy page',
      502,
      '<html>Bad gateway</html>',
      {
        status: 502,
        code: undefined,
        title: 'HTTP 502',
        detail: '<html>Bad gateway</html>',
        traceId: undefined,
      },
    ],
    [
      'JSON that is not the envelope',
      500,
      '{"message":"boom"}',
      { status: 500, title: 'HTTP 500', detail: '{"message":"boom"}', traceId: undefined },
    ],
    ['an empty body', 503, '', { status: 503, title: 'HTTP 503', detail: undefined }],
    [
      'no response at all',
      0,
      undefined,
      { status: undefined, title: 'No response from the server', traceId: undefined },
    ],
  ])('reads %s', (_name, status, body, want) => {
    expect(reportFromResponse(status, body)).toMatchObject(want);
  });
});
