import { defineCase } from '../../../../src/dsl.js';
import { fetchLog, startUploadServer } from '../../../../src/kit/index.js';

const LOGINS: ReadonlyArray<readonly [boolean, string, string]> = [
  [false, 'MaintenanceLoginFailed', 'a wrong password'],
  [true, 'MaintenanceLoginAccepted', 'the right password'],
];

export default defineCase(
  {
    id: 'SEC_LOG_08_CS',
    title: 'Opened enclosure and local maintenance logins are security events',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'LOG',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-LOG-08',
    severity: 'medium',
    cwe: 'CWE-778',
    requirements: ['A04.FR.01', 'A04.FR.04'],
    purpose:
      'Physical and local access is security relevant. When the enclosure is opened the station pushes the critical event TamperDetectionActivated; a login on the local maintenance port with a wrong and then the right password gives MaintenanceLoginFailed and MaintenanceLoginAccepted, pushed with SecurityEventNotification (or at least in the security log), spelled exactly as in 2.0.1. A station without tamper detection or a maintenance port cannot perform the step, and the case is inconclusive.',
    hint: 'Wire the enclosure switch to a TamperDetectionActivated security event and the local maintenance login to MaintenanceLoginAccepted/MaintenanceLoginFailed; push them with SecurityEventNotification (queued while offline) and keep them in the security log.',
    fault: 'tamper-not-reported',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('Booted');
    const pushedTypes = () => csms.receivedCalls('SecurityEventNotification').map((c) => String(c.payload.type));

    ctx.step('The enclosure is opened; the station pushes TamperDetectionActivated');
    await ctx.manual('tamper', {}, 'Open the enclosure of the charging station (or trip its tamper switch), then close it again.');
    const tamper = await csms
      .expectCall('SecurityEventNotification', {
        where: (p) => p.type === 'TamperDetectionActivated',
        whereText: 'type TamperDetectionActivated',
        requirement: 'A04.FR.01',
      })
      .catch((err: unknown) => {
        ctx.evidence(`enclosure opened; SecurityEventNotification types received: ${pushedTypes().join(', ') || 'none'}`);
        throw err;
      });
    ctx.note(`TamperDetectionActivated at ${tamper.payload.timestamp}${tamper.payload.techInfo ? ` (${tamper.payload.techInfo})` : ''}`);

    const notPushed: string[] = [];
    for (const [success, type, what] of LOGINS) {
      ctx.step(`A local maintenance login with ${what}: the station reports ${type}`);
      await ctx.manual(
        'maintenanceLogin',
        { success },
        `Log in to the station's local maintenance port with ${success ? 'the correct password' : 'a wrong password'}.`,
      );
      const pushed = await csms
        .expectCall('SecurityEventNotification', {
          where: (p) => p.type === type,
          whereText: `type ${type}`,
          within: config.timeouts.messageMs,
          requirement: 'A04.FR.01',
        })
        .catch(() => undefined);
      if (pushed) ctx.note(`${type} pushed at ${pushed.payload.timestamp}`);
      else notPushed.push(type);
    }
    if (notPushed.length === 0) return;

    ctx.step(`${notPushed.join(' and ')} was not pushed: the security log must hold it`);
    const upload = await startUploadServer(ctx);
    try {
      const log = await fetchLog(ctx, upload, 'SecurityLog', 'A04.FR.04');
      if (!log.supported) {
        ctx.nonStrict('A04.FR.04', `${notPushed.join(' and ')} not pushed, and the security log is not observable (${log.why})`);
        return;
      }
      const words = new Set(log.text.split(/[^A-Za-z0-9]+/));
      const missing = notPushed.filter((t) => !words.has(t));
      if (missing.length)
        ctx.evidence(
          `maintenance logins performed; pushed types: ${pushedTypes().join(', ') || 'none'}; security log: ${log.text.slice(-1500)}`,
        );
      ctx.check(
        missing.length === 0,
        'A04.FR.04',
        `the security log records ${notPushed.join(' and ')}`,
        `${missing.join(' and ')} neither pushed nor in the security log (pushed types: ${pushedTypes().join(', ') || 'none'})`,
      );
      ctx.nonStrict('A04.FR.01', `${notPushed.join(' and ')} only in the security log; pushing it lets the CSMS alert on local access`);
    } finally {
      await upload.stop();
    }
  },
);
