import { defineCase } from '../../../../src/dsl.js';
import { fetchLog, observeUpgrades, startUploadServer } from '../../../../src/kit/index.js';

export default defineCase(
  {
    id: 'SEC_LOG_06_CS',
    title: 'HTTP 401 at the handshake: logged, retried with back-off, no lock-out',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'LOG',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-LOG-06',
    severity: 'medium',
    cwe: 'CWE-778',
    requirements: ['A04.FR.04', 'OCPPJ20-5.3'],
    purpose:
      'When the CSMS answers the upgrade with 401 Unauthorized, the station records FailedToAuthenticateAtCsms in its security log, keeps retrying with back-off rather than locking itself out, and connects again once the CSMS accepts it.',
    hint: 'Treat a 401 at the handshake as a logged security event (FailedToAuthenticateAtCsms) and a normal reason to retry with back-off; never stop reconnecting for good.',
    fault: 'auth-failure-not-logged',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('Booted');
    const seen = observeUpgrades(ctx);
    const upload = await startUploadServer(ctx);
    try {
      ctx.step('The mock CSMS answers every upgrade with 401 and drops the connection');
      csms.setHandshakePolicy({ rejectStatus: 401 });
      csms.close(1001, 'going away');
      const windowMs = 2 * config.timeouts.connectMs;
      await seen.waitForCount(3, windowMs);
      ctx.evidence(`HTTP 401 to ${seen.attempts.length} upgrade attempts`);
      ctx.check(
        seen.attempts.length >= 2,
        'OCPPJ20-5.3',
        `the station retries after a 401 (at least 2 attempts in ${windowMs} ms)`,
        `${seen.attempts.length} attempt(s)`,
      );

      ctx.step('The mock CSMS accepts again; the station reconnects');
      csms.setHandshakePolicy({});
      if (!csms.connection)
        await csms.expectConnection({ within: config.timeouts.connectMs + config.timeouts.messageMs, requirement: 'OCPPJ20-5.3' });

      ctx.step('The security log records FailedToAuthenticateAtCsms');
      const log = await fetchLog(ctx, upload, 'SecurityLog', 'A04.FR.04');
      if (!log.supported) {
        ctx.nonStrict('A04.FR.04', `the security log is not observable (${log.why})`);
        return;
      }
      ctx.note(`security log: ${log.text.slice(0, 600)}`);
      ctx.check(
        log.text.includes('FailedToAuthenticateAtCsms'),
        'A04.FR.04',
        'the security log contains FailedToAuthenticateAtCsms',
        log.text.slice(0, 300),
      );
    } finally {
      // Leave the station able to connect, whatever happened above.
      csms.setHandshakePolicy({});
      seen.stop();
      await upload.stop();
    }
  },
);
