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
