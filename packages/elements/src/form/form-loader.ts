import { FormSession, definitionLocale } from '@civicflow/core/runtime';
import { inLocale, loadProgram, type LoadedProgram, type ProgramSource } from '../internal/load-program.js';
import { CfErrorEvent } from '../events/error.js';
import type { FormContext } from './form-context.js';

/**
 * Loads `<cf-form>`'s program into a session (the context's) and switches its language. For a module with its
 * definitions beside it, another language means fetching that definition first.
 */
export class FormLoader {
  #loaded: LoadedProgram | undefined;
  #loads = 0;
  #switches = 0;

  readonly #context: FormContext;
  /** The locale wanted now, among the program's locales. */
  readonly #wantedLocale: (locales: readonly string[]) => string;

  constructor(context: FormContext, wantedLocale: (locales: readonly string[]) => string) {
    this.#context = context;
    this.#wantedLocale = wantedLocale;
  }

  /**
   * Loads a program and starts a session of its form (the first one by default), with `data` if given; returns
   * the session. A load that fails shows as failed (`cf-error` tells the host); one overtaken by a later load
   * changes nothing. Neither returns a session.
   */
  async __load(src: string | undefined, program: ProgramSource | undefined, form: string | undefined, data?: Record<string, unknown>): Promise<FormSession | undefined> {
    const context = this.#context;
    const token = ++this.#loads;
    try {
      const loaded = await loadProgram(src, program, this.#wantedLocale);
      if (token !== this.#loads) return;
      const compiled = loaded.compiled;
      this.#loaded = loaded;
      const formId = form || Object.keys(compiled.program.definition.forms)[0] || '';
      return (context.__session = new FormSession(compiled, formId, this.#wantedLocale(compiled.program.locales), data));
    } catch (cause) {
      if (token !== this.#loads) return;
      const host = context.__host;
      context.__phase = 'failed';
      host.dispatchEvent(new CfErrorEvent({ kind: 'load', willRetry: false, cause }));
      host.requestUpdate();
    }
  }

  /** After a load: the locale changed while the definition was on its way, so the one now wanted is fetched. */
  __catchUp(): void {
    const loaded = this.#loaded;
    const s = this.#context.__session;
    if (s && loaded?.module && definitionLocale(loaded.module, s.locale) !== loaded.definitionLocale) this.__switchLocale();
  }

  /**
   * Another language: at once, or once its definition is fetched (for a module with definitions beside it). Only
   * the latest switch counts, and only for the session and program it began with: a slow fetch for a language
   * the person has already left, or for a form since replaced, changes nothing.
   */
  __switchLocale(): void {
    const context = this.#context;
    const { __host: host, __session: s } = context;
    if (!s) return;
    const loaded = this.#loaded;
    const locale = this.#wantedLocale(loaded?.module?.locales ?? s.compiled.program.locales);
    const turn = ++this.#switches;
    if (!loaded?.module || definitionLocale(loaded.module, locale) === loaded.definitionLocale) {
      s.setLocale(locale);
      return;
    }
    const current = () => turn === this.#switches && s === context.__session && loaded === this.#loaded;
    inLocale(loaded.module, locale).then(
      (next) => {
        if (!current()) return;
        this.#loaded = next;
        s.setLocale(locale, next.compiled);
        host.requestUpdate();
      },
      (cause: unknown) => {
        if (!current()) return;
        // The program's words in that language could not be fetched: the widget's own strings switch, the program's stay.
        s.setLocale(locale);
        host.requestUpdate();
        host.dispatchEvent(new CfErrorEvent({ kind: 'load', willRetry: false, cause }));
      },
    );
  }
}
