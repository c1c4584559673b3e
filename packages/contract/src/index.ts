/**
 * @temp-contents/contract: the OpenAPI contract as TypeScript. Everything typed here comes from
 * spec/temp-contents.yaml through openapi-typescript; nothing is written by hand but the
 * aliases and the constants (which a test checks against the spec).
 */
import type { components, operations, paths } from './generated/temp-contents.js';

export * from './constants.js';
export type { components, operations, paths, webhooks } from './generated/temp-contents.js';

type Schemas = components['schemas'];

/** Body of `GET /api/v1/temp-contents/{id}/details` (200) and of the plain upload's 201. */
export type DetailResponse = Schemas['DetailResponse'];
/** One entry of the error envelope. */
export type ApiErrorObject = Schemas['Error'];
/** The error envelope every non-2xx JSON response carries. */
export type ErrorEnvelope = Schemas['Errors'];

/** Query parameters of the plain upload (`TempContentsPost`). */
export type TempContentsPostQuery = NonNullable<
  operations['TempContentsPost']['parameters']['query']
>;
/** Query parameters of the download (`TempContentsGet`). */
export type TempContentsGetQuery = NonNullable<
  operations['TempContentsGet']['parameters']['query']
>;

export type ApiPath = keyof paths;
