import { expect } from '@esm-bundle/chai';
import { html, css, type CSSResult } from './lit.js';
import { BaseElement, type PropertyDeclaration, type PropertyValues } from './base-element.js';
import { addStyles } from './add-styles.js';

/** An element with a property of each kind, counting its updates and recording what changed in each. */
class Probe extends BaseElement {
  static override properties: Record<string, PropertyDeclaration> = {
    label: {},
    count: { type: Number },
    open: { type: Boolean },
    headingLevel: { type: Number, attribute: 'heading-level' },
    data: { attribute: false },
    busy: { state: true },
  };
  static override styles = [css`:host { display: block; }`, [css`p { margin: 0; }`]];

  declare label: string | undefined;
  declare count: number | undefined;
  declare open: boolean;
  declare headingLevel: number;
  declare data: unknown;
  declare busy: boolean;
  updates: PropertyValues[] = [];
  clicks = 0;

  constructor() {
    super();
    this.open = false;
  }

  protected override willUpdate(changed: PropertyValues): void {
    // A value worked out here belongs to this update, as the property it comes from.
    if (changed.has('count')) this.busy = (this.count ?? 0) > 10;
  }

  protected override render() {
    return html`<p>${this.label ?? ''} ${this.count ?? ''} ${this.open ? 'open' : 'closed'}</p><button @click=${this.#click}>x</button>`;
  }

  #click() {
    // `this` is the element: templates' listeners are bound to their host.
    this.clicks++;
  }

  protected override updated(changed: PropertyValues): void {
    this.updates.push(new Map(changed));
  }
}
customElements.define('cf-test-probe', Probe);

const text = (el: Probe) => el.shadowRoot!.querySelector('p')!.textContent;

