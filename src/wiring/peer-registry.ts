import type { OcppVersion } from '../core/versions.js';
import type { CsmsPeerModule, FaultInfo, PeerVariant, StationPeerModule } from '../engine/peer-contract.js';
import { station16 } from '../peers/station/v16/index.js';
import { station201 } from '../peers/station/v201/index.js';
import { station21 } from '../peers/station/v21/index.js';
import { csms16 } from '../peers/csms/v16/index.js';
import { csms201 } from '../peers/csms/v201/index.js';
import { csms21 } from '../peers/csms/v21/index.js';

/** The built-in reference peers per version and role. */
export class PeerRegistry {
  constructor(
    private readonly stations: StationPeerModule[] = [station16, station201, station21],
    private readonly csmss: CsmsPeerModule[] = [csms16, csms201, csms21],
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

  /** The peer's conformant configurations besides its default one. */
  variants(version: OcppVersion, role: 'station' | 'csms'): PeerVariant[] {
    if (!this.has(version, role)) return [];
    return (role === 'station' ? this.station(version) : this.csms(version)).variants ?? [];
  }
}
