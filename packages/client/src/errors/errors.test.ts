import { describe, expect, it } from 'vitest';
import { shouldRetryTus } from '../upload/tus-upload.js';
import { isErrorEnvelope, TempContentsError, toTempContentsError } from './errors.js';

const envelope = {
  errors: [{ code: 'INVALID_TTL', title: 'Invalid TTL', detail: 'ttl must be 1..259200' }],
  traceId: 'abc123',
};

describe('toTempContentsError', () => {
  it.each<[string, number, unknown, Partial<TempContentsError>]>([
    [
      'the envelope (parsed)',
      400,
      envelope,
      {
        code: 'INVALID_TTL',
        title: 'Invalid TTL',
        detail: 'ttl must be 1..259200',
        traceId: 'abc123',
      },
    ],
    [
      'the envelope (as text)',
      400,
      JSON.stringify(envelope),
      { code: 'INVALID_TTL', traceId: 'abc123' },
    ],
    [
      'no body, a status with one code',
      404,
      undefined,
      { code: 'NOT_FOUND', title: 'Not found', traceId: undefined },
    ],
    ['no body, 423', 423, undefined, { code: 'UPLOAD_LOCKED' }],
    ['no body, a status shared by codes', 400, undefined, { code: 'HTTP_400', title: 'HTTP 400' }],
    ['a proxy page', 502, '<html>Bad gateway</html>', { code: 'HTTP_502', detail: undefined }],
    ['JSON that is not an envelope', 500, { message: 'boom' }, { code: 'INTERNAL' }],
  ])('from %s', (_name, status, body, want) => {
    const error = toTempContentsError(new Response(null, { status }), body, 'GET');
    expect(error).toBeInstanceOf(TempContentsError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ status, ...want });
  });

  it('keeps every entry and the response headers', () => {
    const headers = new Headers({ 'Retry-After': '3' });
    const two = { errors: [...envelope.errors, { code: 'X', title: 'Y' }], traceId: 't' };
    const error = toTempContentsError(new Response(null, { status: 429, headers }), two);
    expect(error.errors).toHaveLength(2);
    expect(error.headers.get('Retry-After')).toBe('3');
  });
});

describe('isErrorEnvelope', () => {
  it.each([
    [envelope, true],
    [{ errors: [], traceId: 't' }, false],
    [{ errors: [{ code: 1, title: 'x' }] }, false],
    [{ errors: [{ code: 'A' }] }, false],
    ['text', false],
    [null, false],
  ])('%j -> %s', (value, want) => {
    expect(isErrorEnvelope(value)).toBe(want);
  });
});

describe('shouldRetryTus', () => {
  it.each([
    [0, true],
    [409, true],
    [423, true],
    [429, true],
    [500, true],
    [503, true],
    [400, false],
    [401, false],
    [404, false],
    [410, false],
    [412, false],
    [413, false],
  ])('status %d -> %s', (status, want) => {
    expect(shouldRetryTus(status)).toBe(want);
  });
});
