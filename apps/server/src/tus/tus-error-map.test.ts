import { ERRORS } from '@tus/utils';
import { describe, expect, it } from 'vitest';
import { mapTusError } from './tus-error-map.js';

const diskFull = Object.assign(new Error('ENOSPC: no space left on device, write'), {
  code: 'ENOSPC',
});

describe('mapTusError', () => {
  it.each([
    {
      name: 'a full disk during a PATCH',
      status: 500,
      thrown: diskFull,
      code: 'INSUFFICIENT_STORAGE',
    },
    {
      name: 'lock timeout (500 in @tus/server)',
      status: 500,
      thrown: ERRORS.ERR_LOCK_TIMEOUT,
      code: 'UPLOAD_LOCKED',
    },
    {
      name: 'missing Upload-Offset (403 in @tus/server)',
      status: 403,
      thrown: ERRORS.MISSING_OFFSET,
      code: 'INVALID_UPLOAD_OFFSET',
    },
    {
      name: 'wrong PATCH Content-Type (403 in @tus/server)',
      status: 403,
      thrown: ERRORS.INVALID_CONTENT_TYPE,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    },
    {
      name: '412 written without throwing',
      status: 412,
      thrown: undefined,
      code: 'TUS_VERSION_UNSUPPORTED',
    },
    { name: 'an unknown 4xx', status: 418, thrown: undefined, code: 'INVALID_REQUEST' },
    { name: 'an unknown failure', status: 500, thrown: new Error('boom'), code: 'INTERNAL' },
  ])('$name -> $code', ({ status, thrown, code }) => {
    const error = mapTusError(status, thrown);
    expect(error.code).toBe(code);
    expect(error.detail ?? '').not.toContain('boom');
  });
});
