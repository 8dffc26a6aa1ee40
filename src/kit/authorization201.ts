import type { Ctx201Csms, Response201 } from './contexts.js';
import { check } from '../engine/checks.js';
import type { IdTokenConfig } from '../core/config.js';
import type { ReceivedCall } from '../roles/endpoint.js';
import type { Payload } from '../roles/endpoint.js';
import { idTokenOf } from './csms201.js';

/**
 * The harness as 2.0.1 station authorizing at a CSMS (blocks C and D): Authorize with a token,
 * the group check of IdTokenInfo, and waiting for a SendLocalList that the CSMS may prepare with
 * a GetLocalListVersion first.
 */

/** Sends AuthorizeRequest for a token (with extra fields such as ISO 15118 contract data) and returns the answer. */
export async function authorize201(
  ctx: Ctx201Csms,
  token: IdTokenConfig,
  requirement: string,
  extra: Payload = {},
): Promise<Response201<'Authorize'>> {
  return ctx.station.call('Authorize', { idToken: idTokenOf(token), ...extra }, { requirement });
}

/** Fails unless an IdTokenInfo carries the group `groupId` (groupIdToken.idToken). */
export function expectGroup(info: { groupIdToken?: { idToken: string } } | undefined, groupId: string, requirement: string): void {
  check(
    info?.groupIdToken?.idToken === groupId,
    requirement,
    `idTokenInfo.groupIdToken.idToken "${groupId}"`,
    info?.groupIdToken ? `groupIdToken ${JSON.stringify(info.groupIdToken)}` : 'no groupIdToken',
  );
}

/** Fails unless an IdTokenInfo (of `what`) has status Accepted and the group `groupId`. */
export function expectAcceptedInGroup(
  ctx: Ctx201Csms,
  info: { status: string; groupIdToken?: { idToken: string } } | undefined,
  groupId: string,
  what: string,
  statusRequirement: string,
  groupRequirement = statusRequirement,
): void {
  ctx.expectOneOf(info?.status, ['Accepted'], statusRequirement, `${what}.idTokenInfo.status`);
  expectGroup(info, groupId, groupRequirement);
}

/**
 * Waits for the CSMS's SendLocalListRequest. A CSMS may first ask GetLocalListVersion (allowed,
 * not required): it is answered with `stationVersion`. Returns the request and the version the
 * CSMS was told (undefined when it did not ask).
 */
export async function expectSendLocalList(
  ctx: Ctx201Csms,
  stationVersion: number,
  requirement: string,
  within?: number,
): Promise<{ req: ReceivedCall<Payload>; told?: number }> {
  let told: number | undefined;
  for (;;) {
    const call = await ctx.station.untyped.expectOneOf(['GetLocalListVersion', 'SendLocalList'], { requirement, within });
    if (call.action === 'SendLocalList') return { req: call, told };
    await ctx.station.untyped.reply(call, { versionNumber: stationVersion });
    told = stationVersion;
  }
}

/** Checks the versionNumber of a SendLocalListRequest: above 0 and above the version the station reported, if it was asked. */
export function checkListVersion(req: Payload, told: number | undefined, requirement: string): void {
  const v = req.versionNumber as number;
  const floor = Math.max(0, told ?? 0);
  check(
    typeof v === 'number' && v > floor,
    requirement,
    `versionNumber > ${floor}${told !== undefined ? ' (the version the station reported)' : ''}`,
    String(v),
  );
}
