import type { Socket } from 'node:net';
import cors from '@fastify/cors';
import type { Locker } from '@tus/utils';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import { authPlugin } from './auth/auth-plugin.js';
import type { ServerConfig } from './config/server-config.js';
import { type Clock, ContentService } from './contents/content-service.js';
import { ApiError } from './errors/api-error.js';
import { answerClientError, answerConnect } from './errors/client-error.js';
import { answerFrameworkError, registerErrorHandling } from './errors/error-handler.js';
import { newTraceId } from './errors/trace-id.js';
import { ExpirySweeper } from './expiry/expiry-sweeper.js';
import { orderPipelinedRequests } from './http/pipelined-order.js';
import { enableMetrics } from './metrics/metrics-plugin.js';
import { MemoryCounterStore, type RateLimitCounterStore } from './rate-limit/counter-store.js';
import { rateLimitPlugin } from './rate-limit/rate-limit-plugin.js';
import { healthRoutes } from './routes/health.js';
import { tempContentsDetailsRoute } from './routes/temp-contents-details.js';
import { tempContentsGetRoute } from './routes/temp-contents-get.js';
import { tempContentsPostRoute } from './routes/temp-contents-post.js';
import { webUiRoutes } from './routes/web-ui.js';
import type { ContentStore } from './storage/content-store.js';
import { FileContentStore } from './storage/file-content-store.js';
import { tusRoutes } from './tus/tus-routes.js';

export interface AppDeps {
  /** Defaults to the embedded store in `config.dataDir`. Closed when the app closes. */
  store?: ContentStore;
  clock?: Clock;
  rateLimitCounters?: RateLimitCounterStore;
  /** Upload locks shared by replicas; defaults to @tus/server's in-process MemoryLocker. */
  locker?: Locker;
  /** Connections the backend opened besides the store (locker, counters); closed after it. */
  resources?: ReadonlyArray<{ close(): Promise<void> }>;
  /** A pino destination for tests that inspect log lines. */
  logStream?: NodeJS.WritableStream;
}

declare module 'fastify' {
  interface FastifyInstance {
    contentStore: ContentStore;
    contentService: ContentService;
    expirySweeper: ExpirySweeper;
  }
}

/** Headers browsers may read from cross-origin responses (downloads, tus, limits). */
const EXPOSED_HEADERS = [
  'Location',
  'Content-Disposition',
  'Content-Range',
  'Content-Length',
  'Accept-Ranges',
  'ETag',
  'Last-Modified',
  'Upload-Offset',
  'Upload-Length',
  'Upload-Metadata',
  'Upload-Expires',
  'Upload-Defer-Length',
  'Upload-Concat',
  'Tus-Resumable',
  'Tus-Version',
  'Tus-Extension',
  'Tus-Max-Size',
  'Tus-Checksum-Algorithm',
  'Retry-After',
  'RateLimit-Limit',
  'RateLimit-Remaining',
  'RateLimit-Reset',
];

/**
 * The whole service as a Fastify instance, not listening (tests use `inject` or listen on an
 * ephemeral port; main.ts listens). Layout: error handling, probes and pages at the root; every API
 * route, tus included, in one scope behind auth and rate limits.
 */
