import type { CaseContext } from './context.js';
import { CaseFailure } from '../core/verdict.js';
import { versionFacts } from '../protocol/version-facts.js';

export interface LivenessResult {
  alive: boolean;
  detail: string;
}

/**
 * After an attack case: does the SUT still answer a valid call? A CSMS gets a fresh station
 * connection; a station gets the call on its connection (after reconnecting, if it dropped).
 */
export async function probeLiveness(ctx: CaseContext): Promise<LivenessResult> {
  const { action, payload } = versionFacts(ctx.ocpp).livenessProbe(ctx.meta.sut);
  const t = ctx.config.timeouts;
  try {
    if (ctx.meta.sut === 'csms') {
      const station = ctx.station;
      station.disconnectAll();
      const dial = await station.tryConnect();
      if (!dial.ok) return { alive: false, detail: `a new connection was refused: ${dial.error}` };
      const res = await station.callMayError(action, payload, { schema: false, within: t.messageMs, requirement: 'SEC-LIVE-01' });
      station.disconnectAll();
      return { alive: true, detail: `${action} answered with ${res.kind === 'result' ? 'a CALLRESULT' : `CALLERROR ${res.errorCode}`}` };
    }
    const csms = ctx.csms;
    if (!csms.connection) await csms.expectConnection({ within: t.connectMs + t.messageMs, requirement: 'SEC-LIVE-01' });
    const res = await csms.callMayError(action, payload, { schema: false, within: t.messageMs, requirement: 'SEC-LIVE-01' });
    return { alive: true, detail: `${action} answered with ${res.kind === 'result' ? 'a CALLRESULT' : `CALLERROR ${res.errorCode}`}` };
  } catch (err) {
    if (err instanceof CaseFailure) return { alive: false, detail: `${action}: ${err.actual}` };
    throw err;
  }
}
