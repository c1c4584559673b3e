/**
 * The upload page (`GET /`): Uppy's Dashboard for picking files and steering transfers (pause,
 * resume, cancel), its tus plugin for the resumable uploads to /api/v1/temp-contents/files, and
 * Golden Retriever so that a reload picks the transfers up where the server's offset says.
 * Around them, what Uppy does not know about this API: the token, the TTL, per-file speed and
 * time left, the details of each finished content, and errors as the envelope states them.
 */
import '@uppy/core/css/style.min.css';
import '@uppy/dashboard/css/style.min.css';
import './upload-page.css';
import { API_PATHS, TTL_SECONDS } from '@temp-contents/contract';
import Uppy, { type UppyFile } from '@uppy/core';
import Dashboard from '@uppy/dashboard';
import GoldenRetriever from '@uppy/golden-retriever';
import Tus, { type TusBody } from '@uppy/tus';
import { forgetToken, readToken, saveToken } from '../token-store.js';
import { ApiCallError, fetchDetails } from './api-calls.js';
import { renderContentCard } from './content-card.js';
import { type ErrorReport, localReport, reportFromResponse } from './error-report.js';
import { formatBytes, formatDuration, formatSpeed, TTL_CHOICES } from './format.js';
import { TransferRate } from './transfer-rate.js';

/** Upload-Metadata the server reads (docs/tus.md): the name, and the TTL in seconds. */
type UploadMeta = { filename: string; ttl: string };
type File = UppyFile<UploadMeta, TusBody>;

const MiB = 1024 * 1024;

function byId<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (node === null) throw new Error(`the page has no #${id}`);
  return node as T;
}

const tokenForm = byId<HTMLFormElement>('token-form');
const tokenInput = byId<HTMLInputElement>('token');
const tokenStatus = byId<HTMLElement>('token-status');
const forgetButton = byId<HTMLButtonElement>('forget-token');
const ttlSelect = byId<HTMLSelectElement>('ttl');
const transfers = byId<HTMLUListElement>('transfers');
const errors = byId<HTMLElement>('errors');
const results = byId<HTMLElement>('results');

// --- token ------------------------------------------------------------------------------------

function showTokenState(): void {
  const token = readToken();
  tokenStatus.textContent = token
    ? 'A token is set for this tab (kept in session storage until the tab closes).'
    : 'No token yet: paste one to upload.';
  forgetButton.disabled = token === undefined;
}

tokenInput.value = readToken() ?? '';
tokenForm.addEventListener('submit', (event) => {
  event.preventDefault();
  if (tokenInput.value.trim() === '') forgetToken();
  else saveToken(tokenInput.value);
  showTokenState();
});
forgetButton.addEventListener('click', () => {
  forgetToken();
  tokenInput.value = '';
  showTokenState();
  tokenInput.focus();
});
showTokenState();

// --- errors -----------------------------------------------------------------------------------

function showError(report: ErrorReport, context?: string): void {
  const item = document.createElement('div');
  item.className = 'error';
  item.setAttribute('role', 'alert');
  const heading = document.createElement('p');
  heading.className = 'error-title';
  const status = report.status === undefined ? '' : `${report.status} `;
  heading.textContent = `${context ? `${context}: ` : ''}${status}${report.title}`;
  item.append(heading);
  if (report.detail) {
    const detail = document.createElement('p');
    detail.className = 'error-detail';
    detail.textContent = report.detail;
    item.append(detail);
  }
  if (report.traceId) {
    const trace = document.createElement('p');
    trace.className = 'error-trace';
    trace.append('traceId ');
    const code = document.createElement('code');
    code.textContent = report.traceId;
    trace.append(code);
    item.append(trace);
  }
  const dismiss = document.createElement('button');
  dismiss.type = 'button';
  dismiss.textContent = 'Dismiss';
  dismiss.addEventListener('click', () => item.remove());
  item.append(dismiss);
  errors.prepend(item);
}

// --- TTL --------------------------------------------------------------------------------------

for (const choice of TTL_CHOICES) {
  const option = new Option(choice.label, String(choice.seconds));
  option.selected = choice.seconds === TTL_SECONDS.default;
  ttlSelect.append(option);
}

// --- Uppy -------------------------------------------------------------------------------------

const uppy = new Uppy<UploadMeta, TusBody>({
  // Also the name of Golden Retriever's stores: stable, so a reload finds them.
  id: 'temp-contents',
  autoProceed: false,
  meta: { ttl: ttlSelect.value } as UploadMeta,
  onBeforeUpload: (files) => {
    if (readToken() !== undefined) return files;
    showError(localReport('No token', 'Paste a token above, then press Upload again.'));
    tokenInput.focus();
    return false;
  },
})
  .use(Dashboard, {
    inline: true,
    target: '#dashboard',
    width: '100%',
    height: 380,
    hideProgressDetails: false,
    proudlyDisplayPoweredByUppy: false,
    note: 'Any files, several at once. Uploads resume after a reload or a lost connection.',
  })
  .use(Tus, {
    endpoint: new URL(API_PATHS.tusFiles, location.origin).href,
    headers: (): Record<string, string> => {
      const token = readToken();
      return token === undefined ? {} : { authorization: `Bearer ${token}` };
    },
    // Only what the server reads; Uppy's own fields (name, type, relativePath) stay local.
    allowedMetaFields: ['filename', 'ttl'],
    removeFingerprintOnSuccess: true,
    // Back off on lost connections; 4xx other than 409/423/429 fail at once (Uppy's rule).
    retryDelays: [0, 1000, 3000, 5000, 10000],
  })
  .use(GoldenRetriever, {
    // Blobs up to this size are kept in IndexedDB so a reload can resume them (Uppy's default
    // is 10 MiB; the browser's storage quota is the real bound). Larger files are listed as
    // "ghosts" after a reload and resume once picked again.
    indexedDB: { maxFileSize: 1024 * MiB, maxTotalSize: 2048 * MiB } as { name?: string },
  });

