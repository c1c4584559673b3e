import { API_PATHS } from '@temp-contents/contract';

/**
 * True for the tus creation URL and any URL below it (query string allowed). Responses there
 * carry `Tus-Resumable`, even when no tus route handled the request (405, parser errors).
 */
export function isTusPath(url: string): boolean {
  const path = url.split('?', 1)[0] ?? '';
  return path === API_PATHS.tusFiles || path.startsWith(`${API_PATHS.tusFiles}/`);
}
