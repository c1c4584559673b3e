import { describe, expect, it } from 'vitest';
import {
  API_PATHS,
  ERROR_REGISTRY,
  RATE_LIMIT_PER_MINUTE,
  TTL_SECONDS,
  TUS_CHECKSUM_ALGORITHMS,
  TUS_EXTENSIONS,
  TUS_VERSION,
} from '../src/index.js';
import { loadSpec } from './spec-document.js';

const spec = loadSpec();
const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'] as const;

function operationsOf(doc: any): Array<{ path: string; method: string; op: any }> {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    methods.flatMap((method) =>
      (item as any)[method] ? [{ path, method, op: (item as any)[method] }] : [],
    ),
  );
}

function deref(node: any): any {
  if (node && typeof node.$ref === 'string') {
    const target = node.$ref
      .replace(/^#\//, '')
      .split('/')

      .reduce((at: any, key: string) => at[key], spec);
    return deref(target);
  }
  return node;
}

function ttlQueryParameter() {
  const post = spec.paths[API_PATHS.contents].post;

  return post.parameters.map(deref).find((p: any) => p.name === 'ttl' && p.in === 'query');
}

describe('constants agree with spec/temp-contents.yaml', () => {
  it('TTL default, minimum and maximum match the ttl query parameter', () => {
    const schema = ttlQueryParameter().schema;
    expect({ default: schema.default, min: schema.minimum, max: schema.maximum }).toEqual(
      TTL_SECONDS,
    );
  });

  it('TTLSeconds in DetailResponse has the same bounds', () => {
    const ttl = spec.components.schemas.DetailResponse.properties.TTLSeconds;
    expect([ttl.minimum, ttl.maximum]).toEqual([TTL_SECONDS.min, TTL_SECONDS.max]);
  });

  it('every API path constant is a path of the spec, and every spec path has a constant', () => {
    expect(Object.values(API_PATHS).sort()).toEqual(Object.keys(spec.paths).sort());
  });

  it('the tus version and extensions are the ones the spec documents', () => {
    const text = JSON.stringify(spec);
    expect(text).toContain(TUS_VERSION);
    for (const extension of TUS_EXTENSIONS) expect(text).toContain(extension);
  });

  it('the checksum algorithms are the ones Upload-Checksum accepts and OPTIONS lists', () => {
    const parameter = spec.components.parameters.UploadChecksumRequest;
    expect(parameter.schema.pattern).toBe(
      `^(${TUS_CHECKSUM_ALGORITHMS.join('|')}) [A-Za-z0-9+/]+={0,2}$`,
    );
    expect(spec.components.headers.TusChecksumAlgorithm.example).toBe(
      TUS_CHECKSUM_ALGORITHMS.join(','),
    );
  });

  it('error registry and spec registry list the same codes with the same status and title', () => {
    expect(ERROR_REGISTRY).toEqual(spec['x-error-registry']);
  });

  it('error registry codes are exactly the ErrorCode enum', () => {
    expect(Object.keys(ERROR_REGISTRY).sort()).toEqual(
      [...spec.components.schemas.ErrorCode.enum].sort(),
    );
  });

  it('every registry code is documented: its status on an operation, or by name on a shared response', () => {
    const declared = new Set<string>(
      operationsOf(spec).flatMap(({ op }) => Object.keys(op.responses ?? {})),
    );
    const sharedDescriptions = Object.values(spec.components.responses ?? {})
      .map((response: any) => String(response.description ?? ''))
      .join('\n');
    const undocumented = Object.entries(ERROR_REGISTRY)
      .filter(
        ([code, { status }]) => !declared.has(String(status)) && !sharedDescriptions.includes(code),
      )
      .map(([code]) => code);
    expect(undocumented).toEqual([]);
  });

  it.each(operationsOf(spec).filter(({ op }) => op['x-rate-limit']))(
    'rate limit of $method $path matches its tier',
    ({ op }) => {
      const { tier, limit } = op['x-rate-limit'];
      expect(RATE_LIMIT_PER_MINUTE[String(tier) as keyof typeof RATE_LIMIT_PER_MINUTE]).toBe(limit);
    },
  );
});
