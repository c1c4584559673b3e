/**
 * One uploaded content as the page lists it: its id and details, and buttons to download it,
 * open it inline and copy its link. Built with DOM calls (never innerHTML): names come from
 * users.
 */
import type { DetailResponse } from '@temp-contents/contract';
import { ApiCallError, contentUrl, fetchContent } from './api-calls.js';
import type { ErrorReport } from './error-report.js';
import { formatBytes } from './format.js';

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

function detailRow(term: string, value: string, testId: string): Node[] {
  const dd = element('dd', {}, value);
  dd.dataset.field = testId;
  return [element('dt', {}, term), dd];
}

/** Keeps the object URL alive long enough for the browser to start reading it. */
function revokeLater(url: string): void {
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function renderContentCard(
  details: DetailResponse,
  onError: (report: ErrorReport) => void,
): HTMLElement {
  const id = details.ID;
  const name = details.Name || id;
  const status = element('p', { className: 'card-status' });
  status.setAttribute('role', 'status');

  const guard = (label: string, action: () => Promise<void>) => async () => {
    status.textContent = `${label}…`;
    try {
      await action();
      status.textContent = '';
    } catch (error) {
      status.textContent = '';
      if (error instanceof ApiCallError) onError(error.report);
      else throw error;
    }
  };

  const download = element('button', { type: 'button', textContent: 'Download' });
  download.addEventListener(
    'click',
    guard('Downloading', async () => {
      const url = URL.createObjectURL(await fetchContent(id, false));
      const link = element('a', { href: url, download: name });
      document.body.append(link);
      link.click();
      link.remove();
      revokeLater(url);
    }),
  );

  const preview = element('button', { type: 'button', textContent: 'Open inline' });
  preview.addEventListener(
    'click',
    guard('Opening', async () => {
      // The server types inline content from the name's extension, passive types only
      // (docs/server.md, "Download"), so the object URL never runs script.
      const url = URL.createObjectURL(await fetchContent(id, true));
      window.open(url, '_blank', 'noopener');
      revokeLater(url);
    }),
  );

  const copy = element('button', { type: 'button', textContent: 'Copy link' });
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(contentUrl(id));
      status.textContent = 'Link copied.';
    } catch {
      status.textContent = `Copy this link: ${contentUrl(id)}`;
    }
  });

  for (const button of [download, preview, copy])
    button.setAttribute('aria-describedby', `name-${id}`);

  const size = Number(details.Size);
  const card = element(
    'article',
    { className: 'card' },
    element('h3', { id: `name-${id}` }, name),
    element(
      'dl',
      {},
      ...detailRow('ID', id, 'id'),
      ...detailRow('Size', `${formatBytes(size)} (${details.Size} bytes)`, 'size'),
      ...detailRow('Created', new Date(details.CreatedAt).toLocaleString(), 'created'),
      ...detailRow('Expires', new Date(details.Expires).toLocaleString(), 'expires'),
      ...detailRow('Creator', details.CreatorID, 'creator'),
    ),
    element('div', { className: 'card-actions' }, download, preview, copy),
    element('p', { className: 'card-link' }, element('code', {}, contentUrl(id))),
    status,
  );
  card.dataset.contentId = id;
  return card;
}
