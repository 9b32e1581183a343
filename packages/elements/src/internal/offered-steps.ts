import { css, html, type TemplateResult } from './lit.js';

/** A step a case offers (its `availableEvents`), as the server describes it. */
export interface OfferedStep {
  readonly event: string;
  readonly title: string;
  readonly form?: string;
  readonly unavailable?: { readonly code: string; readonly message: string };
}

export interface OfferedStepsLook {
  /** The list's class and part. */
  readonly list: string;
  /** The buttons' part, after `button`. */
  readonly button: string;
  /** The class of the chosen step's button. */
  readonly chosenClass: string;
  /** The id of the words that introduce the list, if any. */
  readonly labelledBy?: string;
}

/**
 * The steps a person may take on a case, as buttons that open the chosen one. A step that cannot succeed now, because
 * the places or the budget it needs are used by other cases, stays in the list so that nobody wonders where it went:
 * its button cannot be chosen (`aria-disabled`, still reachable by keyboard) and says why beside it.
 */
export function renderOfferedSteps<S extends OfferedStep>(steps: readonly S[], chosen: string | undefined, look: OfferedStepsLook, choose: (step: S) => void): TemplateResult {
  return html`<ul class=${look.list} part=${look.list} aria-labelledby=${look.labelledBy ?? ''}>${steps.map((e) =>
    e.unavailable
      ? html`<li class="unavailable"><button type="button" part="button ${look.button} unavailable" class="secondary" aria-disabled="true"
            aria-describedby="cf-why-${e.event}" data-event=${e.event}>${e.title}</button>
          <span class="why" id="cf-why-${e.event}" part="unavailable-reason">${e.unavailable.message}</span></li>`
      : html`<li><button type="button" part="button ${look.button}" class=${chosen === e.event ? look.chosenClass : 'secondary'}
            aria-expanded=${chosen === e.event ? 'true' : 'false'} data-event=${e.event} @click=${() => choose(e)}>${e.title}</button></li>`,
  )}</ul>`;
}

/** A step that cannot be chosen takes a line of its own, its reason beside or under the button. */
export const offeredStepsStyles = css`
  li.unavailable {
    flex-basis: 100%;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) * 0.5);
  }
  li.unavailable button {
    cursor: not-allowed;
    opacity: 0.75;
    text-decoration: line-through;
  }
  li.unavailable .why {
    flex: 1 1 16rem;
  }
`;
