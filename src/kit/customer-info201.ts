import type { Ctx201Cs } from './contexts.js';
import { check } from '../engine/checks.js';
import { freshRequestId, validToken } from './csms201.js';
import { cacheToken } from './auth201.js';

/** Block N as CSMS: CustomerInformation and the NotifyCustomerInformation parts it causes (N09, N10). */

export type CustomerRef =
  | { idToken: { idToken: string; type: string } }
  | { customerIdentifier: string }
  | { customerCertificate: { hashAlgorithm: string; issuerNameHash: string; issuerKeyHash: string; serialNumber: string } };

/** A customer the station cannot know: a fresh idToken of the harness. */
export function unknownCustomer(ctx: Ctx201Cs): { idToken: { idToken: string; type: string } } {
  return { idToken: { idToken: `HARNESS-NOBODY-${ctx.ids.next().slice(0, 8)}`, type: 'ISO14443' } };
}

/**
 * A customer the station has served: one short session of the configured valid token (memory
 * state IdTokenCached, the token Accepted), so the station holds whatever it keeps about it.
 */
export async function servedCustomer(ctx: Ctx201Cs): Promise<{ idToken: { idToken: string; type: string } }> {
  const token = validToken(ctx.config);
  await cacheToken(ctx, token, { status: 'Accepted' }, 'C10.FR.01');
  return { idToken: token };
}

/** Sends CustomerInformation (its NotifyCustomerInformation parts are answered from now on); returns the status and the requestId. */
export async function askCustomerInformation(
  ctx: Ctx201Cs,
  ref: CustomerRef,
  flags: { report: boolean; clear: boolean },
  requirement: string,
): Promise<{ status: string; requestId: number }> {
  ctx.csms.respondTo('NotifyCustomerInformation', {});
  const requestId = freshRequestId();
  const res = await ctx.csms.untyped.call('CustomerInformation', { requestId, ...flags, ...ref }, { requirement });
  return { status: String(res.status), requestId };
}

/**
 * Waits for every NotifyCustomerInformation part of `requestId` until the one with tbc false:
 * each carries the requestId, seqNo runs 0, 1, 2 ... Returns the data texts in order.
 */
export async function customerReport(ctx: Ctx201Cs, requestId: number, requirement: string): Promise<string[]> {
  const parts: string[] = [];
  for (let seqNo = 0; ; seqNo++) {
    const part = await ctx.csms.expectCall('NotifyCustomerInformation', {
      where: (p) => p.requestId === requestId,
      whereText: `requestId ${requestId}${seqNo ? ` (part ${seqNo})` : ''}`,
      within: ctx.waits.twoMessages,
      requirement,
    });
    check(part.payload.seqNo === seqNo, requirement, `part seqNo ${seqNo} (parts numbered from 0)`, part.payload.seqNo);
    parts.push(part.payload.data);
    if (!part.payload.tbc) return parts;
  }
}
