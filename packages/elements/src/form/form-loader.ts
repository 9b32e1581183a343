import { FormSessionBase, definitionLocale, hasAllTexts, type FormSession } from '@civicflow/core/runtime';
import { inLocale, loadProgram, withAllTexts, type LoadedProgram, type ProgramSource } from '../internal/load-program.js';
import { CfErrorEvent } from '../events/error.js';
import { allWordsReady, loadAllWords, loadBaseWords, loadFirstWords, wordsReady } from '../internal/locale-words.js';
import type { FormContext } from './form-context.js';

/**
 * Loads `<cf-form>`'s program into a session (the context's) and switches its language. For a module with its
 * definitions beside it, another language means fetching that definition first.
 */
export interface FormLoader {
  /**
   * Loads a program and starts a session of its form (the first one by default), with `data` if given; returns
   * the session. A load that fails shows as failed (`cf-error` tells the host); one overtaken by a later load
   * changes nothing. Neither returns a session.
   */
  __load(src: string | undefined, program: ProgramSource | undefined, form: string | undefined, data?: Record<string, unknown>): Promise<FormSessionBase | undefined>;
  /** After a load: the locale changed while the definition was on its way, so the one now wanted is fetched. */
  __catchUp(): void;
  /**
   * Another language: at once, or once its definition is fetched (for a module with definitions beside it). Only
   * the latest switch counts, and only for the session and program it began with: a slow fetch for a language
   * the person has already left, or for a form since replaced, changes nothing.
   */
  __switchLocale(): void;
  /** All the program's locales (a module with its definitions beside it names them; its definition has one). */
  __locales(): readonly string[];
  /**
   * Another version of the program, from `src`, and a session of its form not yet shown (`__adopt` shows it). Loads
   * already under way are overtaken; a failure rejects and changes nothing.
   */
  __open(src: string, form: string): Promise<{ readonly loaded: LoadedProgram; readonly session: FormSession }>;
  /** Shows a session `__open` gave. */
  __adopt(loaded: LoadedProgram, session: FormSessionBase): void;
  /**
   * The rest of the words of the language shown: the widget's second file of it (problems, the review, sending, …),
   * and for a program whose definition holds only the words of its first pages (a module with `textsUrls`) the rest
   * of the program's, giving the session the program with all of them; resolves at once when it has them. From then
   * on another language or program is fetched with all its words. A failure lets the next call try again
   * (`__textsFailed` says so until then).
   */
  __texts(): Promise<void>;
  /** Whether the last fetch of the rest of the words failed. */
  readonly __textsFailed: boolean;
}

