import type { FastifyRequest } from 'fastify';
import type { ServerConfig } from '../config/server-config.js';

/** `host` or `host:port`, with a bracketed IPv6 literal allowed (RFC 3986 authority, no userinfo). */
const AUTHORITY = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:[0-9]{1,5})?$/;

/**
 * The origin (plus optional path prefix) for absolute URLs such as the tus `Location`.
 * `TC_PUBLIC_URL` wins. Otherwise the request decides: `Forwarded` (RFC 7239) and
 * `X-Forwarded-Host`/`-Proto` only when `TC_TRUST_PROXY` says a proxy is trusted (Fastify's
 * `request.host`/`request.protocol` already apply the X-Forwarded-* pair under that rule),
 * else the `Host` header and the connection's own scheme.
 */
export function publicOrigin(request: FastifyRequest, config: ServerConfig): string {
  if (config.publicUrl !== undefined) return config.publicUrl;
  let host: string | undefined;
  let proto: string | undefined;
  if (config.trustProxy !== false) {
    const forwarded = firstForwardedElement(request.headers.forwarded);
    host = forwarded.host;
    proto = forwarded.proto;
  }
  host ??= request.host;
  proto ??= request.protocol;
  if (!AUTHORITY.test(host)) {
    // A Host we would not dare echo into Location: name the socket we were reached on instead.
    const address = request.socket.localAddress ?? '127.0.0.1';
    host = `${address.includes(':') ? `[${address}]` : address}:${request.socket.localPort}`;
  }
  return `${proto === 'https' ? 'https' : 'http'}://${host}`;
}

/** host and proto of the first (client-most) element of a `Forwarded` header. */
function firstForwardedElement(header: string | undefined): { host?: string; proto?: string } {
  if (header === undefined) return {};
  const element = header.split(',', 1)[0] ?? '';
  const found: { host?: string; proto?: string } = {};
  for (const pair of element.split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0) continue;
    const name = pair.slice(0, eq).trim().toLowerCase();
    const value = pair
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    if (name === 'host' && AUTHORITY.test(value)) found.host = value;
    if (name === 'proto' && (value === 'http' || value === 'https')) found.proto = value;
  }
  return found;
}
