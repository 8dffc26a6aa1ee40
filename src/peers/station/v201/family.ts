import type { StationPeerModule } from '../../../engine/peer-contract.js';
import { faultList, type FaultTable } from '../../faults.js';
import type { Station2Delta } from './delta.js';
import { STATION_201_FAULTS } from './faults.js';
import { STATION_201_VARIANTS } from './variants.js';
import { ReferenceStation2 } from './peer.js';
import type { Station2Version } from './state.js';

/** A reference station of the 2.0.1 family: the 2.0.1 station, changed by a version's delta. */
export function createStation2<T extends FaultTable>(version: Station2Version, delta: Station2Delta<T> = {}): StationPeerModule {
  const clash = Object.keys(delta.faults ?? {}).filter((name) => name in STATION_201_FAULTS);
  if (clash.length) throw new Error(`reference station ${version}: the delta redefines family faults ${clash.join(', ')}`);
  return {
    version,
    faults: faultList(STATION_201_FAULTS, delta.faults ?? {}),
    variants: STATION_201_VARIANTS,
    async start(opts) {
      const station = new ReferenceStation2(opts, version, delta);
      await station.start();
      return station;
    },
  };
}
