import { RpcError, type Payload } from '../../../rpc.js';
import type { CsmsBlock, CsmsContext } from '../state.js';
import { defined, isResend, markedResend } from './payload.js';

/**
 * Diagnostics (N01, N09, N10): logs and customer information. Log uploads go to
 * https://logs.ref-csms.invalid/ (a host the CSMS never contacts). Monitoring and events are in
 * blocks/monitoring.ts.
 *
 * Customer information: the operator names the customer by exactly one reference (idToken,
 * customerIdentifier or the hash data of a customerCertificate) and chooses report and clear;
 * a request that clears nothing always reports (report defaults to true).
 */

const LOG_HOST = 'logs.ref-csms.invalid';

/** The one customer reference the operator chose (the first given of idToken, customerIdentifier, customerCertificate). */
function customerReference(ctx: CsmsContext, p: Payload): Payload | string {
  if (p.idToken !== undefined) return { idToken: p.idToken };
  if (p.customerIdentifier !== undefined) {
    return ctx.faults.has('customerinfo-identifier-dropped') ? {} : { customerIdentifier: String(p.customerIdentifier) };
  }
  if (p.customerCertificate !== undefined) {
    return ctx.faults.has('customerinfo-certificate-dropped') ? {} : { customerCertificate: p.customerCertificate };
  }
  return 'CustomerInformation needs an idToken, a customerIdentifier or a customerCertificate';
}

export const diagnostics: CsmsBlock = {
  inbound: {
    LogStatusNotification: (ctx, p) => {
      if (p.status === 'AcceptedCanceled' && ctx.faults.has('logstatus-canceled-error'))
        throw new RpcError('InternalError', `log request ${p.requestId} is not the current one`);
      return {};
    },
    NotifyCustomerInformation: (ctx, p) => {
      if (p.tbc === true && ctx.faults.has('notifycustomerinfo-tbc-error')) throw new RpcError('InternalError', 'part could not be stored');
      if (p.data === '' && ctx.faults.has('notifycustomerinfo-empty-data-error'))
        throw new RpcError('FormationViolation', 'no customer data in the notification');
      return {};
    },
  },
  requests: {
    GetLog: (ctx, p) => {
      const requestId = ++ctx.counters.fileRequestIds;
      const remoteLocation = `https://${LOG_HOST}/upload/${encodeURIComponent(String(p.stationId ?? ctx.o.config.stationId))}/${requestId}`;
      let logType = p.logType === 'SecurityLog' ? 'SecurityLog' : 'DiagnosticsLog';
      if (logType === 'DiagnosticsLog' && ctx.faults.has('getlog-always-security')) logType = 'SecurityLog';
      else if (logType === 'SecurityLog' && ctx.faults.has('getlog-always-diagnostics')) logType = 'DiagnosticsLog';
      return { logType, requestId, log: { remoteLocation } };
    },
    CustomerInformation: (ctx, p) => {
      const reference = customerReference(ctx, p);
      if (typeof reference === 'string') return reference;
      const clear = p.clear === true && !ctx.faults.has('customerinfo-clear-flag-dropped');
      let report = p.report !== false || p.clear !== true;
      if (!report && ctx.faults.has('customerinfo-clear-only-reports')) report = true;
      if (ctx.faults.has('customerinfo-report-flag-dropped')) report = false;
      return defined({ requestId: ++ctx.counters.reportRequestIds, report, clear, ...reference });
    },
  },
  responses: {
    GetLog: (ctx, s, request, res) => {
      if (res.status === 'Rejected' && ctx.faults.has('getlog-rejected-resent') && !isResend(request))
        ctx.send(s, 'GetLog', markedResend({ ...request, requestId: ++ctx.counters.fileRequestIds }));
    },
  },
};
