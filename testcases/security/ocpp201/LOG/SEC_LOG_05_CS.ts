import { randomBytes } from 'node:crypto';
import { defineCase } from '../../../../src/dsl.js';
import { fetchLog, startUploadServer } from '../../../../src/kit/index.js';

const KEY_MARKERS = [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, /PRIVATE KEY/];

export default defineCase(
  {
    id: 'SEC_LOG_05_CS',
    title: 'Uploaded logs contain no password and no private key',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'LOG',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-LOG-05',
    severity: 'high',
    cwe: 'CWE-532',
    requirements: ['A01.FR.12', 'A02.FR.05', 'N01.FR.03'],
    purpose:
      'Logs leave the station. After the harness changed SecurityCtrlr.BasicAuthPassword (a security reconfiguration that is logged), neither the security log nor the diagnostics log contains the password, its Basic-auth encoding or private-key material.',
    hint: 'Log that a security parameter changed, never its value; scrub passwords, Authorization headers and PEM private keys from every log that can be uploaded.',
    fault: 'security-log-leaks-password',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('Booted');
    const upload = await startUploadServer(ctx);
    try {
      ctx.step('The harness sets SecurityCtrlr.BasicAuthPassword (the configured one, or a canary when no Basic auth is used)');
      const configured = config.security.basicAuthPassword;
      const secret = configured ?? `h4cs-canary-${randomBytes(8).toString('hex')}`;
      const set = await csms.call(
        'SetVariables',
        { setVariableData: [{ component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' }, attributeValue: secret }] },
        { requirement: 'A01.FR.12' },
      );
      ctx.note(`BasicAuthPassword: attributeStatus ${JSON.stringify(set.setVariableResult?.[0]?.attributeStatus)}`);
      const needles = [secret, Buffer.from(`${config.stationId}:${secret}`).toString('base64')];

      let inspected = 0;
      for (const logType of ['SecurityLog', 'DiagnosticsLog'] as const) {
        ctx.step(`GetLog ${logType}: the uploaded log holds no password and no private key`);
        const log = await fetchLog(ctx, upload, logType, 'N01.FR.03');
        if (!log.supported) {
          ctx.note(`${logType}: ${log.why}`);
          continue;
        }
        inspected++;
        const leak = needles.find((n) => log.text.includes(n));
        if (leak)
          ctx.evidence(
            log.text
              .slice(Math.max(0, log.text.indexOf(leak) - 200), log.text.indexOf(leak) + 200)
              .split(leak)
              .join('<password>'),
          );
        ctx.check(
          leak === undefined,
          'A01.FR.12',
          `the ${logType} does not contain the password`,
          'it contains the password (shown as <password> in the evidence)',
        );
        const key = KEY_MARKERS.find((m) => m.test(log.text));
        ctx.check(key === undefined, 'A02.FR.05', `the ${logType} contains no private-key material`, `it matches ${String(key)}`);
      }
      if (inspected === 0) ctx.nonStrict('N01.FR.03', 'no log could be fetched with GetLog, so log contents were not inspected');
    } finally {
      await upload.stop();
    }
  },
);
