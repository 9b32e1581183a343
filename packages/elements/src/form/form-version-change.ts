import { html, nothing, type TemplateResult } from '../internal/lit.js';
import type { UiStrings } from '../internal/ui-strings.js';
import type { Refusal } from '../internal/submission-controller.js';
import type { CfForm } from './form.js';

/** Where the newer version that replaced the loaded one is, as the server's `VERSION_SUPERSEDED` refusal names it. */
export interface NewerVersion {
  readonly program: string;
  /** The version the form was loaded in. */
  readonly from: string;
  /** The newest version. */
  readonly to: string;
  /** Where to load the newest version's program from. */
  readonly src: string;
  /** Where to send it. */
  readonly action: string;
}

const isText = (v: unknown): v is string => typeof v === 'string' && v !== '';

/**
 * The newer version a refusal names, or undefined for any other refusal (or one whose details are not the server's).
 * The program comes from the same kind of file as before: the page's `src` with the version's segment replaced, so a
 * page's choice of file and form (`…/browser/validators.js?forms=…`) stays; a page that gave no such `src` gets the
 * newer version's browser module of this form. Links are resolved against the URL the form was sent to.
 */
export function newerVersionOf(refusal: Refusal, host: CfForm, form: string): NewerVersion | undefined {
  if (refusal.code !== 'VERSION_SUPERSEDED' || !host.action) return undefined;
  const details = refusal.details as { program?: unknown; version?: unknown; current?: unknown; links?: { browser?: unknown; submissions?: unknown } } | undefined;
  const links = details?.links;
  if (!isText(details?.program) || !isText(details.version) || !isText(details.current) || !isText(links?.browser) || !isText(links.submissions)) return undefined;
  const sentTo = new URL(host.action, document.baseURI);
  const segment = `/versions/${encodeURIComponent(details.version)}/`;
  const page = host.src === undefined ? undefined : new URL(host.src, document.baseURI).href;
  const src = page?.includes(segment)
    ? page.replace(segment, `/versions/${encodeURIComponent(details.current)}/`)
    : `${new URL(links.browser, sentTo).href}?forms=${encodeURIComponent(form)}`;
  return { program: details.program, from: details.version, to: details.current, src, action: new URL(links.submissions, sentTo).href };
}

/**
 * After the person went on in a newer version of the program: that they are in it, what to do, and which answers
 * (by the labels they knew) could not come along. It stays until the form is sent.
 */
export function renderMoved(strings: UiStrings, notCarried: readonly string[]): TemplateResult {
  return html`<div class="notice" part="notice version-note" id="cf-moved" role="alert" tabindex="-1" aria-labelledby="cf-moved-title">
    <p class="notice-title" id="cf-moved-title">${strings.versionChangedTitle}</p>
    <p>${strings.versionChangedText}</p>
    ${notCarried.length > 0
      ? html`<p id="cf-not-carried">${strings.notCarried}</p>
          <ul aria-labelledby="cf-not-carried">
            ${notCarried.map((label) => html`<li>${label}</li>`)}
          </ul>`
      : nothing}
  </div>`;
}
