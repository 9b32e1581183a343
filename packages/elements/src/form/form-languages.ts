// The language switch of a `<cf-form language-switch>`, with its styles. The embed build puts it into a file of its own
// beside the bundle, `cf-form.languages.js`, which <cf-form> imports only when the page asks for the switch (alongside
// the program, so that the form shows with it), and whose styles it adds to its shadow root.
import { css, html, nothing, type TemplateResult } from '../internal/lit.js';
import { directionOf } from '../internal/ui-strings.js';
import { languageName } from '../internal/language-names.js';
import { CfLocaleChangeEvent } from '../events/locale-change.js';

/** The switch's place above the form, and its buttons. */
export const styles = [
  css`
    .languages {
      display: flex;
      flex-wrap: wrap;
      justify-content: flex-end;
      gap: calc(var(--_space) * 0.5);
      margin-block-end: var(--_space);
    }
    .language {
      font: inherit;
      min-height: 2.75rem;
      padding-block: 0.25rem;
      padding-inline: 0.75rem;
      border-radius: var(--_radius);
      border: 1px solid var(--_accent);
      background: var(--_bg);
      color: var(--_accent);
      cursor: pointer;
    }
    .language[aria-pressed='true'] {
      background: var(--_accent);
      color: var(--_accent-text);
      font-weight: 700;
    }
    /* Forced colours replace the pressed button's fill: a thicker border marks it instead, the same size outside. */
    @media (forced-colors: active) {
      .language[aria-pressed='true'] {
        border-width: 3px;
        padding-block: calc(0.25rem - 2px);
        padding-inline: calc(0.75rem - 2px);
      }
    }
  `,
];

/**
 * The program's languages as buttons, each named in itself and marked with its own `lang` and direction, so that
 * a screen reader speaks each name in its language; the one shown is pressed. Choosing another sets the form's
 * `locale` and fires `cf-locale-change`.
 */
export function renderLanguages(form: HTMLElement & { locale: string | undefined }, locales: readonly string[], label: string, shown: string): TemplateResult | typeof nothing {
  if (locales.length < 2) return nothing;
  const choose = (l: string) => {
    if (l === shown) return;
    form.locale = l;
    form.dispatchEvent(new CfLocaleChangeEvent({ locale: l }));
  };
  return html`<div class="languages" part="languages" role="group" aria-label=${label}>
    ${locales.map(
      (l) => html`<button type="button" class="language" lang=${l} dir=${directionOf(l)} aria-pressed=${l === shown ? 'true' : 'false'} @click=${() => choose(l)}>
        ${languageName(l)}
      </button>`,
    )}
  </div>`;
}
