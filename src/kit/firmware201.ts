import type { Call201, Ctx201Cs } from './contexts.js';
import { check } from '../engine/checks.js';
import { CaseFailure } from '../core/verdict.js';
import { FirmwareServer } from '../transport/firmware-server.js';

export { FirmwareServer } from '../transport/firmware-server.js';

/**
 * 2.0.1 secure firmware update with a station under test (block L): the harness's firmware
 * server, the background answers an update needs (it may reboot the station), the course of
 * FirmwareStatusNotifications of one request and the check of their order.
 */

/** A started firmware server of the harness whose notes go to the case log (stop it in a finally). */
export async function startFirmwareServer(ctx: Ctx201Cs): Promise<FirmwareServer> {
  const server = new FirmwareServer((t) => ctx.note(t));
  await server.start();
  return server;
}

/**
 * Answers what a station sends around a firmware update: its statuses, security events,
 * connector statuses and events, heartbeats, and the BootNotification after an install reboot
 * (Accepted). The case reads all of them afterwards (callsSince / expectCall).
 */
export function answerFirmwareUpdate201(ctx: Ctx201Cs): void {
  const { csms, config } = ctx;
  for (const a of ['FirmwareStatusNotification', 'SecurityEventNotification', 'StatusNotification', 'NotifyEvent']) csms.respondTo(a, {});
  csms.respondTo('Heartbeat', () => ({ currentTime: ctx.nowIso() }));
  csms.respondTo('BootNotification', () => ({
    currentTime: ctx.nowIso(),
    interval: config.timeouts.heartbeatIntervalS,
    status: 'Accepted',
  }));
}

/** Statuses that end an update (FirmwareStatusEnumType): nothing more follows for the request. */
export const FIRMWARE_FINAL_201 = ['Installed', 'InstallationFailed', 'InstallVerificationFailed', 'InvalidSignature', 'DownloadFailed'];

export interface FirmwareStatusSeen {
  status: string;
  requestId?: number;
  /** When it arrived (harness monotonic clock). */
  at: number;
}

/**
 * Collects the FirmwareStatusNotifications of an update, on any connection (the station may
 * reboot in between), until a final status, or until `gapMs(last status)` passes without a next
 * one. Returns them in arrival order; the caller judges what is missing.
 */
export async function firmwareCourse201(ctx: Ctx201Cs, gapMs: (last: string | undefined) => number): Promise<FirmwareStatusSeen[]> {
  const out: FirmwareStatusSeen[] = [];
  let last: Call201<'FirmwareStatusNotification'> | undefined;
  while (!out.some((s) => FIRMWARE_FINAL_201.includes(s.status))) {
    try {
      last = await ctx.csms.expectCall('FirmwareStatusNotification', {
        ...(last ? { after: last } : {}),
        anyConnection: true,
        within: gapMs(out.at(-1)?.status),
      });
    } catch (err) {
      if (err instanceof CaseFailure) break;
      throw err;
    }
    const p = last.payload;
    out.push({ status: p.status, ...(typeof p.requestId === 'number' ? { requestId: p.requestId } : {}), at: last.at });
  }
  ctx.note(`firmware statuses: ${out.map((s) => `${s.status}(${s.requestId ?? '-'})`).join(', ') || 'none'}`);
  return out;
}

/**
 * Checks that `seen` holds every status of `required` in that order (first occurrences); statuses
 * in between (DownloadPaused, InstallRebooting, a repeated Downloading ...) are allowed.
 */
export function checkFirmwareOrder(seen: FirmwareStatusSeen[], required: string[], requirement: string): void {
  const statuses = seen.map((s) => s.status);
  const missing = required.filter((s) => !statuses.includes(s));
  check(missing.length === 0, requirement, `FirmwareStatusNotification ${required.join(' -> ')}`, statuses.join(' -> ') || 'none');
  const at = required.map((s) => statuses.indexOf(s));
  check(
    at.every((i, k) => k === 0 || i > (at[k - 1] ?? -1)),
    requirement,
    `statuses in the order ${required.join(' -> ')}`,
    statuses.join(' -> '),
  );
}

/** Checks that every status of the update carries its requestId. */
export function checkFirmwareRequestIds(seen: FirmwareStatusSeen[], requestId: number, requirement: string): void {
  const wrong = seen.filter((s) => s.requestId !== requestId);
  check(
    wrong.length === 0,
    requirement,
    `every FirmwareStatusNotification carries requestId ${requestId}`,
    wrong.map((s) => `${s.status} with requestId ${s.requestId ?? 'absent'}`).join(', '),
  );
}

/** Waits for a SecurityEventNotification of `type`, on any connection (the station may have rebooted). */
export async function expectSecurityEvent201(ctx: Ctx201Cs, type: string, requirement: string): Promise<void> {
  await ctx.csms.expectCall('SecurityEventNotification', {
    where: (p) => p.type === type,
    whereText: `type ${type}`,
    anyConnection: true,
    within: ctx.waits.twoMessages,
    requirement,
  });
}

/**
 * Runs `fn` with the background answers of an update (answerFirmwareUpdate201) and a started
 * firmware server, which is stopped afterwards whatever happens.
 */
export async function withFirmwareServer(ctx: Ctx201Cs, fn: (server: FirmwareServer) => Promise<void>): Promise<void> {
  answerFirmwareUpdate201(ctx);
  const server = await startFirmwareServer(ctx);
  try {
    await fn(server);
  } finally {
    await server.stop();
  }
}
