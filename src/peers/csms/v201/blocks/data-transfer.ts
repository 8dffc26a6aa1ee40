import type { CsmsBlock } from '../state.js';

/** Data transfer (P): the reference CSMS knows no vendor extensions. */

export const dataTransfer: CsmsBlock = {
  inbound: {
    DataTransfer: () => ({ status: 'UnknownVendorId' }),
  },
};
