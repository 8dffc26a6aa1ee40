import { counterIds, systemClock } from '../src/core/clock.js';
import type { SutConfig } from '../src/core/config.js';
import type { OcppVersion } from '../src/core/versions.js';
import type { CsmsPeerModule, ReferenceCsms } from '../src/engine/peer-contract.js';
import type { SchemaRegistry } from '../src/protocol/schemas.js';

/** Starts a reference CSMS module without faults on a free loopback port; the caller stops it. */
export function startCsmsModule(
  module: CsmsPeerModule,
  version: OcppVersion,
  schemas: SchemaRegistry,
  config: SutConfig,
): Promise<ReferenceCsms> {
  return module.start({
    version,
    validator: schemas.for(version),
    faults: new Set(),
    config,
    clock: systemClock,
    ids: counterIds('csms'),
    host: '127.0.0.1',
    port: 0,
  });
}
