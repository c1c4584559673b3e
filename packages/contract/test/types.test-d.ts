import { describe, expectTypeOf, it } from 'vitest';
import type { DetailResponse, ErrorCode, ErrorEnvelope, operations, paths } from '../src/index.js';

describe('generated contract types', () => {
  it('types the details body as upstream does: Size is a string', () => {
    expectTypeOf<DetailResponse['Size']>().toEqualTypeOf<string>();
    expectTypeOf<DetailResponse['TTLSeconds']>().toEqualTypeOf<number>();
    const details = {} as DetailResponse;
    // @ts-expect-error -- Size is a decimal string, not a number
    const bytes: number = details.Size;
    void bytes;
  });

  it('exposes the upstream operations by operationId', () => {
    type DetailsOk =
      operations['TempContentsDetails']['responses'][200]['content']['application/json'];
    expectTypeOf<DetailsOk>().toEqualTypeOf<DetailResponse>();
    expectTypeOf<
      paths['/api/v1/temp-contents/{id}']['get']['parameters']['path']['id']
    >().toEqualTypeOf<string>();
    expectTypeOf<operations>().not.toHaveProperty('TempContentsDelete');
  });

  it('requires code and title in every error', () => {
    expectTypeOf<ErrorEnvelope['errors'][number]['code']>().toEqualTypeOf<string>();
    const code: ErrorCode = 'NOT_FOUND';
    void code;
    // @ts-expect-error -- not a code of the registry
    const wrong: ErrorCode = 'NOPE';
    void wrong;
  });
});
