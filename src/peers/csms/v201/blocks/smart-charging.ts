import type { CsmsBlock } from '../state.js';

/** Smart charging (K): the station's charging limits and profiles are acknowledged. */

export const smartCharging: CsmsBlock = {
  inbound: {
    NotifyChargingLimit: () => ({}),
    ClearedChargingLimit: () => ({}),
    ReportChargingProfiles: () => ({}),
  },
};
