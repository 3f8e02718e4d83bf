import type { DownloadedFile } from '../providers/data-provider';

/** Saves a fetched file under the server's name (an object URL and a download link). */
export function saveFile({ blob, filename }: DownloadedFile): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Give the browser time to start the download before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * A tab opened at once, while the click still counts as a user gesture (popup blockers
 * allow that), to be pointed at the file once it has arrived. Null when the browser
 * refused to open one.
 */
export function openPendingTab(waitingText: string): Window | null {
  const tab = window.open('', '_blank');
  if (tab) {
    tab.document.title = waitingText;
    tab.document.body.style.font = '16px sans-serif';
    tab.document.body.textContent = waitingText;
  }
  return tab;
}

/**
 * The policy the server sends with a report page. A blob URL drops the response's
 * headers and its document runs in the console's origin, so the policy goes into the page
 * itself: nothing in the report may run scripts or load anything.
 */
const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

async function withPolicy(blob: Blob): Promise<Blob> {
  const html = await blob.text();
  const meta = `<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`;
  const head = /<head[^>]*>/i.exec(html);
  const text = head ? html.slice(0, head.index + head[0].length) + meta + html.slice(head.index + head[0].length) : meta + html;
  return new Blob([text], { type: 'text/html;charset=utf-8' });
}

/** Shows a fetched HTML page in the tab (with the report's policy inside); the object URL lives long enough to print. */
export async function showInTab(tab: Window, { blob, contentType }: DownloadedFile): Promise<void> {
  const shown = contentType.includes('html') ? await withPolicy(blob) : blob;
  const url = URL.createObjectURL(shown);
  tab.location.href = url;
  setTimeout(() => URL.revokeObjectURL(url), 10 * 60_000);
}
