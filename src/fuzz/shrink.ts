/**
 * Delta-debugging style minimisation of a frame that triggers a finding. Greedy: propose
 * reductions biggest-first (drop half the fields, then quarters, ... then single ones; hoist
 * long single-child nesting chains; shorten strings; move numbers toward 0), keep the first one
 * that still fails, and start over from it. Every accepted step strictly reduces the frame, and
 * the number of predicate calls is bounded by maxSteps. No randomness: the same frame and
 * predicate give the same result.
 *
 * Everything is iterative so a 10 000-deep nesting frame can be shrunk without a stack overflow.
 */

type Node =
  | { k: 'obj'; e: Array<[string, Node]> }
  | { k: 'arr'; e: Node[] }
  | { k: 'str'; v: string }
  | { k: 'num'; v: number }
  | { k: 'lit'; raw: 'true' | 'false' | 'null' };

export interface ShrinkResult {
  /** The smallest frame found that still fails (the input when nothing smaller does). */
  frame: string;
  /** Predicate calls made. */
  steps: number;
  /** True when maxSteps stopped the search before a fixpoint. */
  exhausted: boolean;
}

export async function shrink(frame: string, stillFails: (frame: string) => Promise<boolean>, maxSteps = 500): Promise<ShrinkResult> {
  let value: unknown;
  try {
    value = JSON.parse(frame);
  } catch {
    return shrinkText(frame, stillFails, maxSteps);
  }
  let tree = toNode(value);
  // In a CALL/SEND-shaped frame only the payload is minimised: the envelope is what makes it a frame.
  const focus: number[] =
    tree.k === 'arr' && tree.e.length >= 3 && tree.e[0].k === 'num' && isContainer(tree.e[tree.e.length - 1]) ? [tree.e.length - 1] : [];
  let best = frame;
  let steps = 0;
  outer: for (;;) {
    for (const cand of candidates(tree, focus)) {
      if (steps >= maxSteps) return { frame: best, steps, exhausted: true };
      const text = serialize(cand);
      if (text === best) continue;
      steps++;
      if (await stillFails(text)) {
        best = text;
        tree = cand;
        continue outer;
      }
    }
    return { frame: best, steps, exhausted: false };
  }
}

/** ddmin over characters, for frames that are not JSON at all. */
async function shrinkText(frame: string, stillFails: (frame: string) => Promise<boolean>, maxSteps: number): Promise<ShrinkResult> {
  let best = frame;
  let steps = 0;
  let chunk = Math.max(1, Math.floor(best.length / 2));
  while (best.length > 0) {
    let reduced = false;
    for (let start = 0; start < best.length; start += chunk) {
      if (steps >= maxSteps) return { frame: best, steps, exhausted: true };
      const cand = best.slice(0, start) + best.slice(start + chunk);
      steps++;
      if (await stillFails(cand)) {
        best = cand;
        reduced = true;
        start -= chunk; // the next chunk now starts here
      }
    }
    if (!reduced) {
      if (chunk === 1) break;
      chunk = Math.max(1, Math.floor(chunk / 2));
    } else chunk = Math.min(chunk, Math.max(1, Math.floor(best.length / 2)));
  }
  return { frame: best, steps, exhausted: false };
}

const isContainer = (n: Node): n is Extract<Node, { k: 'obj' | 'arr' }> => n.k === 'obj' || n.k === 'arr';

function children(n: Node): Node[] {
  return n.k === 'obj' ? n.e.map(([, v]) => v) : n.k === 'arr' ? n.e : [];
}

