import type { Node } from 'jsonc-parser';
import { designerError } from '../errors.js';
import type { DesignerLocale } from '../strings.js';
import type { JsonPath } from './json-path.js';
import { toPointer, valueAt } from './json-path.js';
import { applyEdit, detectStyle, indentAt, isOneLine, nodeAt, parseJsonText, serialize, reindent, type TextEdit, type TextStyle } from './json-text.js';

/**
 * One change to the document. Paths name existing places, except the last segment of `add`. Every operation
 * rewrites only the bytes it must: the rest of the text, its key order, spacing and unknown keys stay as they were.
 */
export type Operation =
  /** A new property (at `index` among the object's keys, at the end by default) or array item (at `index`, the end by default). */
  | { readonly op: 'add'; readonly path: JsonPath; readonly value: unknown; readonly index?: number }
  /** The value at `path` replaced by another. */
  | { readonly op: 'replace'; readonly path: JsonPath; readonly value: unknown }
  | { readonly op: 'remove'; readonly path: JsonPath }
  /** Within one object or array: the member at position `from` goes to position `to`; every member keeps its bytes. */
  | { readonly op: 'move'; readonly path: JsonPath; readonly from: number; readonly to: number }
  /** A property's key renamed in place: its position and value stay. */
  | { readonly op: 'rename'; readonly path: JsonPath; readonly from: string; readonly to: string }
  /** The text of the value at `from` added as a new member (as `add`), bytes kept (re-indented where it lands). */
  | { readonly op: 'copy'; readonly from: JsonPath; readonly path: JsonPath; readonly index?: number };

/** One step in the history: what the text was and became between two offsets. */
interface Step {
  readonly label: string;
  readonly offset: number;
  readonly before: string;
  readonly after: string;
}

/**
 * A program's JSON as the designer edits it: the original text, its parsed value, and edits as operations on
 * paths, with undo and redo. An untouched document gives back its original bytes; an edited one differs only
 * where the edits went.
 */
export class ProgramDocument {
  #text: string;
  #tree: Node;
  #value: unknown;
  #style: TextStyle;
  #undo: Step[] = [];
  #redo: Step[] = [];
  readonly locale: DesignerLocale;

  private constructor(text: string, tree: Node, value: unknown, locale: DesignerLocale) {
    this.#text = text;
    this.#tree = tree;
    this.#value = value;
    this.#style = detectStyle(text);
    this.locale = locale;
  }

  /**
   * Opens a program's text. Only JSON is taken (no comments, no trailing commas).
   *
   * @throws DesignerError `DESIGNER_NOT_JSON` with line and column.
   */
  static parse(text: string, locale: DesignerLocale = 'en'): ProgramDocument {
    const { tree, value } = parseJsonText(text, locale);
    return new ProgramDocument(text, tree, value, locale);
  }

  /** The text, byte for byte as opened where nothing was edited. */
  get text(): string {
    return this.#text;
  }

  /** The parsed value (do not change it: edit through `apply`). */
  get value(): unknown {
    return this.#value;
  }

