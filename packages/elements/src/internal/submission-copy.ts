/** The applicant's copy of what they sent: where the server offers it as a PDF, and the token that opens it. */
export interface SubmissionCopy {
  readonly url: string;
  readonly token: string;
  readonly filename: string;
  state: 'idle' | 'loading' | 'failed';
}

/**
 * The copy a civicflow server offers after a submission: its receipt's applicant token opens
 * `/v1/status/submission.pdf` beside the `/v1/programs/…/submissions` address sent to. Undefined for another server.
 */
export function submissionCopy(action: string, response: unknown, reference: string | undefined): SubmissionCopy | undefined {
  const token = (response as { token?: unknown } | null)?.token;
  const at = action.indexOf('/v1/programs/');
  if (typeof token !== 'string' || at === -1) return undefined;
  return { url: `${action.slice(0, at)}/v1/status/submission.pdf`, token, filename: `${(reference ?? 'submission').replace(/[^\w.-]/g, '_')}.pdf`, state: 'idle' };
}

/**
 * Fetches the copy and hands it to the browser as a download. False when the server answers with something else;
 * a failed connection rejects, as `fetch` does.
 */
export async function downloadCopy(copy: SubmissionCopy, locale: string): Promise<boolean> {
  const res = await fetch(copy.url, { headers: { Authorization: `Bearer ${copy.token}`, 'Accept-Language': locale } });
  if (!res.ok) return false;
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = copy.filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // The browser has taken the file once the click is handled; a later tick frees the memory.
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
  return true;
}
