import { render, type RenderOptions } from 'lit-html';
import type { CSSResult, CSSResultGroup } from './sheet.js';
import { addStyles } from './add-styles.js';
import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element/reactive-controller.js';

/**
 * How a property is declared: the attribute it is read from (the lowercased name unless given; none with `false` or
 * for `state`), and the attribute's type (a string unless `Boolean`, present or not, or `Number`).
 */
export interface PropertyDeclaration {
  readonly attribute?: string | boolean;
  readonly type?: typeof Boolean | typeof Number;
  readonly state?: boolean;
}

/** The properties changed since the last update, each with its value before. */
export type PropertyValues<T = unknown> = Map<keyof T | PropertyKey, unknown>;

type ElementClass = typeof BaseElement;
interface Finalized {
  /** Attribute name → the property it is read into, and its type. */
  readonly attributes: ReadonlyMap<string, readonly [property: string, type: PropertyDeclaration['type']]>;
  /** Every declared property, the class's own and its parents'. */
  readonly names: readonly string[];
}

/** Each class's properties, worked out once, when the browser first asks for its attributes or an element is made. */
const finalized = new WeakMap<ElementClass, Finalized>();

/**
 * Defines an accessor on the class's prototype for each property it and its parent classes declare (a class's own
 * declaration wins), and maps their attributes to them.
 */
function finalize(cls: ElementClass): Finalized {
  const known = finalized.get(cls);
  if (known) return known;
  const declared = new Map<string, PropertyDeclaration>();
  for (let c: ElementClass = cls; c !== BaseElement; c = Object.getPrototypeOf(c) as ElementClass) {
    if (!Object.hasOwn(c, 'properties')) continue;
    for (const [name, d] of Object.entries(c.properties)) if (!declared.has(name)) declared.set(name, d);
  }
  const attributes = new Map<string, readonly [string, PropertyDeclaration['type']]>();
  for (const [name, d] of declared) {
    Object.defineProperty(cls.prototype, name, {
      get(this: BaseElement) {
        return this.__values.get(name);
      },
      set(this: BaseElement, value: unknown) {
        const old = this.__values.get(name);
        // The same value, or NaN again, changes nothing.
        if (old === value || (old !== old && value !== value)) return;
        this.__values.set(name, value);
        this.requestUpdate(name, old);
      },
      configurable: true,
    });
    if (d.attribute !== false && !d.state) attributes.set(typeof d.attribute === 'string' ? d.attribute : name.toLowerCase(), [name, d.type]);
  }
  const result = { attributes, names: [...declared.keys()] };
  finalized.set(cls, result);
  return result;
}

/**
 * The base of the widget's own elements, drawn with lit-html: declared properties (`static properties`) update the
 * element when they change, several changes in one update a microtask later, the first once the element is in a
 * document; attributes are read into their properties; the class's `styles` are adopted by its shadow root (or, where
 * a browser cannot adopt sheets, written into it with the page's `litNonce`); controllers hear when the element is
 * connected and disconnected. An update calls `willUpdate(changed)`, draws `render()` into `renderRoot` and calls
 * `updated(changed)`; `updateComplete` resolves after it.
 *
 * It does what `<cf-form>` and the elements inside it use of Lit's element base, for about a third of its bytes
 * (0.6 KB of 2.0 KB gzip in the embed): the widget's first file carries no more than the first screen needs. No
 * property is reflected to an attribute.
 */
export class BaseElement extends HTMLElement implements ReactiveControllerHost {
  static properties: Readonly<Record<string, PropertyDeclaration>> = {};
  static styles?: CSSResultGroup;

  static get observedAttributes(): string[] {
    return [...finalize(this).attributes.keys()];
  }

  /** @internal The declared properties' values. */
  readonly __values = new Map<string, unknown>();
  renderRoot!: HTMLElement | ShadowRoot;
  #changed: PropertyValues = new Map();
  #pending = false;
  #complete: Promise<boolean> = Promise.resolve(true);
  #connect!: () => void;
  readonly #connected = new Promise<void>((resolve) => (this.#connect = resolve));
  readonly #controllers = new Set<ReactiveController>();
  readonly #options: RenderOptions = { host: this };

  constructor() {
    super();
    const { names } = finalize(this.constructor as ElementClass);
    this.requestUpdate();
    // A page may set a property before the element's class is defined: the value is then the element's own property,
    // which would hide the accessor. It is taken over as the property's value.
    for (const name of names) {
      if (!Object.hasOwn(this, name)) continue;
      const self = this as unknown as Record<string, unknown>;
      const value = self[name];
      delete self[name];
      self[name] = value;
    }
  }

  /** The shadow root with the class's styles; an element that draws into itself returns `this`. */
  protected createRenderRoot(): HTMLElement | ShadowRoot {
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    const styles = (this.constructor as ElementClass).styles;
    if (styles !== undefined) addStyles(root, [styles].flat(Infinity as 1) as CSSResult[]);
    return root;
  }

  addController(controller: ReactiveController): void {
    this.#controllers.add(controller);
    if (this.isConnected) controller.hostConnected?.();
  }

  removeController(controller: ReactiveController): void {
    this.#controllers.delete(controller);
  }

  connectedCallback(): void {
    this.renderRoot ??= this.createRenderRoot();
    for (const c of this.#controllers) c.hostConnected?.();
    this.#connect();
  }

  disconnectedCallback(): void {
    for (const c of this.#controllers) c.hostDisconnected?.();
  }

  attributeChangedCallback(name: string, _old: string | null, value: string | null): void {
    const [property, type] = finalize(this.constructor as ElementClass).attributes.get(name)!;
    (this as unknown as Record<string, unknown>)[property] = type === Boolean ? value !== null : type === Number && value !== null ? Number(value) : value;
  }

  /** Asks for an update a microtask from now; `name` and `old` say which property changed from what. */
  requestUpdate(name?: PropertyKey, old?: unknown): void {
    if (name !== undefined && !this.#changed.has(name)) this.#changed.set(name, old);
    if (this.#pending) return;
    this.#pending = true;
    this.#complete = this.#update();
  }

  /** Resolves after the update asked for last: true when no other was asked for meanwhile. */
  get updateComplete(): Promise<boolean> {
    return this.#complete;
  }

  async #update(): Promise<boolean> {
    await this.#connected;
    const changed = this.#changed;
    let drawn: unknown;
    try {
      // Changes made by `willUpdate` and `render` belong to this update; later ones ask for the next.
      this.willUpdate(changed);
      drawn = this.render();
    } finally {
      this.#changed = new Map();
      this.#pending = false;
    }
    render(drawn, this.renderRoot, this.#options);
    this.updated(changed);
    return !this.#pending;
  }

  protected willUpdate(_changed: PropertyValues): void {}

  protected render(): unknown {
    return undefined;
  }

  protected updated(_changed: PropertyValues): void {}
}
