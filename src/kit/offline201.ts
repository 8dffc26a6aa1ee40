import type { Ctx201Cs } from './contexts.js';
import type { Call201 } from './contexts.js';
import { reconnectWindow } from './security-profiles.js';

/**
 * The station offline (E11-E14), as OCTT does it: the mock CSMS drops the connection and refuses
 * every new one (HTTP 503) while the body runs, so the station has to keep what happens meanwhile;
 * afterwards it accepts connections again and waits for the station to come back. No adapter is
 * needed: from the station's side the CSMS is simply unreachable. Whatever happens, connections
 * are accepted again when the body ends, so the case's post-conditions can reach the station.
 */
export async function whileOffline<T>(ctx: Ctx201Cs, requirement: string, body: () => Promise<T>): Promise<T> {
  const { csms } = ctx;
  ctx.step('The connection to the station is lost: the harness closes it and refuses reconnects');
  csms.setHandshakePolicy({ rejectStatus: 503 });
  if (csms.connection) csms.close(1001, 'going away');
  let result: T;
  try {
    result = await body();
  } finally {
    csms.setHandshakePolicy({});
  }
  ctx.step('The harness accepts connections again; the station reconnects');
  await csms.expectConnection({ within: reconnectWindow(ctx.config), requirement });
  return result;
}

/** The seqNo of a TransactionEvent request (NaN when it has none). */
export function seqNoOf(call: Call201<'TransactionEvent'>): number {
  return typeof call.payload.seqNo === 'number' ? call.payload.seqNo : Number.NaN;
}
