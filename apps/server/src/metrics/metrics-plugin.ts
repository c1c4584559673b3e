import { createHash, timingSafeEqual } from 'node:crypto';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { API_PATHS } from '@temp-contents/contract';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { bearerToken } from '../auth/bearer-token.js';
import type { ServerConfig } from '../config/server-config.js';
import { ApiError } from '../errors/api-error.js';
import { ABORTED, AppMetrics } from './app-metrics.js';
import { operationIdOf, UPLOAD_OPERATIONS } from './operation-ids.js';

/**
 * With `TC_METRICS=on`: measures every request of `app` and serves `GET /metrics`; returns the
 * app's metrics for the parts that report to it (sweeper, rate limits, tus locks). Off: returns
 * undefined, and `GET /metrics` answers 404 as an unknown path would; the route still exists, so
 * other methods get 405 like on every path the spec declares. Call it before any other hook is
 * added, so that requests an earlier hook answers (503 while closing, 505) are measured too,
 * and pipelined requests from the moment they arrive.
 */
export function enableMetrics(app: FastifyInstance, config: ServerConfig): AppMetrics | undefined {
  if (!config.metrics.enabled) {
    app.register(metricsRoute, { metrics: undefined, token: undefined });
    return undefined;
  }
  const metrics = new AppMetrics({
    // Object stores have no free space to speak of; only the fs backend's disk can fill up.
    dataDir: config.storage.kind === 'fs' ? config.dataDir : undefined,
  });
  measureRequests(app, metrics);
  app.register(metricsRoute, { metrics, token: config.metrics.token });
  return metrics;
}

/**
 * One hook and one `close` listener per request, nothing per chunk. Bytes come from the
 * connection's own counters: what `socket.bytesRead`/`bytesWritten` grew by since the previous
 * response on that connection ended is this request's share (request line and headers
 * included). So bodies are counted whoever reads them (@tus/server, the store, or nobody), and
 * a request cut mid-body still counts what arrived. A pipelining client's next request, read
 * ahead, is counted with the one before it; connections that never got a request through
 * (rejected by Node's parser) are not counted.
 */
function measureRequests(app: FastifyInstance, metrics: AppMetrics): void {
  const marks = new WeakMap<Socket, { read: number; written: number }>();
  app.addHook('onRequest', (request, reply, done) => {
    const started = performance.now();
    const operation = operationIdOf(request);
    const upload = UPLOAD_OPERATIONS.has(operation);
    if (upload) metrics.uploadStarted();
    const res = reply.raw;
    res.once('close', () => {
      if (upload) metrics.uploadEnded();
      // light-my-request (`app.inject`) has no real socket: nothing went over a wire.
      const socket = request.raw.socket as Socket | undefined;
      let received = 0;
      let sent = 0;
      if (socket !== undefined && typeof socket.bytesRead === 'number') {
        const mark = marks.get(socket) ?? { read: 0, written: 0 };
        received = socket.bytesRead - mark.read;
        sent = socket.bytesWritten - mark.written;
        marks.set(socket, { read: socket.bytesRead, written: socket.bytesWritten });
      }
      const status = res.writableFinished ? String(res.statusCode) : ABORTED;
      metrics.requestEnded(operation, status, (performance.now() - started) / 1000, {
        received,
        sent,
      });
    });
    done();
  });
}

interface MetricsRouteOptions {
  /** Undefined: metrics are off. */
  metrics: AppMetrics | undefined;
  /** TC_METRICS_TOKEN; undefined: no token asked. */
  token: string | undefined;
}

/** `getMetrics`: no API token (scrapers are not tenants), its own token when configured. */
const metricsRoute: FastifyPluginAsync<MetricsRouteOptions> = async (app, { metrics, token }) => {
  const expected = token === undefined ? undefined : digest(token);
  app.get(API_PATHS.metrics, { config: { rateLimitTier: 'exempt' } }, async (request, reply) => {
    if (metrics === undefined) {
      throw new ApiError('NOT_FOUND', 'Metrics are not enabled on this server.');
    }
    if (expected !== undefined) {
      const presented = bearerToken(request.headers.authorization);
      // Digests have one length, so the comparison takes the same time for any guess.
      if (presented === undefined || !timingSafeEqual(digest(presented), expected)) {
        throw new ApiError(
          'UNAUTHORIZED',
          presented === undefined
            ? 'Metrics need Authorization: Bearer <TC_METRICS_TOKEN>.'
            : 'The metrics token is not valid.',
          { 'www-authenticate': 'Bearer realm="temp-contents-metrics"' },
        );
      }
    }
    const text = await metrics.text();
    return reply
      .header('content-type', metrics.contentType)
      .header('cache-control', 'no-store')
      .send(text);
  });
};

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
