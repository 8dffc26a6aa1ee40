import type { Ctx201Cs } from './contexts.js';
import { expectAfter, mark } from './csms201.js';

/** What a ChangeAvailability addresses: the whole station, the configured EVSE, or its configured connector. */
export type AvailabilityScope = 'station' | 'evse' | 'connector';
export type OperationalStatus = 'Operative' | 'Inoperative';

/** The evse field of a ChangeAvailabilityRequest for a scope (none for the whole station). */
export function availabilityTarget(ctx: Ctx201Cs, scope: AvailabilityScope): { evse?: { id: number; connectorId?: number } } {
  const { evseId, connectorId } = ctx.config.ids;
  if (scope === 'station') return {};
  return { evse: scope === 'evse' ? { id: evseId } : { id: evseId, connectorId } };
}

/** Whether a StatusNotification is about the configured connector. */
export function onOurConnector(ctx: Ctx201Cs, p: { evseId?: number; connectorId?: number }): boolean {
  return p.evseId === ctx.config.ids.evseId && p.connectorId === ctx.config.ids.connectorId;
}

/** The connector status an operational status shows on an idle connector. */
export function idleStatus(status: OperationalStatus): 'Available' | 'Unavailable' {
  return status === 'Operative' ? 'Available' : 'Unavailable';
}

/**
 * Sends ChangeAvailability for a scope and returns the answer's status; with `reported`, also
 * waits for the configured connector to report the idle status that goes with it.
 */
export async function changeAvailability201(
  ctx: Ctx201Cs,
  scope: AvailabilityScope,
  operationalStatus: OperationalStatus,
  requirement: string,
  reported?: string,
): Promise<string> {
  const since = mark(ctx.csms);
  const res = await ctx.csms.call('ChangeAvailability', { operationalStatus, ...availabilityTarget(ctx, scope) }, { requirement });
  if (reported) {
    const status = idleStatus(operationalStatus);
    await expectAfter(ctx.csms, since, 'StatusNotification', {
      where: (p) => onOurConnector(ctx, p) && p.connectorStatus === status,
      whereText: `the configured connector ${status}`,
      requirement: reported,
    });
  }
  return res.status;
}

/** Post-condition: the scope is made Operative again at case end (whatever the verdict). */
export function operativeAfterCase(ctx: Ctx201Cs, scope: AvailabilityScope): void {
  ctx.afterCase(`make the ${scope} Operative again`, async () => {
    await ctx.csms.call('ChangeAvailability', { operationalStatus: 'Operative', ...availabilityTarget(ctx, scope) }).catch(() => undefined);
  });
}
