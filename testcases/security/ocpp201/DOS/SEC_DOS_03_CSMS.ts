import { defineCase, serializeCall } from '../../../../src/dsl.js';
import { answerFor } from '../../../../src/kit/index.js';

/** Bounds of the flood: at most this many Heartbeats, sent within at most this many ms. */
const MAX_CALLS = 200;
const MAX_FLOOD_MS = 2000;

export default defineCase(
  {
    id: 'SEC_DOS_03_CSMS',
    title: 'Bounded flood of valid Heartbeats toward the CSMS',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'DOS',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-DOS-03',
    severity: 'medium',
    cwe: 'CWE-400',
    requirements: ['SEC-DOS-03', 'B01.FR.04'],
    purpose:
      'A station that fires 200 valid Heartbeats at once (bounded to 2 s) may be throttled or disconnected, but the CSMS does not corrupt its answers and keeps serving: a fresh connection of the station gets its Heartbeat answered promptly afterwards.',
    hint: 'Rate-limit per connection (answer a CALLERROR, delay, or close the abusive session) and keep message handling bounded so one noisy station cannot stall the service for others.',
    fault: 'heartbeat-flood-stall',
  },
  async (ctx) => {
    const { station, config } = ctx;
    await ctx.given('Booted');
    const conn = station.connection!;

    ctx.step(`The station sends up to ${MAX_CALLS} Heartbeats without waiting (at most ${MAX_FLOOD_MS} ms)`);
    const ids: string[] = [];
    const start = performance.now();
    const floodMs = Math.min(MAX_FLOOD_MS, config.timeouts.messageMs);
    while (ids.length < MAX_CALLS && performance.now() - start < floodMs && !conn.closed) {
      const batch: Promise<void>[] = [];
      for (let i = 0; i < 20 && ids.length < MAX_CALLS; i++) {
        const id = ctx.ids.next();
        ids.push(id);
        batch.push(conn.send(serializeCall(id, 'Heartbeat', {})));
      }
      await Promise.all(batch);
    }
    ctx.note(`flood: ${ids.length} Heartbeats sent in ${Math.round(performance.now() - start)} ms`);

    ctx.step('The answers that come back are well-formed Heartbeat answers (or throttling CALLERRORs)');
    let answered = 0;
    let errors = 0;
    let lastProgress = performance.now();
    const pending = new Set(ids);
    const deadline = performance.now() + config.timeouts.messageMs;
    while (pending.size > 0 && !conn.closed && performance.now() < deadline && performance.now() - lastProgress < config.timeouts.silenceMs) {
      const f = await answerFor(ctx, [...pending], Math.min(config.timeouts.silenceMs, 100), conn);
      if (!f) continue;
      lastProgress = performance.now();
      const id = (f.frame as { messageId: string }).messageId;
      pending.delete(id);
      if (f.frame.kind === 'result') {
        answered += 1;
        const t = (f.frame.payload as { currentTime?: unknown }).currentTime;
        ctx.check(typeof t === 'string' && !Number.isNaN(Date.parse(t)), 'B01.FR.04', 'every answer under a Heartbeat id is a HeartbeatResponse with currentTime', f.text);
      } else errors += 1;
    }
    ctx.note(`flood answers: ${answered} CALLRESULT, ${errors} CALLERROR, ${pending.size} unanswered${conn.closed ? `; the CSMS closed the connection (code ${conn.closed.code})` : ''}`);

    ctx.step('On a fresh connection the station is served again, within the message timeout');
    station.disconnectAll();
    const dial = await station.tryConnect();
    ctx.check(dial.ok, 'SEC-DOS-03', 'the station can connect again after the flood', dial.ok ? '' : dial.error);
    const t0 = performance.now();
    const hb = await station.callMayError('Heartbeat', {}, { requirement: 'SEC-DOS-03' }).catch((err: unknown) => {
      ctx.evidence(`${ids.length} x [2,"<id>","Heartbeat",{}] sent back to back`);
      throw err;
    });
    ctx.check(hb.kind === 'result', 'SEC-DOS-03', 'a HeartbeatResponse on the fresh connection', hb.kind === 'error' ? `CALLERROR ${hb.errorCode}` : '');
    ctx.note(`Heartbeat latency after the flood: ${Math.round(performance.now() - t0)} ms`);
  },
);
