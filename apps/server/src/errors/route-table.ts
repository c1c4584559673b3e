/**
 * The registered routes as path patterns, so an unmatched request can be told apart: a path
 * that exists with other methods answers 405 with `Allow` (RFC 9110 §15.5.6: "The origin server
 * MUST generate an Allow header field in a 405 response"), anything else 404.
 */
export class RouteTable {
  private readonly routes: { pattern: RegExp; methods: Set<string> }[] = [];
  private readonly byUrl = new Map<string, Set<string>>();

  add(url: string, method: string | readonly string[]): void {
    // Catch-all routes (e.g. the CORS preflight `OPTIONS *`) say nothing about real paths.
    if (url.includes('*')) return;
    let methods = this.byUrl.get(url);
    if (methods === undefined) {
      methods = new Set();
      this.byUrl.set(url, methods);
      this.routes.push({ pattern: toPattern(url), methods });
    }
    for (const m of typeof method === 'string' ? [method] : method) methods.add(m.toUpperCase());
  }

  /** Methods registered for a concrete request path, sorted; empty when no route matches it. */
  methodsFor(path: string): string[] {
    const found = new Set<string>();
    for (const route of this.routes) {
      if (route.pattern.test(path)) for (const m of route.methods) found.add(m);
    }
    return [...found].sort();
  }
}

function toPattern(url: string): RegExp {
  const source = url
    .split('/')
    .map((segment) =>
      segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('/');
  // Exact paths only: with a trailing slash a path is another resource (404), not this one
  // with a method missing (a 405 whose Allow lists the very method used).
  return new RegExp(`^${source}$`);
}
