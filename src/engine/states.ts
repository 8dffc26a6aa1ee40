import type { OcppVersion } from '../core/versions.js';
import type { StateFn, StateTable } from './context.js';
import type { SutRole } from '../core/meta.js';

export type { StateFn, StateTable } from './context.js';

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
