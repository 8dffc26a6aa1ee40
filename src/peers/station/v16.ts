import type { StationPeerModule } from '../types.js';

/** The 1.6 reference charge point (to be built out with the 1.6 catalogue). */
export const station16: StationPeerModule = {
  version: '1.6',
  faults: [],
  async start() {
    throw new Error('the OCPP 1.6 reference charge point is not built yet');
  },
};
