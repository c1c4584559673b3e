/**
 * The spec: "The server does not keep the upload's Content-Type; it sends
 * application/octet-stream, or a type derived from the file name's extension". Only passive
 * types are derived; anything a browser could run (HTML, SVG, XML, JS) stays octet-stream even
 * though downloads are also sandboxed by CSP.
 */
const BY_EXTENSION: Record<string, string> = {
  avif: 'image/avif',
  csv: 'text/csv; charset=utf-8',
  gif: 'image/gif',
  gz: 'application/gzip',
  jpeg: 'image/jpeg',
  jpg: 'image/jpeg',
  json: 'application/json',
  md: 'text/markdown; charset=utf-8',
  mp3: 'audio/mpeg',
  mp4: 'video/mp4',
  parquet: 'application/vnd.apache.parquet',
  pdf: 'application/pdf',
  png: 'image/png',
  qvd: 'application/octet-stream',
  txt: 'text/plain; charset=utf-8',
  webm: 'video/webm',
  webp: 'image/webp',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/zip',
};

export const DEFAULT_MEDIA_TYPE = 'application/octet-stream';

export function mediaTypeForName(name: string): string {
  const dot = name.lastIndexOf('.');
  if (dot < 0) return DEFAULT_MEDIA_TYPE;
  return BY_EXTENSION[name.slice(dot + 1).toLowerCase()] ?? DEFAULT_MEDIA_TYPE;
}