  get(path: JsonPath): unknown {
    return valueAt(this.#value, path);
  }

  has(path: JsonPath): boolean {
    return nodeAt(this.#tree, path) !== undefined || path.length === 0;
  }

  get canUndo(): boolean {
    return this.#undo.length > 0;
  }

  get canRedo(): boolean {
    return this.#redo.length > 0;
  }

  /** The label of the step `undo` would take back. */
  get undoLabel(): string | undefined {
    return this.#undo.at(-1)?.label;
  }

  get redoLabel(): string | undefined {
    return this.#redo.at(-1)?.label;
  }

  /**
   * Applies operations in order as one step of the history. Either all apply or none does: a refused operation
   * leaves the text as it was.
   *
   * @throws DesignerError when a path is missing or a key is taken.
   */
  apply(operations: readonly Operation[], label: string): void {
    let text = this.#text;
    let parsed: { tree: Node; value: unknown } | undefined;
    for (const o of operations) {
      text = applyEdit(text, this.#edit(text, parsed?.tree ?? this.#tree, o));
      parsed = parseJsonText(text, this.locale);
    }
    // The text the last operation made is parsed already: the document takes that, not a second parse.
    this.#commit(text, label, parsed);
  }

  /**
   * Applies operations as part of the last step (one undo takes back both), for an edit whose later operations
   * depend on the text the earlier ones made. Without a last step it is a step of its own.
   */
  amend(operations: readonly Operation[]): void {
    const step = this.#undo.at(-1);
    let text = this.#text;
    let tree = this.#tree;
    for (const o of operations) {
      text = applyEdit(text, this.#edit(text, tree, o));
      tree = parseJsonText(text, this.locale).tree;
    }
    if (!step) return this.#commit(text, '');
    this.#undo.pop();
    this.#text = applyEdit(this.#text, { offset: step.offset, length: step.after.length, content: step.before });
    if (text === this.#text) this.#set(text);
    else this.#commit(text, step.label);
  }

  /**
   * Replaces the whole text (the JSON view, a paste) as one step. Text that is not JSON is refused with its line
   * and column, and the document stays as it was.
   */
  replaceText(text: string, label: string): void {
    this.#commit(text, label, parseJsonText(text, this.locale));
  }

  /** Takes the last step back; returns its label, or undefined when there was none. */
  undo(): string | undefined {
    const step = this.#undo.pop();
    if (!step) return undefined;
    this.#set(applyEdit(this.#text, { offset: step.offset, length: step.after.length, content: step.before }));
    this.#redo.push(step);
    return step.label;
  }

  redo(): string | undefined {
    const step = this.#redo.pop();
    if (!step) return undefined;
    this.#set(applyEdit(this.#text, { offset: step.offset, length: step.before.length, content: step.after }));
    this.#undo.push(step);
    return step.label;
  }

  #commit(text: string, label: string, parsed?: { tree: Node; value: unknown }): void {
    if (text === this.#text) return;
    const old = this.#text;
    // The step is the one stretch that differs: what is the same at both ends is left out.
    let start = 0;
    const max = Math.min(old.length, text.length);
    while (start < max && old.charCodeAt(start) === text.charCodeAt(start)) start++;
    let end = 0;
    while (end < max - start && old.charCodeAt(old.length - 1 - end) === text.charCodeAt(text.length - 1 - end)) end++;
    this.#undo.push({ label, offset: start, before: old.slice(start, old.length - end), after: text.slice(start, text.length - end) });
    this.#redo = [];
    this.#set(text, parsed);
  }

  #set(text: string, parsed = parseJsonText(text, this.locale)): void {
    const { tree, value } = parsed;
    this.#text = text;
    this.#tree = tree;
    this.#value = value;
  }

  #missing(path: JsonPath) {
    return designerError(this.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: toPointer(path) });
  }

  #node(tree: Node, path: JsonPath): Node {
    const node = path.length === 0 ? tree : nodeAt(tree, path);
    if (!node) throw this.#missing(path);
    return node;
  }

  /** The text edit of one operation on `text` (whose tree is `tree`). */
  #edit(text: string, tree: Node, o: Operation): TextEdit {
    switch (o.op) {
      case 'replace': {
        const node = this.#node(tree, o.path);
        const inline = isOneLine(text, node) || isScalar(o.value);
        return { offset: node.offset, length: node.length, content: serialize(o.value, inline, indentAt(text, node.offset), this.#style) };
      }
      case 'add':
        return this.#insert(text, tree, o.path, o.index, (indent, inline) => serialize(o.value, inline, indent, this.#style));
      case 'copy': {
        const source = this.#node(tree, o.from);
        const raw = text.slice(source.offset, source.offset + source.length);
        const from = indentAt(text, source.offset);
        return this.#insert(text, tree, o.path, o.index, (indent) => reindent(raw, from, indent));
      }
      case 'remove': {
        const node = this.#node(tree, o.path);
        const member = node.parent?.type === 'property' ? node.parent : node;
        const container = member.parent;
        if (!container || o.path.length === 0) throw this.#missing(o.path);
        const siblings = container.children!;
        const i = siblings.indexOf(member);
        if (siblings.length === 1) {
          return { offset: container.offset + 1, length: container.length - 2, content: '' };
        }
        if (i > 0) {
          const previous = siblings[i - 1]!;
          return { offset: previous.offset + previous.length, length: member.offset + member.length - (previous.offset + previous.length), content: '' };
        }
        return { offset: member.offset, length: siblings[1]!.offset - member.offset, content: '' };
      }
      case 'move': {
        const container = this.#node(tree, o.path);
        const slots = container.children ?? [];
        if (!(o.from in slots) || !(o.to in slots)) throw this.#missing([...o.path, o.from in slots ? o.to : o.from]);
        if (o.from === o.to) return { offset: 0, length: 0, content: '' };
        // The members permute; the separators between them stay where they were.
        const pieces = slots.map((s) => text.slice(s.offset, s.offset + s.length));
        const [moved] = pieces.splice(o.from, 1);
        pieces.splice(o.to, 0, moved!);
        const lo = Math.min(o.from, o.to);
        const hi = Math.max(o.from, o.to);
        let content = '';
        for (let i = lo; i <= hi; i++) {
          content += pieces[i];
          if (i < hi) content += text.slice(slots[i]!.offset + slots[i]!.length, slots[i + 1]!.offset);
        }
        const start = slots[lo]!.offset;
        return { offset: start, length: slots[hi]!.offset + slots[hi]!.length - start, content };
      }
      case 'rename': {
        const container = this.#node(tree, o.path);
        if (container.type !== 'object') throw this.#missing([...o.path, o.from]);
        const property = container.children!.find((p) => p.children?.[0]?.value === o.from);
        if (!property) throw this.#missing([...o.path, o.from]);
        if (o.from !== o.to && container.children!.some((p) => p.children?.[0]?.value === o.to)) {
          throw designerError(this.locale, 'DESIGNER_KEY_TAKEN', { key: o.to }, { pointer: toPointer([...o.path, o.to]), key: o.to });
        }
        const key = property.children![0]!;
        return { offset: key.offset, length: key.length, content: JSON.stringify(o.to) };
      }
    }
  }

  /** An edit that adds a member to the container at `path` minus its last segment; `write` gives the member's value text. */
  #insert(text: string, tree: Node, path: JsonPath, index: number | undefined, write: (indent: string, inline: boolean) => string): TextEdit {
    if (path.length === 0) throw this.#missing(path);
    const parentPath = path.slice(0, -1);
    const last = path[path.length - 1]!;
    const container = this.#node(tree, parentPath);
    const members = container.children ?? [];
    let at: number;
    let prefix = '';
    if (container.type === 'object') {
      if (typeof last !== 'string') throw this.#missing(path);
      if (members.some((p) => p.children?.[0]?.value === last)) {
        throw designerError(this.locale, 'DESIGNER_KEY_TAKEN', { key: last }, { pointer: toPointer(path), key: last });
      }
      at = Math.max(0, Math.min(index ?? members.length, members.length));
      prefix = `${JSON.stringify(last)}: `;
    } else if (container.type === 'array') {
      const wanted = index ?? (typeof last === 'number' ? last : members.length);
      at = Math.max(0, Math.min(wanted, members.length));
    } else throw this.#missing(parentPath);

    const containerIndent = indentAt(text, container.offset);
    if (members.length === 0) {
      if (isOneLine(text, container)) {
        const member = prefix + write(containerIndent, true);
        return { offset: container.offset + 1, length: container.length - 2, content: container.type === 'object' ? ` ${member} ` : member };
      }
      const childIndent = containerIndent + this.#style.unit;
      const member = prefix + write(childIndent, false);
      return { offset: container.offset + 1, length: container.length - 2, content: `${this.#style.eol}${childIndent}${member}${this.#style.eol}${containerIndent}` };
    }
    const inlineContainer = isOneLine(text, container);
    const neighbour = members[Math.min(at, members.length - 1)]!;
    const childIndent = inlineContainer ? containerIndent : indentAt(text, neighbour.offset);
    const neighbourValue = neighbour.type === 'property' ? neighbour.children![1] : neighbour;
    const inline = inlineContainer || (neighbourValue !== undefined && isOneLine(text, neighbourValue));
    const member = prefix + write(childIndent, inline);
    const separator = inlineContainer ? ', ' : `,${this.#style.eol}${childIndent}`;
    if (at < members.length) {
      return { offset: neighbour.offset, length: 0, content: member + separator };
    }
    const previous = members[members.length - 1]!;
    return { offset: previous.offset + previous.length, length: 0, content: separator + member };
  }
}

const isScalar = (v: unknown) => v === null || typeof v !== 'object';
