import type { CsmsPeerModule } from '../../../engine/peer-contract.js';
import { faultList } from '../../faults.js';
import { csmsVariants } from '../policy.js';
import { CSMS_16_FAULTS } from './faults.js';
import { ReferenceCsms16 } from './peer.js';

export { CSMS_16_FAULTS, type Csms16Fault } from './faults.js';
export { ReferenceCsms16 } from './peer.js';
export { REFERENCE_VENDOR_ID } from './blocks/core.js';

/** The OCPP 1.6J reference central system. */
export const csms16: CsmsPeerModule = {
  version: '1.6',
  faults: faultList(CSMS_16_FAULTS),
  variants: csmsVariants({
    boot: ['TC_*_CSMS'],
    unknown: ['SEC16_ID_*', 'SEC16_DOS_*', 'SEC16_RPC_1*', 'TC_085_CSMS'],
    heartbeat: ['TC_00*_CSMS'],
  }),
  async start(opts) {
    const c = new ReferenceCsms16(opts);
    await c.start();
    return c;
  },
};
