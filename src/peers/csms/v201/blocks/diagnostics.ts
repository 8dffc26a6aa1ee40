import type { CsmsBlock } from '../state.js';
import { refuseProblemEvent } from './availability.js';

/**
 * Diagnostics (N): events, monitoring reports, customer information, logs. Log uploads go to
 * https://logs.ref-csms.invalid/ (a host the CSMS never contacts).
 */

const LOG_HOST = 'logs.ref-csms.invalid';

export const diagnostics: CsmsBlock = {
  inbound: {
    NotifyEvent: (ctx, p) => (refuseProblemEvent(ctx, p), {}),
    LogStatusNotification: () => ({}),
    NotifyMonitoringReport: () => ({}),
    NotifyCustomerInformation: () => ({}),
  },
  requests: {
    GetLog: (ctx, p) => {
      const requestId = ++ctx.counters.fileRequestIds;
      const remoteLocation = `https://${LOG_HOST}/upload/${encodeURIComponent(String(p.stationId ?? ctx.o.config.stationId))}/${requestId}`;
      return { logType: p.logType === 'SecurityLog' ? 'SecurityLog' : 'DiagnosticsLog', requestId, log: { remoteLocation } };
    },
  },
};
