import { FimError } from './errors.js';
import { child, childrenNamed, textAt, type XmlElement } from './parse-xml.js';

/** The XDatenfelder namespaces this package reads, by standard version. */
export const xdfNamespaces = {
  'urn:xoev-de:fim:standard:xdatenfelder_2': '2.0',
  'urn:xoev-de:fim:standard:xdatenfelder_3.0.0': '3.0.0',
} as const;

export type XdfVersion = (typeof xdfNamespaces)[keyof typeof xdfNamespaces];

/** A rule (Regel) as written in the file; `text` is the free text a person wrote. */
export interface FimRule {
  readonly id: string;
  readonly version: string;
  readonly name: string;
  readonly text: string;
  /** v3 Regeltyp: B, K, M or V. */
  readonly type?: string;
  /** v3 `ziel`: the ids of the fields or groups the rule acts on. */
  readonly targets?: readonly string[];
}

/** Limits of a field (praezisierung), as strings until the mapping reads them. */
export interface FimLimits {
  readonly minLength?: string;
  readonly maxLength?: string;
  readonly minValue?: string;
  readonly maxValue?: string;
  readonly pattern?: string;
}

export interface FimCodeListRef {
  readonly urn: string;
  readonly version: string;
  readonly versionUri: string;
}

interface FimElementBase {
  readonly id: string;
  readonly version: string;
  readonly name: string;
  /** bezeichnungEingabe, or the name when it is empty. */
  readonly label: string;
  readonly help: string;
  readonly rules: readonly FimRule[];
}

export interface FimField extends FimElementBase {
  readonly kind: 'field';
  readonly feldart: string;
  readonly datentyp: string;
  readonly limits: FimLimits;
  /** v2 praezisierung that is not JSON, kept to report it. */
  readonly limitsUnreadable?: string;
  readonly content: string;
  readonly codeList?: FimCodeListRef;
  /** v3 inline values (werte). */
  readonly values?: readonly { readonly code: string; readonly label: string }[];
}

export interface FimGroup extends FimElementBase {
  readonly kind: 'group';
  readonly members: readonly FimMember[];
}

/** One entry of a struktur: how often an element occurs, and the element. */
export interface FimMember {
  readonly min: number;
  /** `Infinity` for `*`. */
  readonly max: number;
  readonly element: FimField | FimGroup;
}

export interface FimDocument extends FimGroup {
  readonly standard: XdfVersion;
  /** `stammdatenschema`, `datenfeldgruppe` or `datenfeld`. */
  readonly message: string;
}

const messages = ['stammdatenschema', 'datenfeldgruppe', 'datenfeld'] as const;

/**
 * Reads an XDatenfelder 2.0 or 3.0.0 message (a Stammdatenschema, a Datenfeldgruppe or a Datenfeld) into a
 * tree of groups and fields.
 *
 * @throws FimError `NOT_XDATENFELDER` (another namespace), `MESSAGE_UNSUPPORTED`, `STRUCTURE_CYCLE` (a group
 *   that contains itself) or `STRUCTURE_INVALID`.
 */
export function readXdf(root: XmlElement): FimDocument {
  const declared = root.attributes[root.prefix ? `xmlns:${root.prefix}` : 'xmlns'] ?? '';
  const standard = Object.prototype.hasOwnProperty.call(xdfNamespaces, declared) ? xdfNamespaces[declared as keyof typeof xdfNamespaces] : undefined;
  if (!standard) {
    throw new FimError(
      'NOT_XDATENFELDER',
      `the root element <${root.prefix ? root.prefix + ':' : ''}${root.name}> is in the namespace "${declared}", not XDatenfelder 2.0 (${Object.keys(xdfNamespaces)[0]}) or 3.0.0 (${Object.keys(xdfNamespaces)[1]})`,
    );
  }
  const message = messages.find((m) => root.name.startsWith(`xdatenfelder.${m}.`));
  const body = message ? child(root, message) : undefined;
  if (!message || !body) {
    throw new FimError('MESSAGE_UNSUPPORTED', `<${root.name}> is not a message this import reads; it reads xdatenfelder.stammdatenschema, .datenfeldgruppe and .datenfeld`);
  }
  const reader = new Reader(standard);
  if (message === 'datenfeld') {
    const field = reader.field(body);
    return { ...field, kind: 'group', members: [{ min: 1, max: 1, element: field }], standard, message };
  }
  return { ...reader.group(body, []), standard, message };
}

/** The digits of a FIM id without leading zeros after the first, so `G60000086` and `G60000000086` match. */
export function fimIdKey(id: string): string {
  const m = /^([A-Za-z])(\d)(\d*)$/.exec(id.trim());
  return m ? `${m[1]!.toUpperCase()}${m[2]}${m[3]!.replace(/^0+/, '')}` : id.trim();
}

class Reader {
  constructor(private readonly standard: XdfVersion) {}

