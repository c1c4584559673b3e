// A server the comparison bench measures: ours or one of the peers it is compared with. Each
// runs in its own process (group), started and stopped by the bench, on a loopback port.
import { stat } from 'node:fs/promises';
import { transfer } from '../load/curl.js';

export type PeerId =
  | 'temp-contents'
  | 'temp-contents-accel'
  | 'tus-node'
  | 'tusd'
  | 'node'
  | 'nginx';

export interface Peer {
  id: PeerId;
  /** How the table names it. */
  name: string;
  baseUrl: string;
  /** Headers every request needs (a bearer token for ours). */
  headers: Record<string, string>;
  /** The processes whose memory counts: the server, nginx's master and workers. */
  pids(): number[];
  /** Plain upload: the body POSTed here, 201 with a Location to GET. */
  plainUploadPath?: string;
  /** tus creation URL. */
  tusPath?: string;
  /** The JSON details route of what `location` (a download path) points at. */
  detailsPath?(location: string): string;
  /** Puts `file` on the server; the path to GET it. */
  store(file: string): Promise<string>;
  /** Removes what an upload made (its Location), so that rounds of 1 GiB do not fill the disk. */
  remove(location: string): Promise<void>;
  stop(): Promise<void>;
}

/** The path of a Location header, which may be absolute or relative. */
export function locationPath(location: string, baseUrl: string): string {
  return new URL(location, baseUrl).pathname;
}

/** Stores a file with a plain POST (ours, the bare node server). */
export async function storeByPost(peer: Peer, file: string): Promise<string> {
  const sent = await transfer({
    method: 'POST',
    url: `${peer.baseUrl}${peer.plainUploadPath}`,
    headers: { ...peer.headers, 'content-type': 'application/octet-stream' },
    upload: file,
  });
  if (sent.status !== 201) throw new Error(`${peer.name}: POST answered ${sent.status}`);
  return locationPath(sent.location, peer.baseUrl);
}

export const TUS_HEADERS = { 'tus-resumable': '1.0.0' };

/** Creates a tus upload of `size` bytes; its URL path. */
export async function createTusUpload(peer: Peer, size: number): Promise<string> {
  const response = await fetch(`${peer.baseUrl}${peer.tusPath}`, {
    method: 'POST',
    headers: { ...peer.headers, ...TUS_HEADERS, 'upload-length': String(size) },
  });
  await response.arrayBuffer();
  const location = response.headers.get('location');
  if (response.status !== 201 || location === null) {
    throw new Error(`${peer.name}: tus creation answered ${response.status}`);
  }
  return locationPath(location, peer.baseUrl);
}

/** PATCHes the whole of `file` at offset 0 into a created tus upload. */
export function patchTusUpload(peer: Peer, upload: string, file: string) {
  return transfer({
    method: 'PATCH',
    url: `${peer.baseUrl}${upload}`,
    headers: {
      ...peer.headers,
      ...TUS_HEADERS,
      'upload-offset': '0',
      'content-type': 'application/offset+octet-stream',
    },
    upload: file,
  });
}

/** Stores a file as a tus upload (tusd, @tus/server): creation, then one PATCH. */
export async function storeByTus(peer: Peer, file: string): Promise<string> {
  const upload = await createTusUpload(peer, (await stat(file)).size);
  const sent = await patchTusUpload(peer, upload, file);
  if (sent.status !== 204) throw new Error(`${peer.name}: PATCH answered ${sent.status}`);
  return upload;
}

/** tus termination (DELETE on the upload URL). */
export async function deleteTusUpload(peer: Peer, upload: string): Promise<void> {
  const response = await fetch(`${peer.baseUrl}${upload}`, {
    method: 'DELETE',
    headers: { ...peer.headers, ...TUS_HEADERS },
  });
  await response.arrayBuffer();
  if (response.status !== 204) {
    throw new Error(`${peer.name}: DELETE ${upload} answered ${response.status}`);
  }
}
