import { defineCase, type OcppConnection } from '../../../../src/dsl.js';
import { waitUntil } from '../../../../src/kit/index.js';

/** Bounded sizes: one message each. */
const SIZES: ReadonlyArray<readonly [string, number]> = [
  ['64 kB', 64 * 1024],
  ['1 MB', 1024 * 1024],
];

export default defineCase(
  {
    id: 'SEC_DOS_01_CSMS',
    title: 'Oversized messages toward the CSMS (64 kB and 1 MB)',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'DOS',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-DOS-01',
    severity: 'high',
    cwe: 'CWE-770',
    requirements: ['SEC-DOS-01', 'OCPPJ20-4.2.3'],
    purpose:
      'A single large but well-formed DataTransfer (64 kB, then 1 MB) is either processed, answered with a CALLERROR, or refused by closing that one connection with 1009 (message too big); the CSMS itself stays up and serves the station again right after.',
    hint: 'Set an explicit maximum message size on the WebSocket server (and document it); close with 1009 or answer a CALLERROR above it, never buffer without limit or let one message take the service down.',
    fault: 'oversized-message-crash',
  },
  async (ctx) => {
    const { station, config } = ctx;
    await ctx.given('Booted');
    for (const [what, bytes] of SIZES) {
      ctx.step(`The station sends a ${what} DataTransfer; the CSMS answers it or closes the connection with 1009`);
      const conn: OcppConnection = station.connection ?? (await station.connect({ requirement: 'SEC-DOS-01' }));
      const res = await station.callMayError('DataTransfer', { vendorId: 'org.ocpp-harness.sec', messageId: 'size-probe', data: 'A'.repeat(bytes) }, { schema: false, requirement: 'SEC-DOS-01' }).catch(() => undefined);
      if (res) ctx.note(`${what}: ${res.kind === 'result' ? `CALLRESULT ${JSON.stringify(res.payload)}` : `CALLERROR ${res.errorCode}`}`);
      else {
        await waitUntil(ctx, () => conn.closed !== undefined, config.timeouts.messageMs);
        const code = conn.closed?.code;
        ctx.note(`${what}: ${code === undefined ? 'no answer' : `connection closed with code ${code}`}`);
        if (code !== 1009) ctx.evidence(`[2,"<id>","DataTransfer",{"vendorId":"org.ocpp-harness.sec","data":"AAAA…"}] (${bytes} bytes of data)`);
        ctx.check(code !== undefined, 'SEC-DOS-01', `an answer to the ${what} message, or a close with 1009`, 'no answer and the connection stayed open');
        if (code !== 1009) ctx.nonStrict('SEC-DOS-01', `the ${what} message closed the connection with ${code}; 1009 (message too big) tells the station why`);
      }
      ctx.step(`After the ${what} message the CSMS accepts the station and answers it`);
      const culprit = `[2,"<id>","DataTransfer",{"vendorId":"org.ocpp-harness.sec","messageId":"size-probe","data":"AAAA…"}] (${bytes} bytes of data)`;
      if (!station.connection) {
        const dial = await station.tryConnect();
        if (!dial.ok) ctx.evidence(culprit);
        ctx.check(dial.ok, 'SEC-DOS-01', `the station can reconnect after the ${what} message`, dial.ok ? '' : dial.error);
      }
      const hb = await station.callMayError('Heartbeat', {}, { requirement: 'SEC-DOS-01' }).catch((err: unknown) => {
        ctx.evidence(culprit);
        throw err;
      });
      ctx.check(hb.kind === 'result', 'SEC-DOS-01', `a HeartbeatResponse after the ${what} message`, hb.kind === 'error' ? `CALLERROR ${hb.errorCode}` : '');
    }
  },
);
