import type { OcppVersion } from '../../core/versions.js';
import type { Random } from '../random.js';
import { type JsonSchema, type PathSeg, type Slot, pathText, setAt, slots } from '../schema-walk.js';
import type { Expectation, Mutation, MutationCategory, MutatorName } from './types.js';

/** The alphabet of generated message ids. */
export const ID_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';
/** Stands in for raw JSON text until after JSON.stringify; cannot collide with generated strings. */
const RAW = '__ocpp_fuzz_raw_placeholder__';

/** JSON text to put at `path` in place of the value there (text JSON.stringify could not produce). */
export interface RawText {
  path: PathSeg[];
  text: string;
}

export interface PayloadMutationExtra {
  raw?: RawText;
  ruleId?: string;
  /** The receiver may close the connection instead of answering (size and depth limits). */
  mayClose?: boolean;
}

export type FrameMutationExtra = Partial<Pick<Mutation, 'violation' | 'expectation' | 'silenceAllowed' | 'messageId' | 'setup'>>;

export interface BuilderSettings {
  rng: Random;
  action: string;
  validPayload: unknown;
  version: OcppVersion;
  send: boolean;
  maxTargets: number;
  nestingDepth: number;
  hugeLength: number;
}

/**
 * Collects the mutations of one valid payload, grouped by mutator. Every family draws from the
 * one rng stream, so the order in which families run (fixed in index.ts) is part of the output.
 */
export class MutationBuilder {
  readonly rng: Random;
  readonly action: string;
  readonly validPayload: unknown;
  readonly version: OcppVersion;
  /** A 2.1 SEND [6], which the receiver must not answer. */
  readonly send: boolean;
  readonly maxTargets: number;
  readonly nestingDepth: number;
  readonly hugeLength: number;
  /** The message type of the frames: SEND [6] or CALL [2]. */
  readonly type: 2 | 6;
  /** The valid payload as JSON text. */
  readonly payloadText: string;
  private readonly groups = new Map<MutatorName, Mutation[]>();

  constructor(s: BuilderSettings) {
    this.rng = s.rng;
    this.action = s.action;
    this.validPayload = s.validPayload;
    this.version = s.version;
    this.send = s.send;
    this.maxTargets = s.maxTargets;
    this.nestingDepth = s.nestingDepth;
    this.hugeLength = s.hugeLength;
    this.type = s.send ? 6 : 2;
    this.payloadText = JSON.stringify(s.validPayload);
  }

  newId(): string {
    return `fz${this.rng.string(14, ID_ALPHABET)}`;
  }

  /** k targets (default maxTargets) in an rng-chosen order. */
  choose<T>(list: readonly T[], k = this.maxTargets): T[] {
    return this.rng.shuffle(list).slice(0, k);
  }

  add(m: Mutation): void {
    const g = this.groups.get(m.mutator) ?? [];
    g.push(m);
    this.groups.set(m.mutator, g);
  }

  /** The unmutated frame with this message id. */
  base(id: string): string {
    return JSON.stringify([this.type, id, this.action, this.validPayload]);
  }

  /** A frame carrying `payload`, with `raw` JSON text at its path when given. */
  frameWith(id: string, payload: unknown, raw?: RawText): string {
    if (!raw) return JSON.stringify([this.type, id, this.action, payload]);
    const withPlaceholder = setAt(payload, raw.path, RAW);
    const text = JSON.stringify([this.type, id, this.action, withPlaceholder]);
    const at = text.indexOf(JSON.stringify(RAW));
    return text.slice(0, at) + raw.text + text.slice(at + JSON.stringify(RAW).length);
  }

  /** A well-framed call whose payload is mutated; its id is `action/mutator/target`. */
  payloadMutation(
    mutator: MutatorName,
    category: MutationCategory,
    target: string,
    description: string,
    payload: unknown,
    violation: 'schema' | 'none',
    extra: PayloadMutationExtra = {},
  ): void {
    const id = this.newId();
    const expectation: Expectation = this.send
      ? 'no-response'
      : violation === 'schema'
        ? extra.mayClose
          ? 'close-or-callerror'
          : 'callerror'
        : 'survive';
    this.add({
      id: `${this.action}/${mutator}/${target}`,
      mutator,
      category,
      ruleId: extra.ruleId ?? (violation === 'schema' ? 'SEC-RPC-06' : 'SEC-RPC-07'),
      action: this.action,
      description,
      frame: this.frameWith(id, payload, extra.raw),
      messageId: id,
      violation,
      expectation,
      silenceAllowed: this.send,
    });
  }

  /** Raw frame text; by default a malformed frame that may be answered or closed on. */
  frameMutation(
    mutator: MutatorName,
    category: MutationCategory,
    ruleId: string,
    variant: string,
    description: string,
    frame: string,
    extra: FrameMutationExtra = {},
  ): void {
    this.add({
      id: `${this.action}/${mutator}/${variant}`,
      mutator,
      category,
      ruleId,
      action: this.action,
      description,
      frame,
      violation: extra.violation ?? 'frame',
      expectation: extra.expectation ?? 'close-or-callerror',
      silenceAllowed: extra.silenceAllowed ?? true,
      ...(extra.messageId !== undefined ? { messageId: extra.messageId } : {}),
      ...(extra.setup ? { setup: extra.setup } : {}),
    });
  }

  /**
   * The groups interleaved in an rng-chosen order, each group's variants shuffled too, so the
   * first mutation of a group is not always the same variant and a prefix spans many mutators.
   */
  interleaved(): Mutation[] {
    const order = this.rng.shuffle([...this.groups.keys()].sort());
    const lists = order.map((k) => this.rng.shuffle(this.groups.get(k)!));
    const out: Mutation[] = [];
    for (let i = 0; lists.some((l) => i < l.length); i++) for (const l of lists) if (i < l.length) out.push(l[i]);
    return out;
  }
}

/** The payload's slots, computed once and shared by the payload mutation families. */
export interface PayloadView {
  schema: JsonSchema;
  all: Slot[];
  present: Slot[];
  /** Present slots below the root. */
  inner: Slot[];
  /** Inner slots holding a string. */
  strings: Slot[];
}

export function payloadView(schema: JsonSchema, validPayload: unknown): PayloadView {
  const all = slots(schema, validPayload);
  const present = all.filter((s) => s.present);
  const inner = present.filter((s) => s.path.length > 0);
  return { schema, all, present, inner, strings: inner.filter((s) => typeof s.value === 'string') };
}

/** A slot's path as text, the target part of mutation ids ("chargingStation.model"). */
export const slotPath = (s: Slot): string => pathText(s.path);

export type PayloadFamily = (b: MutationBuilder, view: PayloadView) => void;
export type FrameFamily = (b: MutationBuilder) => void;

/** JSON string literal of a text. */
export const q = (s: string): string => JSON.stringify(s);
