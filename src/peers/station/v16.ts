import type { StationPeerModule } from '../../engine/peer-contract.js';
import { ReferenceChargePoint16 } from './v16/charge-point.js';
import { STATION_16_FAULTS } from './v16/faults.js';

export { STATION_16_FAULTS } from './v16/faults.js';
export { ReferenceChargePoint16 } from './v16/charge-point.js';

/** The OCPP 1.6J reference charge point (one connector unless the config names a higher connectorId). */
export const station16: StationPeerModule = {
  version: '1.6',
  faults: STATION_16_FAULTS,
  async start(opts) {
    const cp = new ReferenceChargePoint16(opts);
    await cp.start();
    return cp;
  },
};
