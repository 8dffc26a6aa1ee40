/**
 * Block B behaviour of the independent 2.0.1 judge station that the provisioning cases need:
 * which base reports it offers, and the reset of one EVSE (B11/B12, PICS C-13), written apart
 * from our reference station's.
 */

/** The judge offers the two mandatory base reports only; SummaryInventory is optional (PICS C-56). */
export const JUDGE_BASE_REPORTS = ['ConfigurationInventory', 'FullInventory'];

/** One EVSE resets: its connector is reported Unavailable, a moment later its status again. */
export async function resetOneEvse(
  call: (action: string, payload: Record<string, unknown>) => Promise<unknown>,
  evseId: number,
  reportAgain: () => Promise<unknown>,
): Promise<void> {
  await call('StatusNotification', { timestamp: new Date().toISOString(), connectorStatus: 'Unavailable', evseId, connectorId: 1 });
  await new Promise((r) => setTimeout(r, 150));
  await reportAgain();
}

/** An outage of the judge's connection: when it began and what the CSMS knew of each EVSE then. */
export interface Outage {
  since: number;
  statuses: Map<number, string>;
}

export function outageStarted<E extends { id: number }>(evses: E[], statusOf: (e: E) => string): Outage {
  return { since: Date.now(), statuses: new Map(evses.map((e) => [e.id, statusOf(e)])) };
}

/** Back online without a reboot (B04): after more than OfflineThreshold every EVSE is reported, else those that changed. */
export async function reportAfterOutage<E extends { id: number }>(
  outage: Outage | undefined,
  thresholdS: number,
  evses: E[],
  statusOf: (e: E) => string,
  report: (e: E) => Promise<unknown>,
): Promise<void> {
  const long = !outage || Date.now() - outage.since > thresholdS * 1000;
  for (const e of evses) if (long || outage?.statuses.get(e.id) !== statusOf(e)) await report(e);
}

/** The judge's network profile slots (B09): it stores profiles for slots 1-4 and refuses others. */
export function judgeSetNetworkProfile(p: Record<string, unknown>): Record<string, unknown> {
  const slot = p.configurationSlot;
  if (typeof slot !== 'number' || slot < 1 || slot > 4) return { status: 'Rejected', statusInfo: { reasonCode: 'InvalidValue' } };
  return { status: 'Accepted' };
}
