import { API_PATHS, type OperationId } from '@temp-contents/contract';
import type { FastifyRequest } from 'fastify';
import { effectiveMethod } from '../tus/tus-preconditions.js';

/** The `operation` label of requests no route of ours took: unknown paths, CORS preflights. */
export const UNMATCHED = 'unmatched';

/**
 * `METHOD path` -> operationId, as spec/temp-contents.yaml declares them (operation-ids.test.ts
 * compares the two both ways). The operationId, not the URL, labels request metrics: ids in
 * paths would make one series per content.
 */
export const OPERATION_IDS: Readonly<Record<string, OperationId>> = {
  [`POST ${API_PATHS.contents}`]: 'TempContentsPost',
  [`GET ${API_PATHS.content}`]: 'TempContentsGet',
  [`HEAD ${API_PATHS.content}`]: 'TempContentsHead',
  [`GET ${API_PATHS.details}`]: 'TempContentsDetails',
  [`OPTIONS ${API_PATHS.tusFiles}`]: 'optionsTus',
  [`POST ${API_PATHS.tusFiles}`]: 'postTus',
  [`HEAD ${API_PATHS.tusFile}`]: 'headTus',
  [`PATCH ${API_PATHS.tusFile}`]: 'patchTus',
  [`DELETE ${API_PATHS.tusFile}`]: 'deleteTus',
  [`GET ${API_PATHS.health}`]: 'getHealth',
  [`GET ${API_PATHS.ready}`]: 'getReady',
  [`GET ${API_PATHS.metrics}`]: 'getMetrics',
  [`GET ${API_PATHS.uploadPage}`]: 'getUploadPage',
  [`GET ${API_PATHS.apiReference}`]: 'getApiReference',
  [`GET ${API_PATHS.openapiYaml}`]: 'getOpenApiYaml',
  [`GET ${API_PATHS.openapiJson}`]: 'getOpenApiJson',
};

/** Operations whose requests carry content bytes: `tc_uploads_in_progress` counts them. */
export const UPLOAD_OPERATIONS: ReadonlySet<string> = new Set<OperationId>([
  'TempContentsPost',
  'postTus',
  'patchTus',
]);

/**
 * The operationId a request was routed to. tus routes honour `X-HTTP-Method-Override` (a
 * tunnelled PATCH is `patchTus`); a HEAD the spec does not list (Fastify answers HEAD for every
 * GET route) counts as its GET.
 */
export function operationIdOf(request: FastifyRequest): string {
  const url = request.routeOptions.url;
  if (url === undefined) return UNMATCHED;
  // Fastify's `:id` is the spec's `{id}`.
  const path = url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
  const method = path.startsWith(API_PATHS.tusFiles)
    ? effectiveMethod(request.method, request.headers)
    : request.method;
  return (
    OPERATION_IDS[`${method} ${path}`] ??
    (method === 'HEAD' ? OPERATION_IDS[`GET ${path}`] : undefined) ??
    UNMATCHED
  );
}
