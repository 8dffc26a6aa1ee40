import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction, type ErrorObject } from 'ajv';
import type { FormatsPlugin } from 'ajv-formats';
import type { OcppVersion } from '../core/versions.js';

const require = createRequire(import.meta.url);
// ajv-formats is CommonJS with a default export that nodenext types do not see as callable.
const addFormats = require('ajv-formats') as FormatsPlugin;

/** The OCA JSON schemas as shipped by the maintained `ocpp-rpc` package (never hand-copied). */
const SCHEMA_FILES: Record<OcppVersion, string> = {
  '1.6': 'ocpp-rpc/lib/schemas/ocpp1_6.json',
  '2.0.1': 'ocpp-rpc/lib/schemas/ocpp2_0_1.json',
  '2.1': 'ocpp-rpc/lib/schemas/ocpp2_1.json',
};

export type Direction = 'request' | 'response';

export interface SchemaViolation {
  /** JSON pointer into the payload, '' for the root. */
  path: string;
  keyword: string;
  message: string;
}

export interface ValidationResult {
  valid: boolean;
  /** False when the version has no schema for this action (an unknown action). */
  known: boolean;
  violations: SchemaViolation[];
}

interface SchemaDoc {
  $id: string;
  [k: string]: unknown;
}

/**
 * Validates payloads against one version's schemas. Each (action, direction) validator is
 * compiled on first use and kept, so a run compiles each schema at most once.
 */
export class SchemaValidator {
  private readonly ajv: Ajv;
  private readonly ids = new Map<string, string>();
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(readonly version: OcppVersion) {
    this.ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    addFormats(this.ajv);
    const docs = require(SCHEMA_FILES[version]) as SchemaDoc[];
    for (const doc of docs) {
      // 1.6/2.0.1 ids look like urn:Action.req / urn:Action.conf; 2.1 like urn:ActionRequest.
      // 2.1's SEND messages (NotifyPeriodicEventStream) have a bare id: a request with no response.
      const m = /^urn:(.+?)(\.req|\.conf|Request|Response)?$/.exec(doc.$id);
      if (!m) continue;
      const direction: Direction = m[2] === '.conf' || m[2] === 'Response' ? 'response' : 'request';
      const key = `${m[1]}:${direction}`;
      // The OCA ids ("urn:Authorize.req") are URNs without a namespace id, which ajv's URI
      // resolver rejects; register each schema under our own key instead.
      const { $id: _id, ...body } = doc;
      const ajvKey = `ocpp-${version}-${key}`;
      this.ids.set(key, ajvKey);
      this.ajv.addSchema(body as object, ajvKey);
    }
  }

  /** Every action that has a request schema in this version. */
  actions(): string[] {
    return [...this.ids.keys()]
      .filter((k) => k.endsWith(':request'))
      .map((k) => k.slice(0, -':request'.length))
      .sort();
  }

  hasAction(action: string): boolean {
    return this.ids.has(`${action}:request`);
  }

  schema(action: string, direction: Direction): object | undefined {
    const id = this.ids.get(`${action}:${direction}`);
    return id ? (this.ajv.getSchema(id)?.schema as object) : undefined;
  }

  validate(action: string, direction: Direction, payload: unknown): ValidationResult {
    const key = `${action}:${direction}`;
    let fn = this.compiled.get(key);
    if (!fn) {
      const id = this.ids.get(key);
      if (!id) return { valid: false, known: false, violations: [] };
      fn = this.ajv.getSchema(id);
      if (!fn) return { valid: false, known: false, violations: [] };
      this.compiled.set(key, fn);
    }
    const valid = fn(payload) as boolean;
    return { valid, known: true, violations: valid ? [] : (fn.errors ?? []).map(toViolation) };
  }
}

function toViolation(e: ErrorObject): SchemaViolation {
  const extra =
    e.keyword === 'additionalProperties'
      ? ` '${(e.params as { additionalProperty: string }).additionalProperty}'`
      : e.keyword === 'enum'
        ? ` ${JSON.stringify((e.params as { allowedValues: unknown[] }).allowedValues)}`
        : '';
  return { path: e.instancePath, keyword: e.keyword, message: `${e.instancePath || '/'} ${e.message ?? e.keyword}${extra}` };
}

/** One validator per version, built on demand. Owned by a run (no module-level cache). */
export class SchemaRegistry {
  private readonly byVersion = new Map<OcppVersion, SchemaValidator>();
  for(version: OcppVersion): SchemaValidator {
    let v = this.byVersion.get(version);
    if (!v) {
      v = new SchemaValidator(version);
      this.byVersion.set(version, v);
    }
    return v;
  }
}