describe('BaseElement', () => {
  afterEach(() => document.body.replaceChildren());

  it('draws once it is in a document, with the attributes read into their properties', async () => {
    const el = document.createElement('cf-test-probe') as Probe;
    el.setAttribute('label', 'Anmeldung');
    el.setAttribute('count', '3');
    el.setAttribute('open', '');
    el.setAttribute('heading-level', '4');
    await Promise.resolve();
    expect(el.updates).to.have.length(0);
    document.body.append(el);
    await el.updateComplete;
    expect(text(el)).to.equal('Anmeldung 3 open');
    expect([el.count, el.open, el.headingLevel]).to.deep.equal([3, true, 4]);
    expect(el.updates).to.have.length(1);
    el.removeAttribute('open');
    await el.updateComplete;
    expect(el.open).to.equal(false);
    expect(text(el)).to.equal('Anmeldung 3 closed');
  });

  it('makes one update of several changes, and none of a value set again', async () => {
    const el = document.createElement('cf-test-probe') as Probe;
    document.body.append(el);
    await el.updateComplete;
    el.updates = [];
    el.label = 'a';
    el.count = 1;
    el.data = { x: 1 };
    expect(await el.updateComplete).to.equal(true);
    expect(el.updates).to.have.length(1);
    expect([...el.updates[0]!.keys()].sort()).to.deep.equal(['busy', 'count', 'data', 'label']);
    expect(el.updates[0]!.get('label')).to.equal(undefined);
    el.label = 'a';
    el.count = Number.NaN;
    await el.updateComplete;
    el.count = Number.NaN;
    await el.updateComplete;
    expect(el.updates).to.have.length(2);
    expect(el.updates[1]!.get('count')).to.equal(1);
  });

  it('takes over a value a page set before the class was defined', async () => {
    const el = document.createElement('cf-test-late') as Probe;
    (el as unknown as { label: string }).label = 'früh';
    document.body.append(el);
    customElements.define('cf-test-late', class extends Probe {});
    const upgraded = document.querySelector('cf-test-late') as Probe;
    await upgraded.updateComplete;
    expect(Object.hasOwn(upgraded, 'label')).to.equal(false);
    expect(text(upgraded)).to.equal('früh  closed');
    upgraded.label = 'später';
    await upgraded.updateComplete;
    expect(text(upgraded)).to.equal('später  closed');
  });

  it('adopts the styles of the class, nested lists too, and binds listeners to the element', async () => {
    const el = document.createElement('cf-test-probe') as Probe;
    document.body.append(el);
    await el.updateComplete;
    expect(getComputedStyle(el).display).to.equal('block');
    expect(getComputedStyle(el.shadowRoot!.querySelector('p')!).marginTop).to.equal('0px');
    el.shadowRoot!.querySelector('button')!.click();
    expect(el.clicks).to.equal(1);
  });

  it('shares one constructed sheet per style among all elements of a kind, and adds a later sheet once', async () => {
    const one = document.createElement('cf-test-probe') as Probe;
    const two = document.createElement('cf-test-probe') as Probe;
    document.body.append(one, two);
    await Promise.all([one.updateComplete, two.updateComplete]);
    const sheets = one.shadowRoot!.adoptedStyleSheets;
    expect(sheets.length).to.equal(2);
    expect(two.shadowRoot!.adoptedStyleSheets).to.deep.equal(sheets);
    expect(sheets[0]).to.equal((Probe.styles[0] as CSSResult).styleSheet);
    expect([...sheets[1]!.cssRules].map((r) => r.cssText)).to.deep.equal(['p { margin: 0px; }']);
    const later = css`p { color: rgb(1, 2, 3); }`;
    addStyles(one.shadowRoot!, [later, later]);
    addStyles(one.shadowRoot!, [later]);
    expect(one.shadowRoot!.adoptedStyleSheets.length).to.equal(3);
    expect(getComputedStyle(one.shadowRoot!.querySelector('p')!).color).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle(two.shadowRoot!.querySelector('p')!).color).not.to.equal('rgb(1, 2, 3)');
  });

  it('tells controllers when the element comes and goes', async () => {
    const el = document.createElement('cf-test-probe') as Probe;
    const heard: string[] = [];
    el.addController({ hostConnected: () => heard.push('connected'), hostDisconnected: () => heard.push('disconnected') });
    document.body.append(el);
    el.remove();
    document.body.append(el);
    expect(heard).to.deep.equal(['connected', 'disconnected', 'connected']);
    const late = { hostConnected: () => heard.push('late') };
    el.addController(late);
    expect(heard.at(-1)).to.equal('late');
  });

  it("gives a subclass its parent's properties and attributes beside its own", async () => {
    class Wider extends Probe {
      static override properties = { note: {} };
      declare note: string | undefined;
      protected override render() {
        return html`<p>${this.label ?? ''} ${this.note ?? ''}</p>`;
      }
    }
    customElements.define('cf-test-wider', Wider);
    const el = document.createElement('cf-test-wider') as Wider;
    el.setAttribute('label', 'Titel');
    el.setAttribute('note', 'Hinweis');
    document.body.append(el);
    await el.updateComplete;
    expect(text(el)).to.equal('Titel Hinweis');
    el.count = 2;
    await el.updateComplete;
    expect(el.updates.at(-1)!.has('count')).to.equal(true);
  });

  it('keeps updating after an update failed', async () => {
    class Failing extends Probe {
      fail = true;
      protected override willUpdate(changed: PropertyValues): void {
        if (this.fail && changed.has('label')) throw new Error('broken');
      }
    }
    customElements.define('cf-test-failing', Failing);
    const el = document.createElement('cf-test-failing') as Failing;
    document.body.append(el);
    await el.updateComplete;
    el.label = 'x';
    let error: unknown;
    await el.updateComplete.catch((e: unknown) => (error = e));
    expect((error as Error).message).to.equal('broken');
    el.fail = false;
    el.label = 'y';
    await el.updateComplete;
    expect(text(el)).to.equal('y  closed');
  });

  it('resolves updateComplete after an update asked for while the last one was drawn', async () => {
    class Twice extends Probe {
      protected override updated(changed: PropertyValues): void {
        super.updated(changed);
        if (changed.has('label') && this.label === 'first') this.label = 'second';
      }
    }
    customElements.define('cf-test-twice', Twice);
    const el = document.createElement('cf-test-twice') as Twice;
    document.body.append(el);
    await el.updateComplete;
    el.label = 'first';
    const first = el.updateComplete;
    expect(await first).to.equal(false);
    await el.updateComplete;
    expect(text(el)).to.equal('second  closed');
  });
});
