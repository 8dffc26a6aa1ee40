/**
 * The subset of JSON schema (draft-06/07) that the OCA OCPP schemas use, and helpers to walk a
 * payload alongside its schema. Shared by the generator and the mutators.
 */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  enum?: unknown[];
  definitions?: Record<string, JsonSchema>;
  items?: JsonSchema | JsonSchema[];
  additionalItems?: boolean | JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  multipleOf?: number;
  format?: string;
  [k: string]: unknown;
}

export type PathSeg = string | number;

/** Follows local `#/definitions/...` refs (the only kind OCA uses); bounded against cycles. */
export function resolve(root: JsonSchema, schema: JsonSchema): JsonSchema {
  let s = schema;
  for (let i = 0; i < 32 && typeof s.$ref === 'string'; i++) {
    const ref = s.$ref;
    if (!ref.startsWith('#/')) throw new Error(`unsupported $ref ${ref}`);
    let target: unknown = root;
    for (const part of ref.slice(2).split('/')) {
      const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
      target = (target as Record<string, unknown> | undefined)?.[key];
    }
    if (!target || typeof target !== 'object') throw new Error(`unresolvable $ref ${ref}`);
    s = target as JsonSchema;
  }
  return s;
}

export function typesOf(s: JsonSchema): string[] {
  if (Array.isArray(s.type)) return s.type;
  if (typeof s.type === 'string') return [s.type];
  if (s.properties) return ['object'];
  return [];
}

export const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A place in a payload, with the (resolved) schema that governs it. */
export interface Slot {
  path: PathSeg[];
  schema: JsonSchema;
  /** False for a declared optional property that the payload omits. */
  present: boolean;
  value: unknown;
  /** Required by its parent object (array items and the root count as required). */
  required: boolean;
}

/** Every present value, plus every declared-but-absent property, in document order. */
export function slots(root: JsonSchema, payload: unknown): Slot[] {
  const out: Slot[] = [];
  // Iterative, so a pathological payload cannot exhaust the stack.
  const stack: Slot[] = [{ path: [], schema: resolve(root, root), present: true, value: payload, required: true }];
  while (stack.length > 0) {
    const slot = stack.pop()!;
    out.push(slot);
    if (!slot.present) continue;
    const s = slot.schema;
    const children: Slot[] = [];
    if (isPlainObject(slot.value) && s.properties) {
      const req = new Set(s.required ?? []);
      for (const [key, sub] of Object.entries(s.properties)) {
        const present = Object.prototype.hasOwnProperty.call(slot.value, key);
        children.push({
          path: [...slot.path, key],
          schema: resolve(root, sub),
          present,
          value: present ? slot.value[key] : undefined,
          required: req.has(key),
        });
      }
    } else if (Array.isArray(slot.value) && s.items && !Array.isArray(s.items)) {
      const item = resolve(root, s.items);
      slot.value.forEach((v, i) => children.push({ path: [...slot.path, i], schema: item, present: true, value: v, required: true }));
    }
    // Reverse so the pop order is document order.
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return out;
}

export function pathText(path: PathSeg[]): string {
  return path.length === 0 ? '(root)' : path.join('.');
}

/** A deep copy of plain JSON data (payloads are JSON, so this is exact). */
export function cloneJson<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/** A copy of `payload` with the value at `path` replaced (or removed when `remove`). */
export function setAt(payload: unknown, path: PathSeg[], value: unknown, remove = false): unknown {
  if (path.length === 0) return value;
  const copy = cloneJson(payload);
  let cur = copy as Record<PathSeg, unknown>;
  for (const seg of path.slice(0, -1)) cur = cur[seg] as Record<PathSeg, unknown>;
  const last = path[path.length - 1];
  if (remove) {
    if (Array.isArray(cur) && typeof last === 'number') cur.splice(last, 1);
    else delete cur[last];
  } else if (last === '__proto__' || last === 'constructor' || last === 'prototype') {
    // A plain assignment to "__proto__" would set the prototype instead of an own key.
    Object.defineProperty(cur, last, { value, enumerable: true, writable: true, configurable: true });
  } else {
    cur[last] = value;
  }
  return copy;
}

/** Code-point length, as JSON schema (and ajv) count string length. */
export function codePointLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * Whether a number satisfies a leaf schema, with the semantics of the harness's validator (ajv,
 * strictNumbers off): `integer` is `!(x % 1) && !isNaN(x)`, so an overflowing 1e999 (Infinity)
 * still counts as an integer; multipleOf is `x/m === parseInt(x/m)`, which also rejects values
 * whose quotient prints in exponent notation.
 */
export function numberFits(s: JsonSchema, v: number): boolean {
  const types = typesOf(s);
  const typeOk = types.length === 0 || (types.includes('integer') && !(v % 1) && !Number.isNaN(v)) || types.includes('number');
  if (!typeOk) return false;
  if (s.enum && !s.enum.includes(v)) return false;
  if (typeof s.minimum === 'number' && !(v >= s.minimum)) return false;
  if (typeof s.maximum === 'number' && !(v <= s.maximum)) return false;
  if (typeof s.multipleOf === 'number') {
    const q = v / s.multipleOf;
    if (q !== parseInt(String(q), 10)) return false;
  }
  return true;
}

/** The JSON type name of a value as JSON schema sees it. */
export function jsonTypeOf(v: unknown): 'null' | 'array' | 'object' | 'string' | 'integer' | 'number' | 'boolean' | 'undefined' {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'object') return typeof v as 'string' | 'boolean' | 'object';
  return 'undefined';
}

/** Whether a value's JSON type is allowed by a schema's `type` (integer counts as a number). */
export function typeAllows(s: JsonSchema, v: unknown): boolean {
  const types = typesOf(s);
  if (types.length === 0) return true;
  const t = jsonTypeOf(v);
  if (t === 'integer') return types.includes('integer') || types.includes('number');
  if (t === 'number') return types.includes('number');
  return types.includes(t);
}