ttlSelect.addEventListener('change', () => uppy.setMeta({ ttl: ttlSelect.value }));

uppy.on('file-added', (file) => {
  uppy.setFileMeta(file.id, { filename: file.name ?? 'upload', ttl: ttlSelect.value });
});

uppy.on('restored', () => {
  const restored = Object.keys(uppy.getState().files).length;
  if (restored === 0) return;
  if (readToken() === undefined) {
    showError(
      localReport(
        'Uploads waiting',
        `${restored} file(s) from before the reload wait for a token: paste it, then press Upload.`,
      ),
    );
    return;
  }
  // Resume at once: the server keeps the offsets, the browser kept the bytes.
  setTimeout(() => uppy.emit('restore-confirmed'), 0);
});

// --- per-file progress: percent, speed, time left ------------------------------------------

const rows = new Map<
  string,
  { row: HTMLLIElement; bar: HTMLProgressElement; text: HTMLElement; rate: TransferRate }
>();

function rowFor(file: File) {
  let entry = rows.get(file.id);
  if (entry === undefined) {
    const row = document.createElement('li');
    row.dataset.fileId = file.id;
    const label = document.createElement('span');
    label.className = 'transfer-name';
    label.id = `transfer-${file.id}`;
    label.textContent = file.name ?? 'upload';
    const bar = document.createElement('progress');
    bar.max = 100;
    bar.value = 0;
    bar.setAttribute('aria-labelledby', label.id);
    const text = document.createElement('span');
    text.className = 'transfer-figures';
    row.append(label, bar, text);
    transfers.append(row);
    entry = { row, bar, text, rate: new TransferRate() };
    rows.set(file.id, entry);
  }
  return entry;
}

function dropRow(fileId: string): void {
  rows.get(fileId)?.row.remove();
  rows.delete(fileId);
}

uppy.on('upload-progress', (file, progress) => {
  if (file === undefined || progress.bytesTotal === null) return;
  const entry = rowFor(file);
  const figures = entry.rate.update(progress.bytesUploaded, progress.bytesTotal, performance.now());
  entry.bar.value = figures.percent;
  entry.row.dataset.state = 'uploading';
  entry.row.dataset.percent = String(figures.percent);
  entry.text.textContent = `${figures.percent}% of ${formatBytes(progress.bytesTotal)} · ${formatSpeed(
    figures.bytesPerSecond,
  )} · ${formatDuration(figures.secondsLeft)} left`;
});

uppy.on('upload-pause', (file, isPaused) => {
  const targets = file === undefined ? [...rows.values()] : [rows.get(file.id)].filter((e) => e);
  for (const entry of targets) {
    if (entry === undefined) continue;
    entry.rate.reset();
    if (isPaused) {
      entry.row.dataset.state = 'paused';
      entry.text.textContent = `${entry.bar.value}% · paused`;
    }
  }
});
uppy.on('pause-all', () => {
  for (const entry of rows.values()) {
    entry.rate.reset();
    entry.row.dataset.state = 'paused';
    entry.text.textContent = `${entry.bar.value}% · paused`;
  }
});
uppy.on('resume-all', () => {
  for (const entry of rows.values()) entry.rate.reset();
});
uppy.on('file-removed', (file) => dropRow(file.id));
uppy.on('cancel-all', () => {
  for (const id of [...rows.keys()]) dropRow(id);
});

// --- outcome of each file ---------------------------------------------------------------------

uppy.on('upload-error', (file, error, response) => {
  if (file !== undefined) dropRow(file.id);
  const xhr = (response?.body as TusBody | undefined)?.xhr;
  const report =
    response !== undefined
      ? reportFromResponse(response.status, xhr?.responseText)
      : reportFromResponse(0, undefined);
  if (response === undefined && error.message) report.detail = error.message;
  showError(report, `Upload of ${file?.name ?? 'a file'} failed`);
});

uppy.on('restriction-failed', (file, error) => {
  showError(localReport(`${file?.name ?? 'A file'} was not added`, error.message));
});

uppy.on('upload-success', async (file, response) => {
  if (file !== undefined) dropRow(file.id);
  const id = response.uploadURL?.split('/').at(-1);
  if (id === undefined) return;
  try {
    const details = await fetchDetails(id);
    results.prepend(renderContentCard(details, (report) => showError(report, details.Name)));
  } catch (error) {
    if (error instanceof ApiCallError) showError(error.report, `Details of ${file?.name ?? id}`);
    else throw error;
  }
});