  base(element: XmlElement): FimElementBase {
    const id = textAt(element, 'identifikation', 'id');
    if (!id) throw new FimError('STRUCTURE_INVALID', `a <${element.name}> has no identifikation/id`);
    const name = textAt(element, 'name');
    return {
      id,
      version: textAt(element, 'identifikation', 'version'),
      name,
      label: textAt(element, 'bezeichnungEingabe') || name || id,
      help: textAt(element, 'hilfetextEingabe'),
      rules: childrenNamed(element, 'regel').map((r) => this.rule(r)),
    };
  }

  rule(element: XmlElement): FimRule {
    const text = this.standard === '2.0' ? textAt(element, 'definition') : textAt(element, 'freitextRegel');
    const type = textAt(element, 'typ', 'code');
    const targets = childrenNamed(element, 'ziel')
      .map((z) => (z.attributes['element'] ?? '').trim())
      .filter((id) => id !== '');
    return {
      id: textAt(element, 'identifikation', 'id'),
      version: textAt(element, 'identifikation', 'version'),
      name: textAt(element, 'name'),
      text: text || textAt(element, 'beschreibung'),
      ...(type ? { type } : {}),
      ...(targets.length > 0 ? { targets } : {}),
    };
  }

  group(element: XmlElement, ancestors: readonly string[]): FimGroup {
    const base = this.base(element);
    const key = fimIdKey(base.id);
    if (ancestors.includes(key)) {
      throw new FimError('STRUCTURE_CYCLE', `the group ${base.id} "${base.name}" contains itself (through ${[...ancestors, key].join(' > ')})`, { id: base.id });
    }
    const inside = [...ancestors, key];
    const members = childrenNamed(element, 'struktur').map((s) => this.member(s, inside));
    return { ...base, kind: 'group', members };
  }

  member(struktur: XmlElement, ancestors: readonly string[]): FimMember {
    const anzahl = textAt(struktur, 'anzahl');
    const m = /^\s*(\d+)\s*:\s*(\d+|\*)\s*$/.exec(anzahl);
    const holder = child(struktur, 'enthaelt');
    const inner = holder?.children.find((c) => c.name === 'datenfeld' || c.name === 'datenfeldgruppe');
    if (!m || !inner) {
      throw new FimError('STRUCTURE_INVALID', `a struktur ${!m ? `has the anzahl "${anzahl}", not "min:max"` : 'contains neither a datenfeld nor a datenfeldgruppe'}`);
    }
    const min = Number(m[1]);
    const max = m[2] === '*' ? Infinity : Number(m[2]);
    if (max < min || max === 0) throw new FimError('STRUCTURE_INVALID', `the anzahl "${anzahl}" allows no value`);
    return { min, max, element: inner.name === 'datenfeld' ? this.field(inner) : this.group(inner, ancestors) };
  }

  field(element: XmlElement): FimField {
    const base = this.base(element);
    const praezisierung = child(element, 'praezisierung');
    let limits: FimLimits = {};
    let limitsUnreadable: string | undefined;
    if (this.standard === '3.0.0') {
      limits = pick(praezisierung?.attributes ?? {});
    } else if (praezisierung?.text) {
      const parsed = parseJsonObject(praezisierung.text);
      if (parsed) limits = pick(Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)])));
      else limitsUnreadable = praezisierung.text;
    }
    const ref = child(element, 'codelisteReferenz');
    const gc = this.standard === '2.0' ? child(ref, 'genericodeIdentification') : ref;
    const codeList = gc && textAt(gc, 'canonicalIdentification')
      ? { urn: textAt(gc, 'canonicalIdentification'), version: textAt(gc, 'version'), versionUri: textAt(gc, 'canonicalVersionUri') }
      : undefined;
    const werte = childrenNamed(child(element, 'werte'), 'wert').map((w) => ({ code: textAt(w, 'code'), label: textAt(w, 'name') || textAt(w, 'code') }));
    return {
      ...base,
      kind: 'field',
      feldart: textAt(element, 'feldart', 'code'),
      datentyp: textAt(element, 'datentyp', 'code'),
      limits,
      ...(limitsUnreadable !== undefined ? { limitsUnreadable } : {}),
      content: textAt(element, 'inhalt'),
      ...(codeList ? { codeList } : {}),
      ...(werte.length > 0 ? { values: werte } : {}),
    };
  }
}

function pick(source: Readonly<Record<string, string>>): FimLimits {
  const out: Record<string, string> = {};
  for (const key of ['minLength', 'maxLength', 'minValue', 'maxValue', 'pattern'] as const) {
    const value = source[key];
    if (typeof value === 'string' && value.trim() !== '') out[key] = value.trim();
  }
  return out;
}

/** The object a v2 `praezisierung` holds as JSON text, or undefined when the text is not a JSON object. */
function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
