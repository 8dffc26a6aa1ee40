import type { Ctx16Cs } from './contexts.js';
import { expectStartCharging16, plugIn, presentIdTag, readConfigValue } from './central-system16.js';
import type { Profile16 } from './smart-charging16.js';
import { changeConfiguration16 } from './restore.js';
import { check } from '../engine/checks.js';

/**
 * The harness as 1.6 central system, for the cases about where a charge point takes an
 * authorization from (OCPP 1.6 §3.5: authorization cache, local list, AuthorizeRemoteTxRequests):
 * switching a boolean key on for the case, and a start whose Authorize is or is not due.
 */

/**
 * Sets a boolean configuration key to true for this case (restored afterwards). `optional`: a
 * charge point without the key, or whose key is read-only false, makes the case not applicable;
 * otherwise anything but Accepted fails `requirement`.
 */
export async function switchOn16(ctx: Ctx16Cs, key: string, requirement: string, optional: boolean): Promise<void> {
  const now = await readConfigValue(ctx, key, requirement);
  if (now?.trim().toLowerCase() === 'true') return;
  if (now === undefined && optional) ctx.notApplicable(`the charge point does not report the optional key ${key}`);
  const status = await changeConfiguration16(
    ctx,
    key,
    'true',
    requirement,
    optional ? { accept: ['Accepted', 'Rejected', 'NotSupported'] } : {},
  );
  if (status !== 'Accepted') ctx.notApplicable(`${key} cannot be set to true (ChangeConfiguration ${status}): the case's precondition`);
}

/**
 * The driver starts a session for the configured valid idTag on the configured connector: by
 * plugging in and presenting the idTag, or (`remote`) by a RemoteStartTransaction and plugging in.
 * Expects the StartTransaction, answers it and waits for Charging (either order). `authorize`:
 * whether an Authorize for the idTag is due first (true: the harness waits for it, answered by the
 * case's Authorize responder; false: one sent before the StartTransaction fails `requirement`;
 * undefined: either). `chargingProfile` goes with the remote start.
 */
export async function startSession16(
  ctx: Ctx16Cs,
  o: { remote: boolean; authorize?: boolean; requirement: string; chargingProfile?: Profile16 },
): Promise<number> {
  const { csms, config } = ctx;
  const connectorId = config.ids.connectorId;
  const idTag = config.ids.validIdToken.idToken;
  const before = csms.receivedCalls('Authorize').length;
  if (o.remote) {
    const payload = o.chargingProfile ? { connectorId, idTag, chargingProfile: o.chargingProfile } : { connectorId, idTag };
    const res = await csms.call('RemoteStartTransaction', payload, { requirement: 'OCPP16-5.11' });
    ctx.expectOneOf(res.status, ['Accepted'], 'OCPP16-5.11', 'RemoteStartTransaction.conf status');
    await plugIn(ctx);
  } else {
    await plugIn(ctx);
    await presentIdTag(ctx);
  }
  if (o.authorize)
    await csms.expectCall('Authorize', { where: (p) => p.idTag === idTag, whereText: `idTag = ${idTag}`, requirement: o.requirement });
  const transactionId = await expectStartCharging16(ctx, o.requirement);
  if (o.authorize === false) {
    // Any Authorize of this idTag would have arrived before the StartTransaction it gates.
    const asked = csms
      .receivedCalls('Authorize')
      .slice(before)
      .filter((c) => c.payload.idTag === idTag);
    check(asked.length === 0, o.requirement, `no Authorize for ${idTag} before its StartTransaction`, `${asked.length} Authorize sent`);
  }
  return transactionId;
}
