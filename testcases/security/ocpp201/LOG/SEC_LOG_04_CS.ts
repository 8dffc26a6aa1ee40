import { defineCase } from '../../../../src/dsl.js';
import { expectReachable, fetchLog, startUploadServer } from '../../../../src/kit/index.js';

export default defineCase(
  {
    id: 'SEC_LOG_04_CS',
    title: 'Security log upload contains the non-critical events',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'LOG',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-LOG-04',
    severity: 'medium',
    cwe: 'CWE-778',
    requirements: ['A04.FR.04', 'N01.FR.03'],
    purpose:
      'Every security event, critical or not, goes to the security log. After the harness sent invalid messages, GetLog SecurityLog uploads the log (LogStatusNotification Uploading then Uploaded, both with the requestId) and the log names InvalidMessages as well as the start-up event.',
    hint: 'Write every security event (InvalidMessages, FailedToAuthenticateAtCsms, ReconfigurationOfSecurityParameters ...) to a rolling security log and serve it through GetLog logType SecurityLog.',
    fault: 'security-log-omits-noncritical',
  },
  async (ctx) => {
    const { csms } = ctx;
    await ctx.given('Booted');
    const upload = await startUploadServer(ctx);
    try {
      ctx.step('The harness sends two invalid messages (InvalidMessages events)');
      await csms.sendRaw('this is not an OCPP frame');
      const bad = await csms.callMayError('GetVariables', { getVariableData: 'not an array' }, { requirement: 'A04.FR.04', schema: false });
      ctx.note(`schema-violating GetVariables answered with ${bad.kind === 'error' ? `CALLERROR ${bad.errorCode}` : 'a CALLRESULT'}`);
      await expectReachable(ctx, 'A04.FR.04');

      ctx.step('GetLog SecurityLog: the station uploads its security log to the harness');
      const log = await fetchLog(ctx, upload, 'SecurityLog', 'N01.FR.03');
      ctx.check(log.supported, 'N01.FR.03', 'the station uploads its security log on GetLog SecurityLog', log.supported ? '' : log.why);
      if (!log.supported) return;
      ctx.note(`security log (${log.text.length} bytes): ${log.text.slice(0, 600)}`);

      ctx.step('The log names the non-critical InvalidMessages event and the start-up event');
      ctx.evidence(log.text.slice(0, 2000));
      ctx.check(log.text.includes('InvalidMessages'), 'A04.FR.04', 'the security log contains InvalidMessages', log.text.slice(0, 300));
      ctx.check(
        /StartupOfTheDevice|ResetOrReboot/.test(log.text),
        'A04.FR.04',
        'the security log contains the start-up event',
        log.text.slice(0, 300),
      );
    } finally {
      await upload.stop();
    }
  },
);
