import type { CsmsPeerModule } from '../types.js';

/** The 1.6 reference central system (to be built out with the 1.6 catalogue). */
export const csms16: CsmsPeerModule = {
  version: '1.6',
  faults: [],
  async start() {
    throw new Error('the OCPP 1.6 reference central system is not built yet');
  },
};