export function buildApp(config: ServerConfig, deps: AppDeps = {}): FastifyInstance {
  const app: FastifyInstance = Fastify({
    logger: {
      level: config.logLevel,
      // Tokens never reach the log, whatever serializer a future change adds.
      redact: {
        paths: ['req.headers.authorization', 'headers.authorization', 'authorization'],
        censor: '[redacted]',
      },
      ...(deps.logStream === undefined ? {} : { stream: deps.logStream }),
    },
    genReqId: newTraceId,
    // The request id is the traceId of error envelopes; one completion line per request
    // (the onResponse hook below) replaces Fastify's two default lines.
    logController: new LogController({ requestIdLogLabel: 'traceId', disableRequestLogging: true }),
    // Fastify accepts a hop count at runtime (request.js) though its types omit it.
    trustProxy: config.trustProxy as boolean | string[],
    // Our own onRequest hook answers 503 in the envelope while closing.
    return503OnClosing: false,
    // Uploads can take long; the server must not cut a slow but healthy client. A silent one is
    // cut by the idle timeout (socket inactivity, Node's server.timeout).
    requestTimeout: 0,
    connectionTimeout: config.idleTimeoutMs,
    routerOptions: { ignoreTrailingSlash: false },
    // Requests Node's parser rejects still get the error envelope.
    clientErrorHandler: answerClientError,
    // ...and so do those Fastify's router rejects (malformed escapes, over-long parameters).
    frameworkErrors: answerFrameworkError,
    // Node would answer a request without Host with a bare 400; the onRequest hook below
    // answers it in the envelope instead.
    http: { requireHostHeader: false },
  });

  // First of all hooks: every request is measured, whatever a later hook answers (TC_METRICS).
  const metrics = enableMetrics(app, config);
  const store = deps.store ?? new FileContentStore(config.dataDir);
  // One set of counters (memory, or Redis shared by replicas) for rate limits and failed logins.
  const counters = deps.rateLimitCounters ?? new MemoryCounterStore();
  // The app's one service and one clock: every route, tus included, and the sweeper use them.
  const service = new ContentService(store, deps.clock);
  const sweeper = new ExpirySweeper({
    service,
    intervalMs: config.sweepIntervalMs,
    log: app.log,
    observer: metrics,
  });
  app.decorate('contentStore', store);
  app.decorate('contentService', service);
  app.decorate('expirySweeper', sweeper);

  // Then: a connection's pipelined requests run one after the other.
  orderPipelinedRequests(app);

  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  // RFC 9110 §10.1.1: a server MAY answer an unknown expectation with 417; Node would, with an
  // empty body. Serving the request as if the header were absent keeps every answer in the
  // envelope (`100-continue` is still handled by Node itself).
  app.server.on('checkExpectation', (req, res) => app.server.emit('request', req, res));
  app.server.on('connect', (_req, socket) => answerConnect(app.log, socket as Socket));

  app.addHook('onRequest', async (request) => {
    // Node's parser accepts any `HTTP/x.y` request line and serves it as HTTP/1; a client that
    // speaks another version must hear that it is not served here (RFC 9110 §15.6.6).
    if (request.raw.httpVersionMajor !== 1) {
      throw new ApiError(
        'HTTP_VERSION_NOT_SUPPORTED',
        `HTTP/${request.raw.httpVersion} is not served here; use HTTP/1.1.`,
        { connection: 'close' },
      );
    }
    // RFC 9112 §3.2: "A server MUST respond with a 400 (Bad Request) status code to any
    // HTTP/1.1 request message that lacks a Host header field".
    if (request.headers.host === undefined && request.raw.httpVersion === '1.1') {
      throw new ApiError('INVALID_REQUEST', 'An HTTP/1.1 request must carry a Host header.');
    }
    if (closing) {
      throw new ApiError('UNAVAILABLE', 'The server is shutting down.', {
        connection: 'close',
        'retry-after': '1',
      });
    }
  });
  // During a graceful shutdown, connections of requests still in flight must end with their
  // response, or server.close() would wait for keep-alive timeouts.
  app.addHook('onSend', async (_request, reply, payload) => {
    if (closing) reply.header('connection', 'close');
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    if (closing) setImmediate(() => app.server.closeIdleConnections());
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url,
        url: request.url,
        status: reply.statusCode,
        reqBytes: numberHeader(request.headers['content-length']),
        resBytes: numberHeader(reply.getHeader('content-length')),
        durationMs: Math.round(reply.elapsedTime),
        tenant: request.principal?.tenant,
      },
      'request completed',
    );
  });

  registerErrorHandling(app);

  if (config.corsOrigins.length > 0) {
    app.register(cors, {
      origin: config.corsOrigins.includes('*') ? '*' : config.corsOrigins,
      methods: ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE', 'OPTIONS'],
      allowedHeaders: [
        'Authorization',
        'Content-Type',
        'Range',
        'If-Range',
        'Upload-Offset',
        'Upload-Length',
        'Upload-Metadata',
        'Upload-Defer-Length',
        'Upload-Concat',
        'Upload-Checksum',
        'Tus-Resumable',
        'X-HTTP-Method-Override',
        'X-Requested-With',
      ],
      exposedHeaders: EXPOSED_HEADERS,
      maxAge: 600,
    });
  }

  app.register(healthRoutes, { service, isClosing: () => closing });
  // The upload page, the API reference and the raw spec: no token (the pages send one).
  app.register(webUiRoutes);

  app.register(async (api) => {
    // Rate-limit windows are counted on the app's clock too.
    const now = () => service.clock().getTime();
    await api.register(authPlugin, {
      auth: config.auth,
      ...(config.rateLimit.enabled
        ? {
            failedAuth: {
              counters,
              limit: config.rateLimit.failedAuthLimit,
              windowMs: config.rateLimit.windowMs,
              now,
              onRejected: () => metrics?.rateLimited('failed-auth'),
            },
          }
        : {}),
    });
    await api.register(rateLimitPlugin, {
      rateLimit: config.rateLimit,
      counters,
      now,
      onRejected: metrics?.rateLimited,
    });
    await api.register(tempContentsPostRoute, { config, service });
    await api.register(tempContentsGetRoute, { config, service });
    await api.register(tempContentsDetailsRoute, { config, service });
    await api.register(tusRoutes, {
      config,
      service,
      ...(deps.locker === undefined ? {} : { locker: deps.locker }),
      lockObserver: metrics,
    });
  });

  app.addHook('onReady', async () => {
    sweeper.start();
  });
  app.addHook('onClose', async () => {
    await sweeper.stop();
    await store.close();
    for (const resource of deps.resources ?? []) await resource.close();
  });
  return app;
}

function numberHeader(value: unknown): number | undefined {
  const n =
    typeof value === 'string' ? Number(value) : typeof value === 'number' ? value : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
}