/** `wantedLocale` picks the locale wanted now among a program's locales. */
export function createFormLoader(context: FormContext, wantedLocale: (locales: readonly string[]) => string): FormLoader {
  const host = context.__host;
  let current: LoadedProgram | undefined;
  let loads = 0;
  let switches = 0;
  /** Set once the person works on the form: from then on every program and language comes with all its words. */
  let allTexts = false;
  let textsFailed = false;
  /** The fetch of the rest of the words of a program (one language), while on its way. */
  const textsLoading = new WeakMap<LoadedProgram, Promise<LoadedProgram>>();

  /** `loaded` with all its words: fetched once at a time; a failure lets the next call try again. */
  const allTextsOf = (loaded: LoadedProgram): Promise<LoadedProgram> => {
    if (hasAllTexts(loaded.compiled)) return Promise.resolve(loaded);
    let p = textsLoading.get(loaded);
    if (!p) {
      p = withAllTexts(loaded).finally(() => textsLoading.delete(loaded));
      textsLoading.set(loaded, p);
    }
    return p;
  };

  const loader: FormLoader = {
    async __load(src, program, form, data) {
      const token = ++loads;
      try {
        // The widget's own words of the first screen are a file of their own, fetched alongside. If a locale's own
        // words beyond German and English fail, the form still opens, in the German or English ones; without those it
        // cannot. The rest of them come with the code that checks answers (`__texts`).
        const [loaded] = await Promise.all([loadProgram(src, program, wantedLocale, allTexts), loadFirstWords(wantedLocale([])).catch(() => undefined)]);
        if (token !== loads) return;
        const compiled = loaded.compiled;
        // A page that names no language shows the program's default one, whose words may still be to fetch.
        const locale = wantedLocale(compiled.program.locales);
        if (!wordsReady(locale)) await loadFirstWords(locale).catch(() => undefined);
        if (!wordsReady(locale)) await loadBaseWords(locale);
        if (token !== loads) return;
        current = loaded;
        const formId = form || Object.keys(compiled.program.definition.forms)[0] || '';
        const validation = context.__validation;
        const shown = wantedLocale(compiled.program.locales);
        const session = new FormSessionBase(compiled, formId, shown, data, validation.__readyFor(compiled, shown));
        // Once the code that checks answers is here, a session is a full one from the start.
        context.__session = validation.__checked(session) ?? session;
        // Once the person has worked on a form here, another program's validators are fetched at once.
        if (!session.validated && validation.__validate) void validation.__load().catch(() => undefined);
        return session;
      } catch (cause) {
        if (token !== loads) return;
        context.__phase = 'failed';
        host.dispatchEvent(new CfErrorEvent({ kind: 'load', willRetry: false, cause }));
        host.requestUpdate();
      }
    },

    async __open(src, form) {
      ++loads;
      // Another version is opened after a send, so the code that checks answers is there already.
      const loaded = await loadProgram(src, undefined, wantedLocale, true);
      const validation = context.__validation;
      const validate = await validation.__load(loaded.compiled);
      const session = new FormSessionBase(loaded.compiled, form, wantedLocale(loaded.compiled.program.locales), undefined, validate);
      return { loaded, session: validation.__checked(session)! };
    },

    __adopt(loaded, session) {
      ++loads;
      ++switches;
      current = loaded;
      context.__session = session;
    },

    __catchUp() {
      const loaded = current;
      const s = context.__session;
      if (s && loaded?.module && definitionLocale(loaded.module, s.locale) !== loaded.definitionLocale) loader.__switchLocale();
    },

    get __textsFailed() {
      return textsFailed;
    },

    async __texts() {
      allTexts = true;
      const [program, words] = await Promise.allSettled([programTexts(), widgetWords()]);
      const failed = [program, words].find((r): r is PromiseRejectedResult => r.status === 'rejected');
      textsFailed = failed !== undefined;
      if (failed) throw failed.reason;
    },

    __locales() {
      return current?.module?.locales ?? context.__session?.compiled.program.locales ?? [];
    },

    __switchLocale() {
      const s = context.__session;
      if (!s) return;
      const locale = wantedLocale(current?.module?.locales ?? s.compiled.program.locales);
      if (allWordsReady(locale)) {
        switchTo(s, locale, ++switches);
        return;
      }
      // The words first, both files of them, so that no message is worked out in a language whose words are still on
      // their way.
      const turn = ++switches;
      const next = () => {
        if (turn !== switches || s !== context.__session) return;
        switchTo(s, wantedLocale(current?.module?.locales ?? s.compiled.program.locales), turn);
        host.requestUpdate();
      };
      loadAllWords(locale).then(next, next);
    },
  };

  /** The rest of the program's words in the language shown, for a definition that holds only its first pages'. */
  async function programTexts(): Promise<void> {
    // A language switched while the words were on their way: then those of the language now shown.
    for (;;) {
      const loaded = current;
      const s = context.__session;
      if (!loaded || !s || s.compiled !== loaded.compiled || hasAllTexts(loaded.compiled)) return;
      const next = await allTextsOf(loaded);
      if (current !== loaded || s !== context.__session) continue;
      current = next;
      s.setLocale(s.locale, next.compiled);
      host.requestUpdate();
      return;
    }
  }

  /** The widget's second file of words in the language shown (see `loadAllWords`); again for a language switched meanwhile. */
  async function widgetWords(): Promise<void> {
    for (;;) {
      const locale = context.__session?.locale;
      if (locale === undefined || allWordsReady(locale)) return;
      await loadAllWords(locale);
      host.requestUpdate();
      if (context.__session?.locale === locale) return;
    }
  }

  /** Shows the session in `locale`, the widget's words for it being there (or not to be had). */
  function switchTo(s: FormSessionBase, locale: string, turn: number): void {
    const loaded = current;
    if (!loaded?.module || definitionLocale(loaded.module, locale) === loaded.definitionLocale) {
      s.setLocale(locale);
      return;
    }
    const stillWanted = () => turn === switches && s === context.__session && loaded === current;
    // Once the person works on the form, another language comes with all its words (see `__texts`).
    const fetched = inLocale(loaded.module, locale, allTexts).then((next) => (allTexts ? allTextsOf(next) : next));
    fetched.then(
      (next) => {
        if (!stillWanted()) return;
        current = next;
        s.setLocale(locale, next.compiled);
        host.requestUpdate();
      },
      (cause: unknown) => {
        if (!stillWanted()) return;
        // The program's words in that language could not be fetched: the widget's own strings switch, the program's stay.
        s.setLocale(locale);
        host.requestUpdate();
        host.dispatchEvent(new CfErrorEvent({ kind: 'load', willRetry: false, cause }));
      },
    );
  }
  return loader;
}
