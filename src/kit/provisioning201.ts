import type { Csms201, Ctx16Cs, Ctx201Cs } from './contexts.js';
import { CaseFailure } from '../core/verdict.js';
import { check } from '../engine/checks.js';
import type { ReportDataType } from '../protocol/payloads/v201.js';
import { collectReport } from './reports201.js';
import { observeUpgrades, reconnectWindow } from './security-profiles.js';

/**
 * Block B helpers of the harness as CSMS (the SUT is a 2.0.1 station): finding, in the station's
 * own FullInventory report, a variable and an attribute type it does not support (B06/B05
 * NotSupportedAttributeType cases).
 */

/** A variable of the station and an attribute type its report does not list for it. */
export interface UnsupportedAttribute {
  component: { name: string; instance?: string };
  variable: { name: string; instance?: string };
  attributeType: 'Target' | 'MinSet' | 'MaxSet';
  /** The Actual value the report gave (what a write of the same value leaves unchanged). */
  actualValue?: string;
}

const OTHER_TYPES = ['Target', 'MinSet', 'MaxSet'] as const;

/** Station-level entry (no EVSE) with an Actual attribute that is not write-only; `writable`: ReadWrite too. */
function usable(e: ReportDataType, writable: boolean): boolean {
  const actual = e.variableAttribute.find((a) => (a.type ?? 'Actual') === 'Actual');
  if (!actual || e.component.evse !== undefined) return false;
  const mutability = actual.mutability ?? 'ReadWrite';
  return writable ? mutability === 'ReadWrite' : mutability !== 'WriteOnly';
}

/**
 * Asks the station for its FullInventory and picks a station-level variable (OCPPCommCtrlr
 * first) together with an attribute type (Target, MinSet or MaxSet) the report does not list for
 * it: the station itself says it does not have that attribute. `writable` restricts the choice to
 * ReadWrite variables (a SetVariables case). Inconclusive when no report or no such variable.
 */
export async function unsupportedAttribute(ctx: Ctx201Cs, writable: boolean): Promise<UnsupportedAttribute> {
  const requestId = 1 + (Math.floor(ctx.clock.now() / 1000) % 100_000);
  const res = await ctx.csms.call('GetBaseReport', { requestId, reportBase: 'FullInventory' }, { requirement: 'B07.FR.02' });
  if (res.status !== 'Accepted')
    ctx.inconclusive(`GetBaseReport FullInventory answered ${res.status}: the station's attributes are unknown`);
  let entries: ReportDataType[];
  try {
    entries = (await collectReport(ctx, requestId)).entries;
  } catch (err) {
    if (!(err instanceof CaseFailure)) throw err;
    return ctx.inconclusive(`the FullInventory report could not be read: ${err.message}`);
  }
  const candidates = entries.filter((e) => usable(e, writable));
  candidates.sort((a, b) => Number(b.component.name === 'OCPPCommCtrlr') - Number(a.component.name === 'OCPPCommCtrlr'));
  for (const e of candidates) {
    const listed = new Set(e.variableAttribute.map((a) => a.type ?? 'Actual'));
    const attributeType = OTHER_TYPES.find((t) => !listed.has(t));
    if (!attributeType) continue;
    const actual = e.variableAttribute.find((a) => (a.type ?? 'Actual') === 'Actual');
    return {
      component: { name: e.component.name, ...(e.component.instance ? { instance: e.component.instance } : {}) },
      variable: { name: e.variable.name, ...(e.variable.instance ? { instance: e.variable.instance } : {}) },
      attributeType,
      actualValue: actual?.value,
    };
  }
  return ctx.inconclusive(
    `the FullInventory lists no ${writable ? 'writable ' : ''}station-level variable that lacks one of the attribute types Target, MinSet, MaxSet`,
  );
}

/**
 * The CSMS becomes unreachable for the station (an outage on its side): the connection drops
 * and every new WebSocket upgrade is refused with HTTP 503 until backOnline (or the case's end).
 * Returns once the station has noticed: its first attempt to reconnect was refused (it must try
 * within its back-off window, OCPPJ20-5.3).
 */
export async function goOffline(ctx: Ctx201Cs | Ctx16Cs, requirement = 'OCPPJ20-5.3'): Promise<void> {
  const { csms, config } = ctx;
  csms.updateHandshakePolicy({ rejectStatus: 503 });
  ctx.afterCase('accept connections again', async () => csms.updateHandshakePolicy({ rejectStatus: undefined }), {
    when: () => csms.gateway?.server.policy.rejectStatus !== undefined,
  });
  const seen = observeUpgrades(ctx);
  try {
    csms.drop();
    const tried = await seen.waitForCount(1, reconnectWindow(config));
    check(tried, requirement, 'the station tries to reconnect after losing its connection', 'no connection attempt');
  } finally {
    seen.stop();
  }
}

/**
 * Connections are accepted again: waits for the station's new WebSocket connection (OCPPJ20-5.3).
 * A station that was not rebooted need not register again; if it does, its BootNotification is
 * accepted. Returns whether it did.
 */
export async function backOnline(ctx: Ctx201Cs | Ctx16Cs, requirement = 'OCPPJ20-5.3'): Promise<{ bootedAgain: () => boolean }> {
  const { config } = ctx;
  // A 1.6 charge point too: BootNotification and its answer (currentTime, interval, status) are alike in both versions.
  const csms = ctx.csms as Csms201;
  const handshakes = csms.handshakes.length;
  const boots = csms.receivedCalls('BootNotification').length;
  csms.respondTo('BootNotification', () => ({
    currentTime: ctx.nowIso(),
    interval: config.timeouts.heartbeatIntervalS,
    status: 'Accepted',
  }));
  ctx.afterCase('stop answering BootNotification by itself', async () => csms.stopResponding('BootNotification'));
  csms.updateHandshakePolicy({ rejectStatus: undefined });
  await csms.expectHandshake({
    after: handshakes,
    within: reconnectWindow(config),
    requirement,
    expected: 'the station connects again once the CSMS accepts connections',
  });
  return { bootedAgain: () => csms.receivedCalls('BootNotification').length > boots };
}
