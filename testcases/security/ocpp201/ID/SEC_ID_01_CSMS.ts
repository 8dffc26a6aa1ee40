import { defineCase } from '../../../../src/dsl.js';
import { callArrivedOn, callOn, waitUntil } from '../../../../src/kit/index.js';

export default defineCase(
  {
    id: 'SEC_ID_01_CSMS',
    title: 'An attacker with the station identity but no or wrong credentials cannot take over its session',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'ID',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-ID-01',
    severity: 'critical',
    cwe: 'CWE-287',
    cve: 'CVE-2026-20781',
    requirements: ['SEC-ID-01', 'A00.FR.202'],
    purpose:
      'While the real station is connected, connections that present its identity without credentials or with a wrong password are refused, and the live session is untouched: it stays open, is answered, and keeps receiving the CSMS\'s commands. At security profile 0 (no credentials configured) knowing the identity must still not be enough to displace a live session.',
    hint: 'Authenticate before upgrading (HTTP Basic on profile 1/2, the client certificate on 3) and never let a new connection close or shadow an established, responsive session of the same identity; at the least, check the old session with a ping before giving its identity away.',
    fault: 'duplicate-identity-takeover',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const secured = config.security.profile >= 1;
    await ctx.given('Booted');
    const orig = station.connection!;
    const attempts: ReadonlyArray<readonly [string, { password: string | null }]> = [
      ['no credentials', { password: null }],
      ['a wrong password', { password: 'not-the-station-password-0000' }],
    ];
    for (const [what, creds] of attempts) {
      ctx.step(`An attacker connects as ${config.stationId} with ${what}; it is refused`);
      const dial = await station.tryConnect(creds);
      if (!dial.ok) ctx.note(`attacker with ${what}: refused (${dial.error})`);
      else {
        const attacker = dial.conn;
        if (secured) {
          ctx.evidence(`GET …/${config.stationId} (Upgrade: websocket) with ${what}`);
          attacker.close(1000, 'attacker leaves');
          ctx.check(false, 'A00.FR.202', `HTTP 401 for a connection with ${what}`, 'HTTP 101: the upgrade was accepted');
        }
        const settled = await waitUntil(ctx, () => attacker.closed !== undefined || orig.closed !== undefined, config.timeouts.messageMs);
        if (orig.closed || !settled) ctx.evidence(`GET …/${config.stationId} (Upgrade: websocket) with ${what}`);
        ctx.check(!orig.closed, 'SEC-ID-01', 'the live session of the station stays open', `the attacker's connection displaced it (closed with code ${orig.closed?.code})`);
        ctx.check(settled, 'SEC-ID-01', 'the attacker\'s connection is refused or closed', `it stayed open next to the live session for ${config.timeouts.messageMs} ms`);
        ctx.nonStrict('SEC-ID-01', `the attacker's upgrade with ${what} was accepted and closed afterwards; refusing it at the handshake is safer`);
      }
      ctx.step(`After the attempt with ${what} the live session is still served`);
      ctx.check(!orig.closed, 'SEC-ID-01', 'the live session of the station stays open', `closed with code ${orig.closed?.code}`);
      const hb = await callOn(ctx, orig, 'Heartbeat', {}, { requirement: 'SEC-ID-01' });
      ctx.check(hb.kind === 'result', 'SEC-ID-01', 'a HeartbeatResponse on the live session', hb.kind === 'error' ? `CALLERROR ${hb.errorCode}` : '');
    }
    ctx.step('The CSMS still sends its commands to the live session');
    await ctx.manual('csmsSend', { message: 'TriggerMessage', stationId: config.stationId, requestedMessage: 'Heartbeat' }, `Make the CSMS send TriggerMessage (Heartbeat) to station ${config.stationId}`);
    const call = await callArrivedOn(ctx, orig, 'TriggerMessage', config.timeouts.messageMs);
    ctx.check(call !== undefined, 'SEC-ID-01', 'TriggerMessage arrives on the live session', 'it did not arrive there');
    await orig.send(JSON.stringify([3, (call!.frame as { messageId: string }).messageId, { status: 'Accepted' }]));
  },
);
