import { expect } from '@esm-bundle/chai';
import { caseStrings, type CaseStrings } from './case-strings.js';
import { ElementLocale, localeOf } from './element-locale.js';

/** A plain element with the `locale` and `strings` properties the widgets have. */
function localised(locale?: string, strings?: Partial<CaseStrings>): HTMLElement & { locale?: string; strings?: Partial<CaseStrings> } {
  const el = document.createElement('div') as HTMLElement & { locale?: string; strings?: Partial<CaseStrings> };
  if (locale !== undefined) el.locale = locale;
  if (strings !== undefined) el.strings = strings;
  return el;
}

function inside(lang: string, el: HTMLElement): HTMLElement {
  const wrapper = document.createElement('section');
  wrapper.lang = lang;
  wrapper.append(el);
  document.body.append(wrapper);
  return wrapper;
}

describe('localeOf', () => {
  it('takes the element’s own locale first', () => {
    const wrapper = inside('en', localised('de-CH'));
    expect(localeOf(wrapper.firstElementChild as HTMLElement, 'fr')).to.equal('de-CH');
    wrapper.remove();
  });

  it('takes the nearest lang around the element, else the fallback', () => {
    const el = localised();
    const wrapper = inside('en-GB', el);
    expect(localeOf(el, 'de')).to.equal('en-GB');
    wrapper.remove();
    el.remove();
    expect(localeOf(el, 'de')).to.equal('de');
  });
});

describe('ElementLocale', () => {
  it('reads the locale, wording and direction afresh when the page changes its lang', () => {
    const el = localised(undefined, { loading: 'Einen Moment …' });
    const wrapper = inside('en', el);
    const locale = new ElementLocale<CaseStrings>(el, caseStrings, 'de');
    expect(locale.locale).to.equal('en');
    expect(locale.strings.statusTitle).to.equal(caseStrings('en').statusTitle);
    expect(locale.strings.loading).to.equal('Einen Moment …');
    expect(locale.direction).to.equal('ltr');
    wrapper.lang = 'ar';
    expect(locale.locale).to.equal('ar');
    expect(locale.direction).to.equal('rtl');
    wrapper.remove();
  });
});
