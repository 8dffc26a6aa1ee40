import type { Payload } from '../../../rpc.js';
import type { IdToken, StationState } from '../state.js';

/**
 * Block N (customer information, N09/N10): CustomerInformation reports what the station holds
 * about one customer (its authorization cache entry, its group, a running transaction), clears
 * it (never the local authorization list, which only the CSMS changes), and sends the report in
 * NotifyCustomerInformation parts of at most 512 characters, seqNo from 0, tbc on all but the
 * last; a customer it knows nothing about gets one part saying so (N09.FR.06, N10.FR.04).
 */

const PART = 512;
const key = (t: IdToken) => `${t.type}:${t.idToken}`;

/** What the station holds about the customer, one line per item (none for identifiers and certificates it never stores). */
function dataOf(st: StationState, token: IdToken | undefined): string[] {
  if (!token) return [];
  const lines: string[] = [];
  const cached = st.authCache.get(key(token));
  if (cached) lines.push(`authorization cache: ${token.idToken} ${cached.status}${cached.groupId ? ` group ${cached.groupId}` : ''}`);
  const group = st.tokenGroups.get(key(token));
  if (group && !cached?.groupId) lines.push(`group of ${token.idToken}: ${group}`);
  if (st.tx?.idToken?.idToken === token.idToken) lines.push(`running transaction ${st.tx.id} of ${token.idToken}`);
  return lines;
}

function erase(st: StationState, token: IdToken | undefined): void {
  if (!token) return;
  st.authCache.delete(key(token));
  st.tokenGroups.delete(key(token));
}

export function customerInformation(st: StationState, p: Payload): Payload {
  const report = p.report === true;
  const clear = p.clear === true;
  const requestId = p.requestId as number;
  // Asked neither to report nor to clear: nothing to do (N09.FR.07 / N10.FR.07 recommend Rejected).
  if (!report && !clear) return { status: 'Rejected' };
  const references = [p.idToken, p.customerCertificate, p.customerIdentifier].filter((r) => r !== undefined);
  if (references.length !== 1 && !(references.length === 0 && st.faults.has('customerinfo-nameless-accepted')))
    return { status: 'Invalid', statusInfo: { reasonCode: 'InvalidValue', additionalInfo: 'name one customer' } };
  if (p.customerIdentifier !== undefined && st.faults.has('customerinfo-identifier-invalid')) return { status: 'Invalid' };
  if (clear && !report && st.faults.has('customerinfo-clear-rejected')) return { status: 'Rejected' };
  const token = p.idToken as IdToken | undefined;
  const lines = dataOf(st, token);
  if (clear) erase(st, token);
  const parts = partsOf(st, lines, report, clear);
  st.later(0, () => void notify(st, requestId, parts));
  return { status: 'Accepted' };
}

/** The data texts to send, one per NotifyCustomerInformation. */
function partsOf(st: StationState, lines: string[], report: boolean, clear: boolean): string[] {
  if (!report) return ['customer data cleared'];
  if (st.faults.has('customerinfo-report-not-sent')) return [];
  if (clear && st.faults.has('customerinfo-clear-not-reported')) return [];
  if (!lines.length) return st.faults.has('customerinfo-silent-without-data') ? [] : ['no data stored about this customer'];
  const text = `${clear ? 'cleared: ' : ''}${lines.join('; ')}`;
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += PART) parts.push(text.slice(i, i + PART));
  return parts;
}

async function notify(st: StationState, requestId: number, parts: string[]): Promise<void> {
  const generatedAt = st.now();
  for (const [seqNo, data] of parts.entries())
    await st.send('NotifyCustomerInformation', { data, tbc: seqNo < parts.length - 1, seqNo, generatedAt, requestId });
}
