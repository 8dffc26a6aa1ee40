import type { OcppVersion } from '../protocol/versions.js';
import type { CsmsPeerModule, FaultInfo, StationPeerModule } from './types.js';
import { station16 } from './station/v16.js';
import { station201 } from './station/v201.js';
import { csms16 } from './csms/v16.js';
import { csms201 } from './csms/v201.js';

/** The built-in reference peers per version and role. */
export class PeerRegistry {
  constructor(
    private readonly stations: StationPeerModule[] = [station16, station201],
    private readonly csmss: CsmsPeerModule[] = [csms16, csms201],
  ) {}

  station(version: OcppVersion): StationPeerModule {
    const m = this.stations.find((s) => s.version === version);
    if (!m) throw new Error(`no reference charging station for OCPP ${version} yet`);
    return m;
  }

  csms(version: OcppVersion): CsmsPeerModule {
    const m = this.csmss.find((s) => s.version === version);
    if (!m) throw new Error(`no reference CSMS for OCPP ${version} yet`);
    return m;
  }

  has(version: OcppVersion, role: 'station' | 'csms'): boolean {
    return (role === 'station' ? this.stations : this.csmss).some((m) => m.version === version);
  }

  faults(version: OcppVersion, role: 'station' | 'csms'): FaultInfo[] {
    return this.has(version, role) ? (role === 'station' ? this.station(version) : this.csms(version)).faults : [];
  }
}
