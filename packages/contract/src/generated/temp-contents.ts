/**
 * GENERATED FILE - DO NOT EDIT.
 * Source: spec/temp-contents.yaml, rendered by openapi-typescript.
 * Change the spec, then run `pnpm generate`; CI fails when this file drifts.
 */

export interface paths {
    "/api/v1/temp-contents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upload a file
         * @description Stores the request body as a new temporary content in a single request
         *     and answers `201 Created` with a relative `Location`
         *     (`/api/v1/temp-contents/{id}`) and the content's details as JSON.
         *
         *     The body is stored byte for byte. The server does not look at the
         *     request's `Content-Type`; any type is accepted and nothing is
         *     transcoded. An empty body is a valid, zero-byte content.
         *
         *     `filename` becomes the content's `Name` (empty when omitted) and the
         *     name offered on download. `ttl` sets the lifetime in seconds, counted
         *     from now. An invalid `filename` or `ttl` answers 400
         *     (`INVALID_FILENAME`, `INVALID_TTL`); a body larger than the
         *     configured maximum answers 413.
         */
        post: operations["TempContentsPost"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/temp-contents/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The temporary content's id. Unknown, malformed or other-tenant ids answer 404. */
                id: components["parameters"]["ContentId"];
            };
            cookie?: never;
        };
        /**
         * Download a file
         * @description Sends the bytes of a complete content. A content whose tus upload is
         *     not finished answers `204 No Content`; an expired one `410 Gone`; an
         *     unknown, malformed or other-tenant id `404 Not Found`.
         *
         *     `Content-Disposition` is `attachment` unless `inline` is `1` or
         *     `true`. A name that is plain printable ASCII (no `"`, `\` or `%`)
         *     is sent as `filename="<name>"` alone; any other is sent twice
         *     (RFC 6266): exactly, as `filename*=UTF-8''<percent-encoded>`, first,
         *     and as an ASCII fallback `filename="..."` last, for clients that
         *     read only the last `filename` parameter.
         *
         *     **Byte ranges** (RFC 9110 §14). Only the `bytes` unit is supported and
         *     only a single range is served:
         *
         *     - `bytes=a-b`, `bytes=a-` and `bytes=-n` select one range; an end past
         *       the last byte is clamped to `size-1` and a suffix longer than the
         *       content selects all of it. The answer is `206 Partial Content` with
         *       `Content-Range: bytes a-b/size`.
         *     - A single range that cannot be satisfied (first byte `>= size`, or
         *       the suffix `-0`) answers `416 Range Not Satisfiable` with
         *       `Content-Range: bytes *\/size` and the JSON error envelope
         *       (`RANGE_NOT_SATISFIABLE`).
         *     - A syntactically invalid `Range`, a unit other than `bytes`, or more
         *       than one range is ignored: the full content is sent with `200`.
         *       RFC 9110 allows a server to ignore `Range`; this server never
         *       produces `multipart/byteranges`.
         *     - For a zero-byte content, a suffix range `bytes=-n` is ignored
         *       (`200` with an empty body) because no `Content-Range` can describe
         *       zero bytes, while `bytes=0-` (or any first byte) is unsatisfiable
         *       (`416`).
         *
         *     **If-Range.** The range is applied only when `If-Range` is a strong
         *     ETag equal to the current `ETag`, or an HTTP-date equal to
         *     `Last-Modified`; otherwise (weak ETag, other value) the full content
         *     is sent with `200`.
         */
        get: operations["TempContentsGet"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        /**
         * Read the download headers of a file
         * @description Same as `TempContentsGet`, including `inline`, `Range` and `If-Range`
         *     handling and the choice of status, but no response has a body: the
         *     headers describe what the `GET` would send. Error statuses are
         *     reported without the JSON envelope.
         */
        head: operations["TempContentsHead"];
        patch?: never;
        trace?: never;
    };
    "/api/v1/temp-contents/{id}/details": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The temporary content's id. Unknown, malformed or other-tenant ids answer 404. */
                id: components["parameters"]["ContentId"];
            };
            cookie?: never;
        };
        /**
         * Retrieve file details
         * @description Returns the metadata of a complete content. A content whose tus upload
         *     is not finished answers `204 No Content`; an expired one `410 Gone`;
         *     an unknown, malformed or other-tenant id `404 Not Found`.
         */
        get: operations["TempContentsDetails"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/temp-contents/files": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a new upload resource (tus)
         * @description Creates a tus upload (`creation` extension) and answers `201 Created`
         *     with the upload's absolute URL in `Location`
         *     (`<origin>/api/v1/temp-contents/files/{id}`). The same id later serves
         *     the finished content at `/api/v1/temp-contents/{id}`; until the last
         *     byte arrives those endpoints answer `204`.
         *
         *     Give the total size in `Upload-Length`, or send
         *     `Upload-Defer-Length: 1` and provide `Upload-Length` in a later
         *     `PATCH` (`creation-defer-length`). Exactly one of the two is
         *     required; sending neither, or both, answers 400.
         *
         *     Bytes may be sent with the creation request itself
         *     (`creation-with-upload`, body typed `application/offset+octet-stream`);
         *     the 201 then reports how many were stored in `Upload-Offset`.
         *
         *     `Upload-Expires` tells when the upload (and the content) expires: the
         *     TTL counts from this request, not from the end of the upload.
         *
         *     **Concatenation** (`concatenation`, `concatenation-unfinished`): send
         *     `Upload-Concat: partial` to create a partial upload (otherwise an
         *     ordinary upload), and `Upload-Concat: final;<url> <url> ...` to
         *     create a final upload from partial uploads of the same tenant, in
         *     that order. A final upload takes no `Upload-Length`,
         *     `Upload-Defer-Length` or body: its length is the sum of its partials'.
         *     Its partials may still be unfinished (but their lengths must be
         *     known): the final upload's content becomes downloadable, under its
         *     own id and with its own `Upload-Metadata` (`filename`, `ttl`), once
         *     the last partial is complete. Its bytes are a copy: partials expire
         *     with their own TTL and the final content keeps its bytes. A URL that
         *     is not an upload of this server, an unknown, expired or other
         *     tenant's upload (indistinguishable), an upload that is not a
         *     partial one, a partial listed twice, or a partial whose length is
         *     deferred answers 400 (`INVALID_UPLOAD_CONCAT`); a sum above
         *     `Tus-Max-Size` answers 413.
         */
        post: operations["postTus"];
        delete?: never;
        /**
         * Discover the tus configuration
         * @description Reports the tus versions and extensions this server supports, the
         *     checksum algorithms it verifies and the largest upload it accepts.
         *     Needs no token and no `Tus-Resumable` request header. Answers `200`
         *     with no body (tus allows 200 or 204; 200 is what the reference server
         *     sends and what several clients and test tools expect).
         */
        options: operations["optionsTus"];
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/temp-contents/files/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The upload's id, the last path segment of the `Location` returned by `postTus`. It is also the content's id once the upload is complete. */
                id: components["parameters"]["UploadId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Terminate an upload (tus)
         * @description Deletes the upload and its bytes (`termination` extension), finished
         *     or not. The same id then answers `404` everywhere, including
         *     `/api/v1/temp-contents/{id}`. All or nothing: `507` means the server
         *     had no room to record the deletion and nothing was deleted; retry
         *     later.
         */
        delete: operations["deleteTus"];
        options?: never;
        /**
         * Read the offset of an upload (tus)
         * @description Reports how many bytes of the upload the server holds
         *     (`Upload-Offset`), so a client can resume after an interruption.
         *     `Upload-Length` is present once the total size is known, otherwise
         *     `Upload-Defer-Length: 1`. The response is never cached
         *     (`Cache-Control: no-store`) and never has a body, errors included.
         *
         *     Partial and final uploads (`concatenation`) echo `Upload-Concat`. A
         *     final upload reports `Upload-Offset` (equal to `Upload-Length`) only
         *     once it is complete: while one of its partials is unfinished
         *     (`concatenation-unfinished`) the header is absent. A final upload
         *     one of whose partials expired or was terminated before it was
         *     complete can never complete: its `HEAD` answers 410.
         */
        head: operations["headTus"];
        /**
         * Apply bytes at a given offset (tus)
         * @description Appends the request body to the upload. `Upload-Offset` must equal the
         *     number of bytes the server already holds (see `headTus`); otherwise
         *     the answer is `409 Conflict` and nothing is written. The body must be
         *     typed `application/offset+octet-stream` (otherwise 415) and must not
         *     run past `Upload-Length` (otherwise 413). For a deferred-length upload,
         *     the first `PATCH` that knows the total size sends `Upload-Length`.
         *
         *     On success the answer is `204` with the new `Upload-Offset`. When the
         *     offset reaches `Upload-Length` the upload is complete and the content
         *     becomes downloadable under the same id. A `409` carries the server's
         *     current `Upload-Offset`, so the client can continue from there.
         *
         *     With `Upload-Checksum: <algorithm> <Base64 digest>` (`checksum`
         *     extension; algorithms in `Tus-Checksum-Algorithm`) the server
         *     receives the whole body, then compares its digest: on a mismatch it
         *     answers `460` (`CHECKSUM_MISMATCH`) and stores nothing, the offset
         *     stays where it was and the same chunk can be sent again. An algorithm
         *     the server does not offer, or a malformed value, answers `400`
         *     (`INVALID_UPLOAD_CHECKSUM`), also without storing anything. The
         *     checksum may instead follow a chunked body as an HTTP trailer
         *     (`checksum-trailer`): send `Trailer: Upload-Checksum` with the
         *     request and `Upload-Checksum` after the last chunk, with the same
         *     rules; a promised trailer that never comes answers `400`.
         *
         *     A final upload (`concatenation`) is made of its partials: a `PATCH`
         *     on it answers 403 (`FORBIDDEN`).
         *
         *     Only one request may work on an upload at a time. A request that
         *     arrives while another holds the upload's lock (for example a `HEAD`
         *     during a `PATCH`, or a retry while the server still processes a
         *     dropped connection) answers `423 Locked`; retry after a short wait,
         *     starting with `HEAD` to learn the offset.
         */
        patch: operations["patchTus"];
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness probe
         * @description Answers 200 while the process is running and able to serve HTTP. Does not check storage.
         */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness probe
         * @description Answers 200 when the storage backends (disk or object store, metadata
         *     index, and Redis when configured) answer, so the instance can take
         *     traffic; 503 otherwise, and while shutting down.
         */
        get: operations["getReady"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics
         * @description The instance's metrics in the Prometheus text exposition format
         *     (version 0.0.4): requests and their duration per operationId and
         *     status, bytes received and sent, uploads in progress, tus lock waits,
         *     rate-limit rejections, expiry sweeps, free space of the data
         *     directory, and the Node.js process. Each replica answers for itself.
         *     Off unless the deployment sets `TC_METRICS=on`; until then `404`
         *     (`NOT_FOUND`, as for an unknown path). A deployment that sets
         *     `TC_METRICS_TOKEN` requires `Authorization: Bearer <that token>`
         *     (API tokens do not apply here).
         */
        get: operations["getMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Upload page
         * @description An HTML page for people: paste a token, drop files, pick a TTL, and
         *     upload them with tus (progress, pause, resume, resume after a reload),
         *     then download, preview or copy the link of each content. The page
         *     needs no token to load; it sends the pasted one with each API call.
         *     Its scripts and styles are served by this server under `/ui/`
         *     (content-hashed names, not operations of this document); the page
         *     loads nothing from another origin.
         */
        get: operations["getUploadPage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/docs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Interactive API reference
         * @description This document rendered as an interactive reference (Swagger UI,
         *     served by this server). "Try it out" sends requests to the server
         *     that served the page, with the token given in "Authorize".
         */
        get: operations["getApiReference"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.yaml": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * This document, as YAML
         * @description The OpenAPI document of this server, byte for byte the one it was built from.
         */
        get: operations["getOpenApiYaml"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * This document, as JSON
         * @description The same OpenAPI document as `/openapi.yaml`, converted to JSON when the server was built.
         */
        get: operations["getOpenApiJson"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * @description Metadata of a temporary content. Upstream names this schema
         *     `detailResponse`; the JSON is the same, only the component name is
         *     capitalised so generated types read well. Every field is always
         *     present.
         */
        DetailResponse: {
            /**
             * @description The content's id (the same for a plain upload and a tus upload).
             * @example 6f1d2c3b4a594e8d9c7b6a5f4e3d2c1b
             */
            ID: string;
            /**
             * @description The file name given at upload; empty when none was given.
             * @example report.csv
             */
            Name: string;
            /**
             * @description Size in bytes as a decimal string (as upstream). A string because
             *     sizes are 64-bit and JSON numbers lose precision above 2^53 in
             *     JavaScript clients.
             * @example 1234
             */
            Size: string;
            /**
             * Format: date-time
             * @description When the content expires (`CreatedAt` + `TTLSeconds`), RFC 3339 in UTC.
             * @example 2025-01-01T13:00:00Z
             */
            Expires: string;
            /**
             * Format: date-time
             * @description When the content (or its tus upload) was created, RFC 3339 in UTC.
             * @example 2025-01-01T12:00:00Z
             */
            CreatedAt: string;
            /**
             * @description Subject of the token that created the content.
             * @example user-42
             */
            CreatorID: string;
            /**
             * Format: date-time
             * @description When bytes were last stored, RFC 3339 in UTC.
             * @example 2025-01-01T12:00:05Z
             */
            UpdatedAt: string;
            /**
             * @description Time-to-live in seconds, counted from `CreatedAt`.
             * @example 3600
             */
            TTLSeconds: number;
        };
        /** @description One error. */
        Error: {
            /**
             * @description Machine-readable error code. This server's codes are listed in `ErrorCode`; other deployments may use others.
             * @example NOT_FOUND
             */
            code: string;
            /**
             * @description Short human-readable summary of the kind of error.
             * @example Not found
             */
            title: string;
            /**
             * @description Human-readable explanation of this occurrence.
             * @example No temporary content with this id.
             */
            detail?: string;
            /** @description Additional information about the error. */
            meta?: {
                /** @description Locale of `title` and `detail`. */
                locale?: string;
                /** @description Category of the error. */
                errorType?: string;
                /** @description Underlying errors; never contains stack traces in production. */
                sourceErrors?: string;
            };
        };
        /** @description The error envelope sent with every error that has a body. */
        Errors: {
            /** @description The errors; at least one. */
            errors: components["schemas"]["Error"][];
            /**
             * @description Identifier of this request in the server's logs and traces.
             * @example 4bf92f3577b34da6a3ce929d0e0e4736
             */
            traceId: string;
        };
        /**
         * @description The error codes this server emits in `Error.code`, one per entry of
         *     the root-level `x-error-registry` (which gives each code's HTTP
         *     status and title). `Error.code` does not reference this schema so
         *     that codes from other deployments still validate.
         * @enum {string}
         */
        ErrorCode: "INVALID_REQUEST" | "INVALID_TTL" | "INVALID_FILENAME" | "INVALID_UPLOAD_CONCAT" | "INVALID_UPLOAD_OFFSET" | "INVALID_UPLOAD_LENGTH" | "INVALID_UPLOAD_METADATA" | "INVALID_UPLOAD_CHECKSUM" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "OFFSET_MISMATCH" | "GONE" | "TUS_VERSION_UNSUPPORTED" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "RANGE_NOT_SATISFIABLE" | "UPLOAD_LOCKED" | "RATE_LIMITED" | "CHECKSUM_MISMATCH" | "INTERNAL" | "UNAVAILABLE" | "HTTP_VERSION_NOT_SUPPORTED" | "INSUFFICIENT_STORAGE";
        /**
         * @description An RFC 9110 IMF-fixdate, e.g. `Wed, 01 Jan 2025 13:00:00 GMT`.
         * @example Wed, 01 Jan 2025 13:00:00 GMT
         */
        HttpDate: string;
        /**
         * @description An OpenAPI 3.1 document (this one). Typed as an object for YAML too:
         *     a YAML document is a structure, as the JSON one is, and tools that
         *     read `application/yaml` parse it.
         */
        OpenApiDocument: {
            openapi: string;
            info: Record<string, never>;
            paths: Record<string, never>;
        };
        /** @description Probe result. */
        HealthStatus: {
            /** @enum {string} */
            status: "ok";
        };
    };
    responses: {
        /**
         * @description The page. Served with a strict `Content-Security-Policy` (this
         *     origin only), `X-Content-Type-Options: nosniff` and
         *     `Cache-Control: no-cache` (revalidated with the `ETag`).
         */
        ServicePage: {
            headers: {
                ETag: components["headers"]["ServicePageETag"];
                [name: string]: unknown;
            };
            content: {
                "text/html": string;
            };
        };
        /** @description The copy the client holds (`If-None-Match`) is current. */
        NotModified: {
            headers: {
                ETag: components["headers"]["ServicePageETag"];
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description The whole content. */
        ContentFull: {
            headers: {
                "Content-Length": components["headers"]["ContentLength"];
                "Content-Type": components["headers"]["ContentType"];
                "Accept-Ranges": components["headers"]["AcceptRanges"];
                ETag: components["headers"]["ETag"];
                "Last-Modified": components["headers"]["LastModified"];
                "Content-Disposition": components["headers"]["ContentDisposition"];
                "X-Content-Type-Options": components["headers"]["XContentTypeOptions"];
                "Cache-Control": components["headers"]["CacheControl"];
                [name: string]: unknown;
            };
            content: {
                "*/*": string;
            };
        };
        /** @description One byte range of the content. */
        ContentPartial: {
            headers: {
                "Content-Range": components["headers"]["ContentRange"];
                "Content-Length": components["headers"]["ContentLength"];
                "Content-Type": components["headers"]["ContentType"];
                "Accept-Ranges": components["headers"]["AcceptRanges"];
                ETag: components["headers"]["ETag"];
                "Last-Modified": components["headers"]["LastModified"];
                "Content-Disposition": components["headers"]["ContentDisposition"];
                "X-Content-Type-Options": components["headers"]["XContentTypeOptions"];
                "Cache-Control": components["headers"]["CacheControl"];
                [name: string]: unknown;
            };
            content: {
                "*/*": string;
            };
        };
        /** @description Headers of the whole content; no body. */
        HeadContentFull: {
            headers: {
                "Content-Length": components["headers"]["ContentLength"];
                "Content-Type": components["headers"]["ContentType"];
                "Accept-Ranges": components["headers"]["AcceptRanges"];
                ETag: components["headers"]["ETag"];
                "Last-Modified": components["headers"]["LastModified"];
                "Content-Disposition": components["headers"]["ContentDisposition"];
                "X-Content-Type-Options": components["headers"]["XContentTypeOptions"];
                "Cache-Control": components["headers"]["CacheControl"];
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description Headers of one byte range of the content; no body. */
        HeadContentPartial: {
            headers: {
                "Content-Range": components["headers"]["ContentRange"];
                "Content-Length": components["headers"]["ContentLength"];
                "Content-Type": components["headers"]["ContentType"];
                "Accept-Ranges": components["headers"]["AcceptRanges"];
                ETag: components["headers"]["ETag"];
                "Last-Modified": components["headers"]["LastModified"];
                "Content-Disposition": components["headers"]["ContentDisposition"];
                "X-Content-Type-Options": components["headers"]["XContentTypeOptions"];
                "Cache-Control": components["headers"]["CacheControl"];
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description The content is incomplete (its tus upload has not received every byte yet); no body. */
        ContentIncomplete: {
            headers: {
                [name: string]: unknown;
            };
            content?: never;
        };
        /**
         * @description Only where the deployment sets `TC_S3_DOWNLOAD=redirect`: the bytes
         *     are served by the object store at `Location`, a presigned URL valid
         *     for a few minutes that answers with the same `Content-Type` and
         *     `Content-Disposition`. Repeat the request there, `Range` included,
         *     without the `Authorization` header. No body.
         */
        ContentRedirect: {
            headers: {
                Location: components["headers"]["RedirectLocation"];
                /** @description The presigned URL expires; the redirect must not be cached. */
                "Cache-Control": "no-store";
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description Bad request; a parameter or header is invalid (`INVALID_REQUEST`, `INVALID_TTL`, `INVALID_FILENAME`). */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Errors"];
            };
        };
        /** @description Missing, expired or invalid bearer token (`UNAUTHORIZED`). */
        Unauthorized: {
            headers: {
                "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Errors"];
            };
        };
        /** @description The token is valid but may not perform this operation (`FORBIDDEN`). */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Errors"];
            };
        };
        /** @description No such content for this tenant, or a malformed id (`NOT_FOUND`). */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Errors"];
            };
        };
        /**
         * @description The path exists but not with this method (`METHOD_NOT_ALLOWED`). Sent
         *     for any method not documented on a path; carries `Allow`.
         */
        MethodNotAllowed: {
            headers: {
                /** @description Comma-separated methods the path supports. */
                Allow: string;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Errors"];
            };
        };
        /**
         * @description The request line names an HTTP version other than 1.0 or 1.1
         *     (`HTTP_VERSION_NOT_SUPPORTED`). Sent for any path, like 405; HTTP/2
         *     is served only where a proxy in front speaks it.
         */
        HttpVersionNotSupported: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Errors"];
            };
        };
        /** @description The content has expired (`GONE`). */
        Gone: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Errors"];
            };
        };
        /** @description The body is larger than the configured maximum (`PAYLOAD_TOO_LARGE`). */
        PayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Errors"];
            };
        };
        /** @description The single requested range starts at or past the end of the content (`RANGE_NOT_SATISFIABLE`). */
        RangeNotSatisfiable: {
            headers: {
                "Content-Range": components["headers"]["ContentRangeUnsatisfied"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Errors"];
            };
        };
        /** @description Rate limit exceeded for this tenant and subject (`RATE_LIMITED`). */
        TooManyRequests: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                "RateLimit-Reset": components["headers"]["RateLimitReset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Errors"];
            };
        };
        /** @description Unexpected server error (`INTERNAL`). The `traceId` appears in the server log. */
        InternalError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Errors"];
            };
        };
        /** @description A storage backend is unreachable, or the server is shutting down (`UNAVAILABLE`). */
        Unavailable: {
            headers: {
                "Retry-After": components["headers"]["RetryAfterOptional"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Errors"];
            };
        };
        /** @description The store has no room for the bytes (`INSUFFICIENT_STORAGE`). */
        InsufficientStorage: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Errors"];
            };
        };
        /** @description Bad request (`inline` is invalid); no body. */
        HeadBadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description Missing, expired or invalid bearer token; no body. */
        HeadUnauthorized: {
            headers: {
                "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description The token may not perform this operation; no body. */
        HeadForbidden: {
            headers: {
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description No such content for this tenant; no body. */
        HeadNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description The content has expired; no body. */
        HeadGone: {
            headers: {
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description The single requested range cannot be satisfied; no body. */
        HeadRangeNotSatisfiable: {
            headers: {
                "Content-Range": components["headers"]["ContentRangeUnsatisfied"];
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description Rate limit exceeded; no body. */
        HeadTooManyRequests: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                "RateLimit-Reset": components["headers"]["RateLimitReset"];
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description Unexpected server error; no body. */
        HeadInternalError: {
            headers: {
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description A storage backend is unreachable; no body. */
        HeadUnavailable: {
            headers: {
                "Retry-After": components["headers"]["RetryAfterOptional"];
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description Invalid tus request (`INVALID_UPLOAD_OFFSET`, `INVALID_UPLOAD_LENGTH`, `INVALID_UPLOAD_METADATA`, `INVALID_UPLOAD_CHECKSUM`, `INVALID_UPLOAD_CONCAT`, `INVALID_REQUEST`). */
        TusBadRequest: {
            headers: {
                "Tus-Resumable": components["headers"]["TusResumable"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Errors"];
            };
        };
        /** @description Missing, expired or invalid bearer token (`UNAUTHORIZED`). */
        TusUnauthorized: {
            headers: {
                "Tus-Resumable": components["headers"]["TusResumable"];
                "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Errors"];
            };
        };
        /** @description The token may not perform this operation, or a `PATCH` targets a final upload of the `concatenation` extension (`FORBIDDEN`). */
        TusForbidden: {
            headers: {
                "Tus-Resumable": components["headers"]["TusResumable"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Errors"];
            };
        };
        /** @description No such upload for this tenant (`NOT_FOUND`). */
        TusNotFound: {
            headers: {
                "Tus-Resumable": components["headers"]["TusResumable"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Errors"];
            };
        };
        /** @description `Upload-Offset` differs from the server's offset; nothing was written (`OFFSET_MISMATCH`). `Upload-Offset` tells where to continue. */
        TusConflict: {
            headers: {
                "Tus-Resumable": components["headers"]["TusResumable"];
                "Upload-Offset": components["headers"]["UploadOffsetConflict"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Errors"];
            };
        };
        /** @description The upload has expired (`GONE`). */
        TusGone: {
            headers: {
                "Tus-Resumable": components["headers"]["TusResumable"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Errors"];
            };
        };
        /** @description Unsupported `Tus-Resumable` version (`TUS_VERSION_UNSUPPORTED`); `Tus-Version` lists the supported ones. */
        TusPreconditionFailed: {
            headers: {
                "Tus-Resumable": components["headers"]["TusResumable"];
                "Tus-Version": components["headers"]["TusVersion"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Errors"];
            };
        };
        /** @description `Upload-Length` exceeds `Tus-Max-Size`, or the body would run past `Upload-Length` (`PAYLOAD_TOO_LARGE`). */
        TusPayloadTooLarge: {
            headers: {
                "Tus-Resumable": components["headers"]["TusResumable"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Errors"];
            };
        };
        /** @description The body is not typed `application/offset+octet-stream` (`UNSUPPORTED_MEDIA_TYPE`). */
        TusUnsupportedMediaType: {
            headers: {
                "Tus-Resumable": components["headers"]["TusResumable"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Errors"];
            };
        };
        /** @description Another request is working on this upload (`UPLOAD_LOCKED`); retry later, starting with `HEAD`. */
        TusLocked: {
            headers: {
                "Tus-Resumable": components["headers"]["TusResumable"];
                "Retry-After": components["headers"]["RetryAfterOptional"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Errors"];
            };
        };
        /** @description The body does not match `Upload-Checksum`; nothing was written and the offset is unchanged (`CHECKSUM_MISMATCH`). Send the chunk again. */
        TusChecksumMismatch: {
            headers: {
                "Tus-Resumable": components["headers"]["TusResumable"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Errors"];
            };
        };
        /** @description Rate limit exceeded for this tenant and subject (`RATE_LIMITED`). */
        TusTooManyRequests: {
            headers: {
                "Tus-Resumable": components["headers"]["TusResumable"];
                "Retry-After": components["headers"]["RetryAfter"];
                "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                "RateLimit-Reset": components["headers"]["RateLimitReset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Errors"];
            };
        };
        /** @description Unexpected server error (`INTERNAL`). */
        TusInternalError: {
            headers: {
                "Tus-Resumable": components["headers"]["TusResumable"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Errors"];
            };
        };
        /** @description A storage backend is unreachable, or the server is shutting down (`UNAVAILABLE`). */
        TusUnavailable: {
            headers: {
                "Tus-Resumable": components["headers"]["TusResumable"];
                "Retry-After": components["headers"]["RetryAfterOptional"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Errors"];
            };
        };
        /** @description The store has no room for the bytes (`INSUFFICIENT_STORAGE`). */
        TusInsufficientStorage: {
            headers: {
                "Tus-Resumable": components["headers"]["TusResumable"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Errors"];
            };
        };
        /** @description Missing, expired or invalid bearer token; no body. */
        TusHeadUnauthorized: {
            headers: {
                "Tus-Resumable": components["headers"]["TusResumable"];
                "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description The token may not perform this operation; no body. */
        TusHeadForbidden: {
            headers: {
                "Tus-Resumable": components["headers"]["TusResumable"];
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description No such upload for this tenant; no body. */
        TusHeadNotFound: {
            headers: {
                "Tus-Resumable": components["headers"]["TusResumable"];
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description The upload has expired; no body. */
        TusHeadGone: {
            headers: {
                "Tus-Resumable": components["headers"]["TusResumable"];
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description Unsupported `Tus-Resumable` version; no body. */
        TusHeadPreconditionFailed: {
            headers: {
                "Tus-Resumable": components["headers"]["TusResumable"];
                "Tus-Version": components["headers"]["TusVersion"];
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description Another request is working on this upload; no body. */
        TusHeadLocked: {
            headers: {
                "Tus-Resumable": components["headers"]["TusResumable"];
                "Retry-After": components["headers"]["RetryAfterOptional"];
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description Rate limit exceeded; no body. */
        TusHeadTooManyRequests: {
            headers: {
                "Tus-Resumable": components["headers"]["TusResumable"];
                "Retry-After": components["headers"]["RetryAfter"];
                "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                "RateLimit-Reset": components["headers"]["RateLimitReset"];
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description Unexpected server error; no body. */
        TusHeadInternalError: {
            headers: {
                "Tus-Resumable": components["headers"]["TusResumable"];
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description A storage backend is unreachable; no body. */
        TusHeadUnavailable: {
            headers: {
                "Tus-Resumable": components["headers"]["TusResumable"];
                "Retry-After": components["headers"]["RetryAfterOptional"];
                [name: string]: unknown;
            };
            content?: never;
        };
    };
    parameters: {
        /** @description The temporary content's id. Unknown, malformed or other-tenant ids answer 404. */
        ContentId: string;
        /** @description The upload's id, the last path segment of the `Location` returned by `postTus`. It is also the content's id once the upload is complete. */
        UploadId: string;
        /**
         * @description Name of the file, stored as `Name` and offered on download. Up to 255
         *     bytes once UTF-8 encoded (`maxLength` counts characters, the nearest
         *     JSON Schema can express, so a shorter string of multi-byte characters
         *     can still be too long); no control characters (U+0000 to U+001F,
         *     U+007F) and no `/` or `\`. An empty value is the same as no
         *     `filename` (clients that pass an empty string send `filename=`). An
         *     invalid value answers 400 (`INVALID_FILENAME`).
         * @example report.csv
         */
        Filename: string;
        /** @description Time-to-live in seconds, counted from creation; at most 259200 (3 days). An invalid value answers 400 (`INVALID_TTL`). */
        Ttl: number;
        /** @description `1` or `true` sends `Content-Disposition: inline` (for a browser preview); `0`, `false`, an empty value or no value sends `attachment`. Any other value answers 400 (`INVALID_REQUEST`). */
        Inline: "" | "0" | "1" | "true" | "false";
        /** @description A byte range request such as `bytes=0-99`, `bytes=100-` or `bytes=-100`. Values this server does not serve are ignored rather than rejected; see the operation description. */
        Range: string;
        /** @description A strong ETag or an HTTP-date. `Range` is applied only if it still matches the content's `ETag` or `Last-Modified`; otherwise the full content is sent. */
        IfRange: string;
        /** @description The tus protocol version the client speaks. `1.0.0` is the only supported version; anything else answers 412 with `Tus-Version`. */
        TusResumableRequest: "1.0.0";
        /**
         * @description Total size of the upload in bytes. Required unless
         *     `Upload-Defer-Length: 1` is sent (OpenAPI cannot express "one of two
         *     headers", hence `required: false`); sending neither or both answers
         *     400 (`INVALID_UPLOAD_LENGTH`). A size above `Tus-Max-Size` answers 413.
         */
        UploadLengthRequest: number;
        /** @description `1` when the total size is not known yet (`creation-defer-length`); it is then sent with a later `PATCH`. */
        UploadDeferLengthRequest: 1;
        /**
         * @description Comma-separated `key value` pairs; keys are unique ASCII strings
         *     without spaces or commas, values are Base64-encoded (a key may also
         *     appear without a value). Keys used by this server, all others being
         *     ignored:
         *
         *     - `filename`: the file's name, with the same rules as the `filename`
         *       query parameter of `TempContentsPost`.
         *     - `ttl`: time-to-live in seconds, 1 to 259200, default 3600, counted
         *       from the creation request (not from the end of the upload). The
         *       value may be Base64-encoded (as tus requires) or, for convenience,
         *       a plain decimal number.
         *
         *     A malformed header or an invalid `filename`/`ttl` answers 400
         *     (`INVALID_UPLOAD_METADATA`).
         * @example filename cmVwb3J0LmNzdg==,ttl NjAw
         */
        UploadMetadataRequest: string;
        /**
         * @description `partial` creates a partial upload; `final;<url> <url> ...` creates
         *     a final upload, the concatenation of the listed partial uploads in
         *     order (`concatenation`; they may be unfinished:
         *     `concatenation-unfinished`). Each URL is an upload URL of this
         *     server, absolute (as in `Location`) or a path
         *     (`/api/v1/temp-contents/files/{id}`). A final upload takes no
         *     `Upload-Length`. Invalid values and partials answer 400
         *     (`INVALID_UPLOAD_CONCAT`).
         * @example partial
         */
        UploadConcatRequest: string;
        /** @description Byte offset at which the body starts; must equal the server's current offset (otherwise 409, `OFFSET_MISMATCH`). */
        UploadOffsetRequest: number;
        /** @description Total size of a deferred-length upload, sent once (when known). Ignored if equal to an already known length; a different value answers 400 (`INVALID_UPLOAD_LENGTH`). */
        UploadLengthPatch: number;
        /**
         * @description `checksum` extension: the algorithm (one of `Tus-Checksum-Algorithm`:
         *     `sha1`, `sha256`, `md5`), a space, and the Base64-encoded digest of
         *     this request's body. A mismatch answers 460 (`CHECKSUM_MISMATCH`);
         *     another algorithm or a malformed value answers 400
         *     (`INVALID_UPLOAD_CHECKSUM`). In both cases nothing is stored.
         * @example sha1 Kq5sNclPz7QV2+lfQIuc6R7oRu0=
         */
        UploadChecksumRequest: string;
        /**
         * @description `checksum-trailer` extension: `Upload-Checksum` announces that the
         *     checksum follows the chunked body as a trailer (same format and rules
         *     as the `Upload-Checksum` header). A promised trailer that does not
         *     arrive answers 400 (`INVALID_UPLOAD_CHECKSUM`).
         */
        TrailerRequest: "Upload-Checksum";
        /** @description Must be `application/offset+octet-stream`; anything else answers 415. Kept as a parameter for upstream compatibility; it duplicates the request body's media type. */
        PatchContentType: "application/offset+octet-stream";
        /** @description Standard HTTP `Content-Length` of the body, normally set by the HTTP client. */
        PatchContentLength: number;
    };
    requestBodies: never;
    headers: {
        /** @description Strong entity tag of the file (send it in `If-None-Match` to get 304). */
        ServicePageETag: string;
        /**
         * @description Relative URL of the new content, `/api/v1/temp-contents/{id}`.
         * @example /api/v1/temp-contents/6f1d2c3b4a594e8d9c7b6a5f4e3d2c1b
         */
        ContentLocation: string;
        /** @description Absolute, presigned URL of the bytes in the object store; valid for a few minutes. */
        RedirectLocation: string;
        /**
         * @description Absolute URL of the new upload, `<origin>/api/v1/temp-contents/files/{id}`; send `HEAD`, `PATCH` and `DELETE` there.
         * @example http://localhost:8080/api/v1/temp-contents/files/6f1d2c3b4a594e8d9c7b6a5f4e3d2c1b
         */
        UploadLocation: string;
        /** @description Number of bytes in the body (of the full body a `GET` would send, for `HEAD`). */
        ContentLength: number;
        /** @description The media type of the content. The server does not keep the upload's `Content-Type`; it sends `application/octet-stream`, or a type derived from the file name's extension. */
        ContentType: string;
        /** @description Byte ranges are supported. */
        AcceptRanges: "bytes";
        /** @description Strong entity tag of the content (usable in `If-Range`). */
        ETag: string;
        /** @description When the last byte of the content was stored, as an HTTP-date. */
        LastModified: components["schemas"]["HttpDate"];
        /**
         * @description RFC 6266 disposition: `attachment` (default) or `inline` (query
         *     `inline=1|true`), followed, when the content has a name, by
         *     `filename="<name>"` for a plain ASCII name, or by the exact name as
         *     `filename*=UTF-8''<percent-encoded UTF-8>` and then an ASCII fallback
         *     `filename="..."` for any other.
         * @example attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf; filename="resume.pdf"
         */
        ContentDisposition: string;
        /** @description Tells browsers not to guess a different media type than `Content-Type`. */
        XContentTypeOptions: "nosniff";
        /** @description Caching directives. Contents are private to a tenant, so shared caches must not store them. */
        CacheControl: string;
        /** @description tus `HEAD` responses must not be cached. */
        CacheControlNoStore: "no-store";
        /**
         * @description The range sent, `bytes <first>-<last>/<size>`.
         * @example bytes 0-99/1234
         */
        ContentRange: string;
        /**
         * @description The content's size, for an unsatisfiable range, `bytes *\/<size>`.
         * @example bytes *\/1234
         */
        ContentRangeUnsatisfied: string;
        /** @description The authentication challenge, always for the `Bearer` scheme (RFC 6750), e.g. `Bearer realm="temp-contents", error="invalid_token"`. */
        WWWAuthenticate: string;
        /** @description Seconds to wait before retrying. */
        RetryAfter: string;
        /** @description Seconds to wait before retrying, when the server can tell. */
        RetryAfterOptional: string;
        /** @description Requests allowed in the current window. */
        RateLimitLimit: number;
        /** @description Requests left in the current window. */
        RateLimitRemaining: number;
        /** @description Seconds until the window resets. */
        RateLimitReset: number;
        /** @description The tus protocol version of the response, always `1.0.0`. */
        TusResumable: "1.0.0";
        /**
         * @description Comma-separated tus versions the server supports, preferred first.
         * @example 1.0.0
         */
        TusVersion: string;
        /**
         * @description Comma-separated tus extensions the server supports.
         * @example creation,creation-with-upload,creation-defer-length,expiration,termination,checksum,checksum-trailer,concatenation,concatenation-unfinished
         */
        TusExtension: string;
        /**
         * @description Comma-separated checksum algorithms the server verifies in `Upload-Checksum` (`checksum` extension).
         * @example sha1,sha256,md5
         */
        TusChecksumAlgorithm: string;
        /** @description The number of bytes of the upload the server holds, where the next `PATCH` must start. */
        UploadOffsetConflict: number;
        /** @description Largest upload the server accepts, in bytes (present when a limit is configured). */
        TusMaxSize: number;
        /** @description Number of bytes of the upload the server holds. */
        UploadOffset: number;
        /**
         * @description Number of bytes of the upload the server holds. Always present,
         *     except for a final upload (`concatenation`) that is not complete yet:
         *     then it is absent (`concatenation-unfinished`).
         */
        UploadOffsetHead: number;
        /**
         * @description `partial` for a partial upload; `final;` followed by the URLs of its
         *     partial uploads, space-separated, as sent at creation, for a final
         *     upload (`concatenation`). Absent for other uploads.
         * @example final;/api/v1/temp-contents/files/0f3b6c1e9a8d4b2c8e7f6a5d4c3b2a19 /api/v1/temp-contents/files/7e6d5c4b3a2918f7e6d5c4b3a2918f7e
         */
        UploadConcat: string;
        /** @description Number of bytes stored, present when the creation request carried a body (`creation-with-upload`). */
        UploadOffsetAfterCreation: number;
        /** @description Total size of the upload in bytes, once known. */
        UploadLength: number;
        /** @description `1` while the total size of the upload is not known. */
        UploadDeferLength: 1;
        /** @description The `Upload-Metadata` sent at creation, as stored. */
        UploadMetadata: string;
        /** @description When the upload and its content expire (`expiration` extension), as an RFC 9110 IMF-fixdate. */
        UploadExpires: components["schemas"]["HttpDate"];
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    TempContentsPost: {
        parameters: {
            query?: {
                /**
                 * @description Name of the file, stored as `Name` and offered on download. Up to 255
                 *     bytes once UTF-8 encoded (`maxLength` counts characters, the nearest
                 *     JSON Schema can express, so a shorter string of multi-byte characters
                 *     can still be too long); no control characters (U+0000 to U+001F,
                 *     U+007F) and no `/` or `\`. An empty value is the same as no
                 *     `filename` (clients that pass an empty string send `filename=`). An
                 *     invalid value answers 400 (`INVALID_FILENAME`).
                 * @example report.csv
                 */
                filename?: components["parameters"]["Filename"];
                /** @description Time-to-live in seconds, counted from creation; at most 259200 (3 days). An invalid value answers 400 (`INVALID_TTL`). */
                ttl?: components["parameters"]["Ttl"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The raw bytes of the file. Any `Content-Type` is accepted; zero bytes is valid, and a request without a body stores an empty file. */
        requestBody?: {
            content: {
                "application/octet-stream": string;
            };
        };
        responses: {
            /** @description Created. The content is complete and can be downloaded at `Location`. */
            201: {
                headers: {
                    Location: components["headers"]["ContentLocation"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DetailResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
            507: components["responses"]["InsufficientStorage"];
        };
    };
    TempContentsGet: {
        parameters: {
            query?: {
                /** @description `1` or `true` sends `Content-Disposition: inline` (for a browser preview); `0`, `false`, an empty value or no value sends `attachment`. Any other value answers 400 (`INVALID_REQUEST`). */
                inline?: components["parameters"]["Inline"];
            };
            header?: {
                /** @description A byte range request such as `bytes=0-99`, `bytes=100-` or `bytes=-100`. Values this server does not serve are ignored rather than rejected; see the operation description. */
                Range?: components["parameters"]["Range"];
                /** @description A strong ETag or an HTTP-date. `Range` is applied only if it still matches the content's `ETag` or `Last-Modified`; otherwise the full content is sent. */
                "If-Range"?: components["parameters"]["IfRange"];
            };
            path: {
                /** @description The temporary content's id. Unknown, malformed or other-tenant ids answer 404. */
                id: components["parameters"]["ContentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["ContentFull"];
            204: components["responses"]["ContentIncomplete"];
            206: components["responses"]["ContentPartial"];
            307: components["responses"]["ContentRedirect"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            410: components["responses"]["Gone"];
            416: components["responses"]["RangeNotSatisfiable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    TempContentsHead: {
        parameters: {
            query?: {
                /** @description `1` or `true` sends `Content-Disposition: inline` (for a browser preview); `0`, `false`, an empty value or no value sends `attachment`. Any other value answers 400 (`INVALID_REQUEST`). */
                inline?: components["parameters"]["Inline"];
            };
            header?: {
                /** @description A byte range request such as `bytes=0-99`, `bytes=100-` or `bytes=-100`. Values this server does not serve are ignored rather than rejected; see the operation description. */
                Range?: components["parameters"]["Range"];
                /** @description A strong ETag or an HTTP-date. `Range` is applied only if it still matches the content's `ETag` or `Last-Modified`; otherwise the full content is sent. */
                "If-Range"?: components["parameters"]["IfRange"];
            };
            path: {
                /** @description The temporary content's id. Unknown, malformed or other-tenant ids answer 404. */
                id: components["parameters"]["ContentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["HeadContentFull"];
            204: components["responses"]["ContentIncomplete"];
            206: components["responses"]["HeadContentPartial"];
            400: components["responses"]["HeadBadRequest"];
            401: components["responses"]["HeadUnauthorized"];
            403: components["responses"]["HeadForbidden"];
            404: components["responses"]["HeadNotFound"];
            410: components["responses"]["HeadGone"];
            416: components["responses"]["HeadRangeNotSatisfiable"];
            429: components["responses"]["HeadTooManyRequests"];
            500: components["responses"]["HeadInternalError"];
            503: components["responses"]["HeadUnavailable"];
        };
    };
    TempContentsDetails: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The temporary content's id. Unknown, malformed or other-tenant ids answer 404. */
                id: components["parameters"]["ContentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The content's metadata. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DetailResponse"];
                };
            };
            204: components["responses"]["ContentIncomplete"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            410: components["responses"]["Gone"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    postTus: {
        parameters: {
            query?: never;
            header: {
                /** @description The tus protocol version the client speaks. `1.0.0` is the only supported version; anything else answers 412 with `Tus-Version`. */
                "Tus-Resumable": components["parameters"]["TusResumableRequest"];
                /**
                 * @description Total size of the upload in bytes. Required unless
                 *     `Upload-Defer-Length: 1` is sent (OpenAPI cannot express "one of two
                 *     headers", hence `required: false`); sending neither or both answers
                 *     400 (`INVALID_UPLOAD_LENGTH`). A size above `Tus-Max-Size` answers 413.
                 */
                "Upload-Length"?: components["parameters"]["UploadLengthRequest"];
                /** @description `1` when the total size is not known yet (`creation-defer-length`); it is then sent with a later `PATCH`. */
                "Upload-Defer-Length"?: components["parameters"]["UploadDeferLengthRequest"];
                /**
                 * @description Comma-separated `key value` pairs; keys are unique ASCII strings
                 *     without spaces or commas, values are Base64-encoded (a key may also
                 *     appear without a value). Keys used by this server, all others being
                 *     ignored:
                 *
                 *     - `filename`: the file's name, with the same rules as the `filename`
                 *       query parameter of `TempContentsPost`.
                 *     - `ttl`: time-to-live in seconds, 1 to 259200, default 3600, counted
                 *       from the creation request (not from the end of the upload). The
                 *       value may be Base64-encoded (as tus requires) or, for convenience,
                 *       a plain decimal number.
                 *
                 *     A malformed header or an invalid `filename`/`ttl` answers 400
                 *     (`INVALID_UPLOAD_METADATA`).
                 * @example filename cmVwb3J0LmNzdg==,ttl NjAw
                 */
                "Upload-Metadata"?: components["parameters"]["UploadMetadataRequest"];
                /**
                 * @description `partial` creates a partial upload; `final;<url> <url> ...` creates
                 *     a final upload, the concatenation of the listed partial uploads in
                 *     order (`concatenation`; they may be unfinished:
                 *     `concatenation-unfinished`). Each URL is an upload URL of this
                 *     server, absolute (as in `Location`) or a path
                 *     (`/api/v1/temp-contents/files/{id}`). A final upload takes no
                 *     `Upload-Length`. Invalid values and partials answer 400
                 *     (`INVALID_UPLOAD_CONCAT`).
                 * @example partial
                 */
                "Upload-Concat"?: components["parameters"]["UploadConcatRequest"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description Optional first bytes of the upload (`creation-with-upload`). */
        requestBody?: {
            content: {
                "application/offset+octet-stream": string;
            };
        };
        responses: {
            /** @description Upload created. */
            201: {
                headers: {
                    Location: components["headers"]["UploadLocation"];
                    "Tus-Resumable": components["headers"]["TusResumable"];
                    "Upload-Expires": components["headers"]["UploadExpires"];
                    "Upload-Offset": components["headers"]["UploadOffsetAfterCreation"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["TusBadRequest"];
            401: components["responses"]["TusUnauthorized"];
            403: components["responses"]["TusForbidden"];
            412: components["responses"]["TusPreconditionFailed"];
            413: components["responses"]["TusPayloadTooLarge"];
            415: components["responses"]["TusUnsupportedMediaType"];
            429: components["responses"]["TusTooManyRequests"];
            460: components["responses"]["TusChecksumMismatch"];
            500: components["responses"]["TusInternalError"];
            503: components["responses"]["TusUnavailable"];
            507: components["responses"]["TusInsufficientStorage"];
        };
    };
    optionsTus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The server's tus capabilities; no body. */
            200: {
                headers: {
                    "Tus-Resumable": components["headers"]["TusResumable"];
                    "Tus-Version": components["headers"]["TusVersion"];
                    "Tus-Extension": components["headers"]["TusExtension"];
                    "Tus-Max-Size": components["headers"]["TusMaxSize"];
                    "Tus-Checksum-Algorithm": components["headers"]["TusChecksumAlgorithm"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            429: components["responses"]["TusTooManyRequests"];
        };
    };
    deleteTus: {
        parameters: {
            query?: never;
            header: {
                /** @description The tus protocol version the client speaks. `1.0.0` is the only supported version; anything else answers 412 with `Tus-Version`. */
                "Tus-Resumable": components["parameters"]["TusResumableRequest"];
            };
            path: {
                /** @description The upload's id, the last path segment of the `Location` returned by `postTus`. It is also the content's id once the upload is complete. */
                id: components["parameters"]["UploadId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Upload terminated. */
            204: {
                headers: {
                    "Tus-Resumable": components["headers"]["TusResumable"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["TusUnauthorized"];
            403: components["responses"]["TusForbidden"];
            404: components["responses"]["TusNotFound"];
            410: components["responses"]["TusGone"];
            412: components["responses"]["TusPreconditionFailed"];
            423: components["responses"]["TusLocked"];
            429: components["responses"]["TusTooManyRequests"];
            500: components["responses"]["TusInternalError"];
            503: components["responses"]["TusUnavailable"];
            507: components["responses"]["TusInsufficientStorage"];
        };
    };
    headTus: {
        parameters: {
            query?: never;
            header: {
                /** @description The tus protocol version the client speaks. `1.0.0` is the only supported version; anything else answers 412 with `Tus-Version`. */
                "Tus-Resumable": components["parameters"]["TusResumableRequest"];
            };
            path: {
                /** @description The upload's id, the last path segment of the `Location` returned by `postTus`. It is also the content's id once the upload is complete. */
                id: components["parameters"]["UploadId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The upload's current state. */
            200: {
                headers: {
                    "Upload-Offset": components["headers"]["UploadOffsetHead"];
                    "Upload-Concat": components["headers"]["UploadConcat"];
                    "Upload-Length": components["headers"]["UploadLength"];
                    "Upload-Defer-Length": components["headers"]["UploadDeferLength"];
                    "Upload-Metadata": components["headers"]["UploadMetadata"];
                    "Upload-Expires": components["headers"]["UploadExpires"];
                    "Cache-Control": components["headers"]["CacheControlNoStore"];
                    "Tus-Resumable": components["headers"]["TusResumable"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["TusHeadUnauthorized"];
            403: components["responses"]["TusHeadForbidden"];
            404: components["responses"]["TusHeadNotFound"];
            410: components["responses"]["TusHeadGone"];
            412: components["responses"]["TusHeadPreconditionFailed"];
            423: components["responses"]["TusHeadLocked"];
            429: components["responses"]["TusHeadTooManyRequests"];
            500: components["responses"]["TusHeadInternalError"];
            503: components["responses"]["TusHeadUnavailable"];
        };
    };
    patchTus: {
        parameters: {
            query?: never;
            header: {
                /** @description Must be `application/offset+octet-stream`; anything else answers 415. Kept as a parameter for upstream compatibility; it duplicates the request body's media type. */
                "Content-Type": components["parameters"]["PatchContentType"];
                /** @description The tus protocol version the client speaks. `1.0.0` is the only supported version; anything else answers 412 with `Tus-Version`. */
                "Tus-Resumable": components["parameters"]["TusResumableRequest"];
                /** @description Byte offset at which the body starts; must equal the server's current offset (otherwise 409, `OFFSET_MISMATCH`). */
                "Upload-Offset": components["parameters"]["UploadOffsetRequest"];
                /** @description Standard HTTP `Content-Length` of the body, normally set by the HTTP client. */
                "Content-Length"?: components["parameters"]["PatchContentLength"];
                /** @description Total size of a deferred-length upload, sent once (when known). Ignored if equal to an already known length; a different value answers 400 (`INVALID_UPLOAD_LENGTH`). */
                "Upload-Length"?: components["parameters"]["UploadLengthPatch"];
                /**
                 * @description `checksum` extension: the algorithm (one of `Tus-Checksum-Algorithm`:
                 *     `sha1`, `sha256`, `md5`), a space, and the Base64-encoded digest of
                 *     this request's body. A mismatch answers 460 (`CHECKSUM_MISMATCH`);
                 *     another algorithm or a malformed value answers 400
                 *     (`INVALID_UPLOAD_CHECKSUM`). In both cases nothing is stored.
                 * @example sha1 Kq5sNclPz7QV2+lfQIuc6R7oRu0=
                 */
                "Upload-Checksum"?: components["parameters"]["UploadChecksumRequest"];
                /**
                 * @description `checksum-trailer` extension: `Upload-Checksum` announces that the
                 *     checksum follows the chunked body as a trailer (same format and rules
                 *     as the `Upload-Checksum` header). A promised trailer that does not
                 *     arrive answers 400 (`INVALID_UPLOAD_CHECKSUM`).
                 */
                Trailer?: components["parameters"]["TrailerRequest"];
            };
            path: {
                /** @description The upload's id, the last path segment of the `Location` returned by `postTus`. It is also the content's id once the upload is complete. */
                id: components["parameters"]["UploadId"];
            };
            cookie?: never;
        };
        /** @description The bytes to append, starting at `Upload-Offset`. The whole remainder of the file or any part of it. */
        requestBody: {
            content: {
                "application/offset+octet-stream": string;
            };
        };
        responses: {
            /** @description Bytes stored. */
            204: {
                headers: {
                    "Upload-Offset": components["headers"]["UploadOffset"];
                    "Tus-Resumable": components["headers"]["TusResumable"];
                    "Upload-Expires": components["headers"]["UploadExpires"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["TusBadRequest"];
            401: components["responses"]["TusUnauthorized"];
            403: components["responses"]["TusForbidden"];
            404: components["responses"]["TusNotFound"];
            409: components["responses"]["TusConflict"];
            410: components["responses"]["TusGone"];
            412: components["responses"]["TusPreconditionFailed"];
            413: components["responses"]["TusPayloadTooLarge"];
            415: components["responses"]["TusUnsupportedMediaType"];
            423: components["responses"]["TusLocked"];
            429: components["responses"]["TusTooManyRequests"];
            460: components["responses"]["TusChecksumMismatch"];
            500: components["responses"]["TusInternalError"];
            503: components["responses"]["TusUnavailable"];
            507: components["responses"]["TusInsufficientStorage"];
        };
    };
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The process is alive. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthStatus"];
                };
            };
            500: components["responses"]["InternalError"];
        };
    };
    getReady: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready to serve requests. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthStatus"];
                };
            };
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The current metrics. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain; version=0.0.4": string;
                };
            };
            401: components["responses"]["Unauthorized"];
            /** @description Metrics are switched off on this deployment (`NOT_FOUND`, as for an unknown path). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Errors"];
                };
            };
            500: components["responses"]["InternalError"];
        };
    };
    getUploadPage: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["ServicePage"];
            304: components["responses"]["NotModified"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getApiReference: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["ServicePage"];
            304: components["responses"]["NotModified"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getOpenApiYaml: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The OpenAPI document. */
            200: {
                headers: {
                    ETag: components["headers"]["ServicePageETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/yaml": components["schemas"]["OpenApiDocument"];
                };
            };
            304: components["responses"]["NotModified"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getOpenApiJson: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The OpenAPI document. */
            200: {
                headers: {
                    ETag: components["headers"]["ServicePageETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenApiDocument"];
                };
            };
            304: components["responses"]["NotModified"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
}
