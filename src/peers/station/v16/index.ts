import type { StationPeerModule } from '../../../engine/peer-contract.js';
import { faultList } from '../../faults.js';
import { STATION_16_FAULTS } from './faults.js';
import { STATION_16_VARIANTS } from './variants.js';
import { ReferenceChargePoint16 } from './peer.js';

export { STATION_16_FAULTS, type Station16Fault } from './faults.js';
export { ReferenceChargePoint16 } from './peer.js';

/** The OCPP 1.6J reference charge point. */
export const station16: StationPeerModule = {
  version: '1.6',
  faults: faultList(STATION_16_FAULTS),
  variants: STATION_16_VARIANTS,
  async start(opts) {
    const cp = new ReferenceChargePoint16(opts);
    await cp.start();
    return cp;
  },
};
