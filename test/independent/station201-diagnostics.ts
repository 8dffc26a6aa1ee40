/**
 * Log upload and customer information of the independent 2.0.1 station (station201.ts), written
 * apart from our reference station's: it keeps no security log (GetLog SecurityLog is Rejected); the diagnostics log goes up with an HTTP POST (fetch), a GetLog during an
 * upload aborts it (AcceptedCanceled, N01.FR.12/20); a customer report always comes in two parts
 * (the judge keeps no customer data, so it says so), and a clear without report is not confirmed.
 */
import { now, type Payload } from './common.js';

type On = (action: string, fn: (params: Payload) => unknown) => void;
type Call = (action: string, payload: Payload) => Promise<Payload | undefined>;
type Later = (fn: () => unknown, ms?: number) => void;

export function diagnosticsHandlers201(on: On, call: Call, later: Later): void {
  let upload: { requestId: number; abort: AbortController } | undefined;
  on('GetLog', (p) => {
    // The judge keeps no security log: that log is not available (N01.FR.05).
    if (p.logType === 'SecurityLog') return { status: 'Rejected' };
    const previous = upload;
    previous?.abort.abort();
    const current = { requestId: Number(p.requestId), abort: new AbortController() };
    upload = current;
    later(async () => {
      if (previous) await call('LogStatusNotification', { status: 'AcceptedCanceled', requestId: previous.requestId });
      await call('LogStatusNotification', { status: 'Uploading', requestId: current.requestId });
      const ok = await fetch(String(p.log.remoteLocation), {
        method: 'POST',
        body: `judge ${p.logType} at ${now()}\n`,
        signal: current.abort.signal,
      }).then(
        (r) => r.ok,
        () => false,
      );
      if (current.abort.signal.aborted) return;
      if (upload === current) upload = undefined;
      await call('LogStatusNotification', { status: ok ? 'Uploaded' : 'UploadFailure', requestId: current.requestId });
    });
    return { status: previous ? 'AcceptedCanceled' : 'Accepted', filename: `judge-${p.requestId}.log` };
  });
  on('CustomerInformation', (p) => {
    if (!p.report && !p.clear) return { status: 'Rejected' };
    const named = ['idToken', 'customerCertificate', 'customerIdentifier'].filter((k) => p[k] !== undefined);
    if (named.length !== 1) return { status: 'Invalid' };
    if (p.report)
      later(async () => {
        const generatedAt = now();
        await call('NotifyCustomerInformation', { data: 'judge station:', tbc: true, seqNo: 0, generatedAt, requestId: p.requestId });
        await call('NotifyCustomerInformation', { data: 'no customer data', tbc: false, seqNo: 1, generatedAt, requestId: p.requestId });
      });
    return { status: 'Accepted' };
  });
}
