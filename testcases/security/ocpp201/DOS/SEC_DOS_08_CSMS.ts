import { defineCase, type OcppConnection } from '../../../../src/dsl.js';
import { waitUntil } from '../../../../src/kit/index.js';

type Policy = 'refuse-new' | 'close-new' | 'replace-old';

export default defineCase(
  {
    id: 'SEC_DOS_08_CSMS',
    title: 'A second connection with the same identity and valid credentials: one deterministic session',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'DOS',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-DOS-08',
    severity: 'high',
    cwe: 'CWE-613',
    requirements: ['SEC-DOS-08'],
    purpose:
      'When a clone of a connected station opens a second connection with the same identity and valid credentials, the CSMS applies one fixed policy (refuse the new connection, or close it, or replace the old one), never keeps both sessions open, sends its commands to exactly one socket, and does the same on a second attempt.',
    hint: 'Keep at most one session per identity. Decide on one documented policy for a duplicate connection (refuse the newcomer, or close the old session after checking it is really gone), alert on it, and route commands by identity to that single session.',
    fault: 'duplicate-identity-shadow',
  },
  async (ctx) => {
    const { station, config } = ctx;
    await ctx.given('Booted');
    let current: OcppConnection = station.connection!;
    let first: Policy | undefined;
    for (const round of [1, 2]) {
      ctx.step(`Attempt ${round}: a second connection as ${config.stationId} with valid credentials`);
      const dial = await station.tryConnect();
      let policy: Policy;
      let survivor: OcppConnection;
      let other: OcppConnection | undefined;
      if (!dial.ok) {
        policy = 'refuse-new';
        survivor = current;
        ctx.note(`attempt ${round}: the new connection was refused (${dial.error})`);
        ctx.check(dial.status === undefined || (dial.status >= 400 && dial.status < 500), 'SEC-DOS-08', 'the duplicate is refused with a 4xx status', dial.error);
      } else {
        const fresh = dial.conn;
        const settled = await waitUntil(ctx, () => current.closed !== undefined || fresh.closed !== undefined, config.timeouts.messageMs);
        if (!settled) ctx.evidence(`two open sessions for ${config.stationId}: ${current.label} and ${fresh.label}`);
        ctx.check(settled, 'SEC-DOS-08', 'the CSMS closes one of the two sessions of the identity', `both ${current.label} and ${fresh.label} were still open after ${config.timeouts.messageMs} ms`);
        policy = current.closed ? 'replace-old' : 'close-new';
        survivor = current.closed ? fresh : current;
        other = current.closed ? current : fresh;
        ctx.note(`attempt ${round}: policy ${policy} (${other.label} closed with code ${other.closed?.code})`);
      }
      if (first === undefined) first = policy;
      ctx.check(policy === first, 'SEC-DOS-08', `the same duplicate policy on every attempt (${first})`, policy);
      ctx.check(!survivor.closed, 'SEC-DOS-08', 'one session of the station stays open', 'both sessions were closed');

      ctx.step(`Attempt ${round}: a command reaches exactly the surviving session`);
      const since = station.receivedCalls('TriggerMessage').length;
      await ctx.manual('csmsSend', { message: 'TriggerMessage', stationId: config.stationId, requestedMessage: 'Heartbeat' }, `Make the CSMS send TriggerMessage (Heartbeat) to station ${config.stationId}`);
      const ok = await waitUntil(ctx, () => station.receivedCalls('TriggerMessage').slice(since).some((c) => c.conn === survivor), config.timeouts.messageMs);
      const elsewhere = station.receivedCalls('TriggerMessage').slice(since).filter((c) => c.conn !== survivor);
      ctx.check(ok && elsewhere.length === 0, 'SEC-DOS-08', `TriggerMessage on ${survivor.label} only`, ok ? `also on ${elsewhere.map((c) => c.conn.label).join(', ')}` : 'it never arrived on the surviving session');
      const call = station.receivedCalls('TriggerMessage').slice(since).find((c) => c.conn === survivor)!;
      await station.reply(call, { status: 'Accepted' });
      current = survivor;
    }
  },
);
