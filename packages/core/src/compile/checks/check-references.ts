import fastUri from 'fast-uri';
import type { CheckContext } from './context.js';
import { walkSchema } from './walk-schema.js';
import { parsePointer } from '../../runtime/pointer.js';

type Node = Readonly<Record<string, unknown>>;

/** Where a subschema sits: its pointer in the definition, the base URI its references resolve against. */
interface Place {
  readonly pointer: string;
  readonly base: string;
}

// Keywords that apply a subschema to the very value the schema applies to. A loop through these and `$ref`
// never reaches deeper into the data, so Ajv's code for it calls itself until the stack overflows.
const IN_PLACE_SINGLE = ['not', 'if', 'then', 'else'];
const IN_PLACE_LIST = ['allOf', 'anyOf', 'oneOf'];

/**
 * Refuses what Ajv cannot run safely, each with a pointer to the keyword:
 * - `$dynamicRef` and `$dynamicAnchor` (`SCHEMA_DYNAMIC_REF`): their target depends on the path that led there,
 *   which Ajv follows only in part (recursive patterns of the JSON Schema Test Suite make every call overflow the
 *   stack), and civicflow's own readers of a form (fields, closed schemas, personal data) do not follow them at all;
 * - a `$ref` that comes back to where it started without going into the data (`SCHEMA_REF_LOOP`): `{"$ref": "#"}`
 *   at the root, or `allOf: [{"$ref": "#"}]`, loops for any data.
 * References resolve as Ajv resolves them (`$id`, `$anchor`, JSON Pointers, with Ajv's own URI library).
 * Returns whether it found nothing.
 */
export function checkReferences(ctx: CheckContext, schema: unknown, pointer: string): boolean {
  let clean = true;
  const places = new Map<Node, Place>();
  const resources = new Map<string, Node>();
  const anchors = new Map<string, Node>();
  // walkSchema gives each subschema after its parent, so a parent's base is known when its children come.
  const parents = new Map<Node, Node>();
  walkSchema(schema, pointer, (node, at) => {
    for (const keyword of ['$dynamicRef', '$dynamicAnchor']) {
      if (keyword in node) {
        clean = false;
        ctx.report('SCHEMA_DYNAMIC_REF', `${at}/${keyword}`, { keyword });
      }
    }
    for (const child of children(node)) parents.set(child, node);
    const parent = parents.get(node);
    let base = parent ? places.get(parent)!.base : '';
    if (typeof node['$id'] === 'string') {
      base = fastUri.resolve(base, node['$id']).replace(/#$/, '');
      resources.set(base, node);
    }
    if (!resources.has(base)) resources.set(base, node);
    if (typeof node['$anchor'] === 'string') anchors.set(`${base}#${node['$anchor']}`, node);
    places.set(node, { pointer: at, base });
  });
  if (!clean) return false;
  const target = (node: Node): Node | undefined => {
    const ref = node['$ref'];
    const place = places.get(node);
    if (typeof ref !== 'string' || !place) return undefined;
    const uri = fastUri.resolve(place.base, ref);
    const hash = uri.indexOf('#');
    const resource = hash === -1 ? uri : uri.slice(0, hash);
    const fragment = hash === -1 ? '' : uri.slice(hash + 1);
    if (fragment !== '' && !fragment.startsWith('/')) return anchors.get(uri);
    let at: unknown = resources.get(resource);
    for (const token of parsePointer(safeDecode(fragment))) at = isNode(at) ? at[token] : undefined;
    // Only subschemas count: a reference into anything else is Ajv's to refuse.
    return isNode(at) && places.has(at) ? at : undefined;
  };
  for (const at of refLoops(places.keys(), target)) {
    clean = false;
    ctx.report('SCHEMA_REF_LOOP', `${places.get(at)!.pointer}/$ref`, {});
  }
  return clean;
}

/** The nodes whose `$ref` closes a loop of in-place subschemas (found by depth-first search), one per loop. */
function refLoops(nodes: Iterable<Node>, target: (node: Node) => Node | undefined): Set<Node> {
  const done = new Set<Node>();
  const found = new Set<Node>();
  const edgesOf = (node: Node): Edge[] => {
    const ref = target(node);
    return [...inPlace(node).map((to) => ({ from: node, to, viaRef: false })), ...(ref ? [{ from: node, to: ref, viaRef: true }] : [])];
  };
  for (const start of nodes) {
    if (done.has(start)) continue;
    // An explicit stack: a long chain of references must not overflow this search either.
    const path: { node: Node; edges: Edge[]; via: Edge | undefined }[] = [{ node: start, edges: edgesOf(start), via: undefined }];
    const onPath = new Map<Node, number>([[start, 0]]);
    while (path.length > 0) {
      const top = path[path.length - 1]!;
      const edge = top.edges.shift();
      if (edge === undefined) {
        done.add(top.node);
        onPath.delete(top.node);
        path.pop();
        continue;
      }
      const back = onPath.get(edge.to);
      if (back !== undefined) {
        // The loop: the edges into path[back + 1 …], then this one. It holds a `$ref` (a schema is a tree).
        const loop = [...path.slice(back + 1).map((p) => p.via!), edge];
        found.add(loop.find((e) => e.viaRef)!.from);
      } else if (!done.has(edge.to)) {
        onPath.set(edge.to, path.length);
        path.push({ node: edge.to, edges: edgesOf(edge.to), via: edge });
      }
    }
  }
  return found;
}

interface Edge {
  readonly from: Node;
  readonly to: Node;
  readonly viaRef: boolean;
}

function inPlace(node: Node): Node[] {
  const out: Node[] = [];
  for (const key of IN_PLACE_SINGLE) if (isNode(node[key])) out.push(node[key] as Node);
  for (const key of IN_PLACE_LIST) {
    const list = node[key];
    if (Array.isArray(list)) for (const sub of list) if (isNode(sub)) out.push(sub);
  }
  const dependent = node['dependentSchemas'];
  if (isNode(dependent)) for (const sub of Object.values(dependent)) if (isNode(sub)) out.push(sub);
  return out;
}

/** Every direct subschema of a node, as walkSchema visits them. */
function children(node: Node): Node[] {
  const out: Node[] = [];
  for (const value of Object.values(node)) {
    if (isNode(value)) out.push(value, ...Object.values(value).filter(isNode));
    else if (Array.isArray(value)) out.push(...value.filter(isNode));
  }
  return out;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
