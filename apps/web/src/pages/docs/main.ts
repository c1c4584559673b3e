/**
 * The API reference (`GET /docs`): Swagger UI over this server's own /openapi.json, bundled and
 * served by the server (no CDN). "Try it out" calls go to the origin the page came from, with
 * the token pasted into "Authorize" or, when the upload page already has one for this tab,
 * that token.
 */
import 'swagger-ui-dist/swagger-ui.css';
import './docs-page.css';
import SwaggerUI from 'swagger-ui-dist/swagger-ui-es-bundle.js';
import { readToken } from '../token-store.js';

interface OpenApiDocument {
  servers?: { url: string; description?: string }[];
}

const root = document.getElementById('swagger-ui');
const status = document.getElementById('docs-status');

async function start(): Promise<void> {
  const response = await fetch('/openapi.json');
  if (!response.ok) throw new Error(`/openapi.json answered ${response.status}`);
  const spec = (await response.json()) as OpenApiDocument;
  // "Try it out" must reach this server, whatever the spec lists first (localhost:8080).
  spec.servers = [
    { url: location.origin, description: 'This server' },
    ...(spec.servers ?? []).filter((server) => server.url !== location.origin),
  ];
  const ui = SwaggerUI({
    spec,
    dom_id: '#swagger-ui',
    deepLinking: true,
    displayOperationId: true,
    displayRequestDuration: true,
    // No call to the public validator service: nothing leaves for another origin.
    validatorUrl: null,
    // The token stays in this tab's memory (and sessionStorage, shared with the upload page).
    persistAuthorization: false,
    tryItOutEnabled: false,
  });
  const token = readToken();
  if (token !== undefined) ui.preauthorizeApiKey('bearerAuth', token);
  if (status) status.textContent = '';
}

if (root !== null) {
  start().catch((error: unknown) => {
    if (status) status.textContent = `The API reference could not load: ${String(error)}`;
  });
}
