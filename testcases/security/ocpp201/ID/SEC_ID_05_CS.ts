import { defineCase } from '../../../../src/dsl.js';
import { observeUpgrades } from '../../../../src/kit/index.js';

const SECRET_NAMES = /pass|pwd|secret|token|key|auth|cred|session|sig/i;

export default defineCase(
  {
    id: 'SEC_ID_05_CS',
    title: 'Station identity and credentials in the connection URL across a reconnect',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'ID',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-ID-05',
    severity: 'high',
    cwe: 'CWE-598',
    requirements: ['A00.FR.204', 'OCPPJ20-3.1.1', 'B01.FR.01'],
    purpose:
      'After a reset the station reconnects with its own identity as the last URL path segment, the same identity as Basic-auth user when it authenticates, no credentials or tokens in the URL or query string, and registers again with BootNotification.',
    hint: 'Build the connection URL as <CSMS URL>/<identity> only; send credentials in the Authorization header (user = identity), never in the path or query, where proxies and logs keep them.',
    fault: 'secret-in-url-query',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('Booted');
    const seen = observeUpgrades(ctx);
    try {
      ctx.step('The harness resets the station; it reconnects');
      const reset = await csms.call('Reset', { type: 'Immediate' }, { requirement: 'B01.FR.01' });
      ctx.expectOneOf(reset.status, ['Accepted'], 'B01.FR.01', 'Reset status');
      const conn = await csms.expectConnection({ within: config.timeouts.connectMs + config.timeouts.messageMs, requirement: 'B01.FR.01' });

      ctx.step('The upgrade request carries the identity in the path, nothing secret in the URL, and a matching Basic-auth user');
      ctx.check(seen.attempts.length > 0, 'OCPPJ20-3.1.1', 'the upgrade request was observed', 'no upgrade request seen');
      const password = config.security.basicAuthPassword;
      for (const a of seen.attempts) {
        const [path, query = ''] = a.url.split(/\?(.*)/s);
        const segments = path.split('/').filter(Boolean);
        let identity = '';
        try {
          identity = decodeURIComponent(segments[segments.length - 1] ?? '');
        } catch {
          identity = segments[segments.length - 1] ?? '';
        }
        ctx.evidence(`GET ${a.url}`);
        ctx.check(
          identity === config.stationId,
          'OCPPJ20-3.1.1',
          `the last path segment is the identity ${config.stationId}`,
          `GET ${a.url}`,
        );
        const params = [...new URLSearchParams(query)];
        const secret = params.filter(([k, v]) => SECRET_NAMES.test(k) || (password !== undefined && v.includes(password)));
        ctx.check(
          secret.length === 0,
          'A00.FR.204',
          'no credential or token in the query string',
          `query parameters ${secret.map(([k]) => k).join(', ')}`,
        );
        ctx.check(
          password === undefined || !decodeURIComponent(a.url).includes(password),
          'A00.FR.204',
          'the password does not appear in the URL',
          'the URL contains the password',
        );
        const auth = String(a.headers.authorization ?? '');
        const basic = /^Basic\s+(.+)$/i.exec(auth);
        if (basic) {
          const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
          const user = decoded.slice(0, Math.max(0, decoded.indexOf(':')));
          ctx.check(
            user === identity,
            'A00.FR.204',
            `the Basic-auth user equals the URL identity ${identity}`,
            `user ${JSON.stringify(user)}`,
          );
        }
      }

      ctx.step('The station registers again with BootNotification on the new connection');
      const boot = await csms.expectCall('BootNotification', { within: config.timeouts.messageMs, requirement: 'B01.FR.01' });
      ctx.check(boot.conn === conn, 'B01.FR.01', 'the BootNotification comes on the new connection', boot.conn.label);
      await csms.reply(boot, { currentTime: ctx.nowIso(), interval: config.timeouts.heartbeatIntervalS, status: 'Accepted' });
    } finally {
      seen.stop();
    }
  },
);
