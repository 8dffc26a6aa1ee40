import type { OcppVersion } from '../protocol/versions.js';
import type { CaseContext } from './context.js';
import type { SutRole } from './meta.js';

/** A reusable state (OCTT's "Reusable State"): drives the SUT into a known condition. */
export type StateFn = (ctx: CaseContext, options: Record<string, unknown>) => Promise<void>;
export type StateTable = Record<string, StateFn>;

export class StateRegistry {
  private readonly tables = new Map<string, StateTable>();

  register(ocpp: OcppVersion, sut: SutRole, table: StateTable): this {
    const key = `${ocpp}:${sut}`;
    this.tables.set(key, { ...(this.tables.get(key) ?? {}), ...table });
    return this;
  }

  get(ocpp: OcppVersion, sut: SutRole, name: string): StateFn | undefined {
    return this.tables.get(`${ocpp}:${sut}`)?.[name];
  }

  names(ocpp: OcppVersion, sut: SutRole): string[] {
    return Object.keys(this.tables.get(`${ocpp}:${sut}`) ?? {});
  }
}
