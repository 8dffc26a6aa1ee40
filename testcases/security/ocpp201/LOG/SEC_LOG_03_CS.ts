import { defineCase } from '../../../../src/dsl.js';
import {
  fetchLog,
  observeUpgrades,
  SECURITY_EVENTS_16_ONLY,
  ALL_SECURITY_EVENTS_201,
  startUploadServer,
} from '../../../../src/kit/index.js';

const STANDARD = new Map<string, string>(ALL_SECURITY_EVENTS_201.map((n) => [n.toLowerCase(), n]));

/** Names that look like a standard 2.0.1 event but are not spelled exactly, and 1.6-only names. */
function misspelled(names: Iterable<string>): string[] {
  const bad = new Set<string>();
  for (const n of names) {
    if ((SECURITY_EVENTS_16_ONLY as readonly string[]).includes(n)) bad.add(`${n} (a 1.6 name)`);
    const std = STANDARD.get(n.toLowerCase());
    if (std && std !== n) bad.add(`${n} (should be ${std})`);
  }
  return [...bad];
}

export default defineCase(
  {
    id: 'SEC_LOG_03_CS',
    title: 'Security events use the exact 2.0.1 names',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'LOG',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-LOG-03',
    severity: 'low',
    cwe: 'CWE-117',
    requirements: ['A04.FR.01', 'A04.FR.04'],
    purpose:
      'Security event types are compared by name. After a start-up, a refused handshake (401) and an invalid message, every event the station pushes or logs uses the exact, case-sensitive 2.0.1 spelling (FailedToAuthenticateAtCsms, not the 1.6 FailedToAuthenticationAtCentralSystem).',
    hint: 'Use the 2.0.1 security event table verbatim (per negotiated version); do not reuse the 1.6 whitepaper names on a 2.0.1 connection.',
    fault: 'event-name-16-spelling',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('Booted');
    const seen = observeUpgrades(ctx);
    const upload = await startUploadServer(ctx);
    try {
      ctx.step('The mock CSMS refuses one reconnect with 401 (FailedToAuthenticateAtCsms)');
      csms.setHandshakePolicy({ rejectStatus: 401 });
      csms.close(1001, 'going away');
      await seen.waitForCount(1, config.timeouts.connectMs + config.timeouts.messageMs);
      csms.setHandshakePolicy({});
      if (!csms.connection)
        await csms.expectConnection({ within: config.timeouts.connectMs + config.timeouts.messageMs, requirement: 'A04.FR.04' });

      ctx.step('The harness sends an invalid message (InvalidMessages)');
      await csms.sendRaw('[2,"sec-log-03"');

      ctx.step('Pushed SecurityEventNotification types are exact 2.0.1 names');
      await csms.wait(config.timeouts.silenceMs);
      const pushed = csms.receivedCalls('SecurityEventNotification').map((c) => String(c.payload.type));
      ctx.note(`pushed event types: ${pushed.join(', ') || 'none'}`);
      const badPushed = misspelled(pushed);
      if (badPushed.length) ctx.evidence(`SecurityEventNotification types: ${pushed.join(', ')}`);
      ctx.check(badPushed.length === 0, 'A04.FR.01', 'every pushed event type is spelled as in 2.0.1', badPushed.join(', '));

      ctx.step('Event names in the uploaded security log are exact 2.0.1 names');
      const log = await fetchLog(ctx, upload, 'SecurityLog', 'A04.FR.04');
      if (!log.supported) {
        ctx.note(`security log not observable: ${log.why}`);
        return;
      }
      const words = log.text.split(/[^A-Za-z0-9]+/).filter(Boolean);
      const badLogged = misspelled(words);
      if (badLogged.length) ctx.evidence(log.text.slice(0, 2000));
      ctx.check(badLogged.length === 0, 'A04.FR.04', 'every event name in the security log is spelled as in 2.0.1', badLogged.join(', '));
    } finally {
      // Leave the station able to connect, whatever happened above.
      csms.setHandshakePolicy({});
      seen.stop();
      await upload.stop();
    }
  },
);