/** Reductions of the tree, biggest first per node, nodes in breadth-first order from `focus`. */
function* candidates(root: Node, focus: number[]): Generator<Node> {
  const start = nodeAt(root, focus);
  const queue: Array<{ node: Node; path: number[] }> = [{ node: start, path: focus }];
  for (let qi = 0; qi < queue.length; qi++) {
    const { node, path } = queue[qi];
    if (isContainer(node)) {
      const n = node.e.length;
      for (let chunk = n; chunk >= 1; chunk = chunk === 1 ? 0 : Math.ceil(chunk / 2)) {
        for (let s = 0; s < n; s += chunk) {
          const e = [...node.e.slice(0, s), ...node.e.slice(s + chunk)];
          yield replaceAt(root, path, { k: node.k, e } as Node);
        }
        if (chunk === 1) break;
      }
      // A single-child chain (deep nesting): hoist a descendant, halving the jump each time.
      let chain = 0;
      let cur: Node = node;
      const chainNodes: Node[] = [];
      while (isContainer(cur) && cur.e.length === 1 && isContainer(children(cur)[0])) {
        cur = children(cur)[0];
        chainNodes.push(cur);
        chain++;
      }
      // Hoisting one level replaces this node by its only child; collapsing d levels inside the
      // chain keeps this node (and the key it sits under) and removes the ones below it.
      if (chain >= 1) yield replaceAt(root, path, chainNodes[0]);
      for (let d = chain - 1; d >= 1; d = d === 1 ? 0 : Math.ceil(d / 2)) {
        yield replaceAt(root, [...path, 0], chainNodes[d]);
        if (d === 1) break;
      }
      // Descend; a chain is entered at its end, so a 10 000-deep one costs one queue entry.
      if (chain > 0) queue.push({ node: chainNodes[chain - 1], path: [...path, ...new Array<number>(chain).fill(0)] });
      else children(node).forEach((c, i) => queue.push({ node: c, path: [...path, i] }));
    } else if (node.k === 'str' && node.v.length > 0) {
      yield replaceAt(root, path, { k: 'str', v: '' });
      const chars = [...node.v];
      if (chars.length > 1) yield replaceAt(root, path, { k: 'str', v: chars.slice(0, Math.floor(chars.length / 2)).join('') });
    } else if (node.k === 'num' && node.v !== 0 && !Object.is(node.v, -0)) {
      yield replaceAt(root, path, { k: 'num', v: 0 });
      const half = Math.trunc(node.v / 2);
      if (Number.isFinite(node.v) && half !== 0 && half !== node.v) yield replaceAt(root, path, { k: 'num', v: half });
    }
  }
}

function nodeAt(root: Node, path: number[]): Node {
  let cur = root;
  for (const i of path) cur = children(cur)[i];
  return cur;
}

/** A copy of root with the node at path replaced; only the nodes along the path are copied. */
function replaceAt(root: Node, path: number[], replacement: Node): Node {
  const along: Node[] = [root];
  for (const i of path) along.push(children(along[along.length - 1])[i]);
  let acc = replacement;
  for (let d = path.length - 1; d >= 0; d--) {
    const parent = along[d];
    const i = path[d];
    if (parent.k === 'obj') {
      const e = parent.e.slice();
      e[i] = [e[i][0], acc];
      acc = { k: 'obj', e };
    } else if (parent.k === 'arr') {
      const e = parent.e.slice();
      e[i] = acc;
      acc = { k: 'arr', e };
    }
  }
  return acc;
}

/** JSON value → tree, iteratively. Own "__proto__" keys from JSON.parse survive as entries. */
function toNode(value: unknown): Node {
  const rootHolder: { k: 'arr'; e: Node[] } = { k: 'arr', e: [] };
  const work: Array<{ v: unknown; put: (n: Node) => void }> = [{ v: value, put: (n) => rootHolder.e.push(n) }];
  while (work.length > 0) {
    const { v, put } = work.pop()!;
    if (Array.isArray(v)) {
      const node: Node = { k: 'arr', e: new Array<Node>(v.length) };
      put(node);
      v.forEach((c, i) => work.push({ v: c, put: (n) => (node.e[i] = n) }));
    } else if (v !== null && typeof v === 'object') {
      const keys = Object.keys(v);
      const node: Node = { k: 'obj', e: new Array<[string, Node]>(keys.length) };
      put(node);
      keys.forEach((key, i) => work.push({ v: (v as Record<string, unknown>)[key], put: (n) => (node.e[i] = [key, n]) }));
    } else if (typeof v === 'string') put({ k: 'str', v });
    else if (typeof v === 'number') put({ k: 'num', v });
    else put({ k: 'lit', raw: v === true ? 'true' : v === false ? 'false' : 'null' });
  }
  return rootHolder.e[0];
}

/** Tree → JSON text, iteratively; keeps 1e999 and -0, which JSON.stringify would rewrite. */
function serialize(root: Node): string {
  const out: string[] = [];
  const stack: Array<Node | string> = [root];
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (typeof x === 'string') {
      out.push(x);
      continue;
    }
    switch (x.k) {
      case 'arr':
        out.push('[');
        stack.push(']');
        for (let i = x.e.length - 1; i >= 0; i--) {
          stack.push(x.e[i]);
          if (i > 0) stack.push(',');
        }
        break;
      case 'obj':
        out.push('{');
        stack.push('}');
        for (let i = x.e.length - 1; i >= 0; i--) {
          stack.push(x.e[i][1]);
          stack.push(`${JSON.stringify(x.e[i][0])}:`);
          if (i > 0) stack.push(',');
        }
        break;
      case 'str':
        out.push(JSON.stringify(x.v));
        break;
      case 'num':
        out.push(
          Number.isFinite(x.v) ? (Object.is(x.v, -0) ? '-0' : JSON.stringify(x.v)) : x.v > 0 ? '1e999' : x.v < 0 ? '-1e999' : 'null',
        );
        break;
      case 'lit':
        out.push(x.raw);
        break;
    }
  }
  return out.join('');
}
