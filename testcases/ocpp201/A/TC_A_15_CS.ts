import { check, defineCase } from '../../../src/dsl.js';
import { expectAfter, getVariable, mark, triggerCsr } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_A_15_CS',
    title: 'Renew the station certificate - SignCertificate Rejected',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'A',
    requirements: ['A02.FR.17', 'A02.FR.12'],
    profiles: ['Core'],
    securityProfiles: [3],
    purpose:
      'When the CSMS rejects the SignCertificate request, the station tries again with a new SignCertificate after SecurityCtrlr.CertSigningWaitMinimum seconds.',
    features: ['AdvancedSecurity'],
    fault: 'sign-rejected-no-retry',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('Booted');

    ctx.step('The station reports CertSigningWaitMinimum');
    const wait = await getVariable(ctx, 'SecurityCtrlr', 'CertSigningWaitMinimum', 'A02.FR.17');
    const waitS = Number.parseInt(String(wait.attributeValue ?? ''), 10);
    check(Number.isInteger(waitS) && waitS >= 0, 'A02.FR.17', 'CertSigningWaitMinimum is an integer number of seconds', wait);
    check(
      waitS * 1000 <= 10 * config.timeouts.messageMs,
      'A02.FR.17',
      `CertSigningWaitMinimum short enough to observe (at most ${(10 * config.timeouts.messageMs) / 1000} s)`,
      `${waitS} s`,
    );

    ctx.step('TriggerMessage SignChargingStationCertificate; the CSMS rejects the CSR');
    const sign = await triggerCsr(ctx);
    const at = mark(csms);
    await csms.reply(sign, { status: 'Rejected' });

    ctx.step('The station sends a new SignCertificate after CertSigningWaitMinimum');
    const again = await expectAfter(csms, at, 'SignCertificate', {
      within: waitS * 1000 + ctx.waits.twoMessages,
      requirement: 'A02.FR.17',
    });
    await csms.reply(again, { status: 'Rejected' });
    const gap = again.at - sign.at;
    ctx.note(`second SignCertificate ${Math.round(gap)} ms after the first`);
    check(
      gap >= waitS * 1000 - 250,
      'A02.FR.17',
      `the retry waits CertSigningWaitMinimum (${waitS} s)`,
      `retried after ${Math.round(gap)} ms`,
    );
  },
);
