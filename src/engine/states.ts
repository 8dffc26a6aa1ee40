import type { OcppVersion } from '../core/versions.js';
import type { StateFn, StateTable } from './context.js';
import type { SutRole } from '../core/meta.js';
import type { CaseContextOf } from './typed-context.js';

export type { StateFn, StateTable } from './context.js';

/** A reusable state of one version and role: it gets the same typed context as the cases it serves. */
export type TypedStateFn<V extends OcppVersion, R extends SutRole> = (
  ctx: CaseContextOf<V, R>,
  options: Record<string, unknown>,
) => Promise<void>;

/** The reusable states of one version and role (`satisfies StateTableOf<'2.0.1', 'cs'>`). */
export type StateTableOf<V extends OcppVersion, R extends SutRole> = Record<string, TypedStateFn<V, R>>;

export class StateRegistry {
  private readonly tables = new Map<string, StateTable>();

  register<V extends OcppVersion, R extends SutRole>(ocpp: V, sut: R, table: StateTableOf<V, R>): this {
    const key = `${ocpp}:${sut}`;
    // The runtime context is the one CaseContext object; the table's typed view of it only narrows payloads.
    this.tables.set(key, { ...(this.tables.get(key) ?? {}), ...(table as unknown as StateTable) });
    return this;
  }

  /**
   * A version of a family starts from another version's states (2.1 from 2.0.1); tables it
   * registers afterwards replace only the states it changes.
   */
  inherit(ocpp: OcppVersion, sut: SutRole, from: OcppVersion): this {
    this.tables.set(`${ocpp}:${sut}`, { ...(this.tables.get(`${from}:${sut}`) ?? {}), ...(this.tables.get(`${ocpp}:${sut}`) ?? {}) });
    return this;
  }

  get(ocpp: OcppVersion, sut: SutRole, name: string): StateFn | undefined {
    return this.tables.get(`${ocpp}:${sut}`)?.[name];
  }

  names(ocpp: OcppVersion, sut: SutRole): string[] {
    return Object.keys(this.tables.get(`${ocpp}:${sut}`) ?? {});
  }
}
