import { check, defineCase } from '../../../src/dsl.js';
import { expectAfter, getVariable, mark, triggerCsr } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_A_23_CS',
    title: 'Renew the station certificate - CertificateSigned never arrives',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'A',
    requirements: ['A02.FR.17', 'A02.FR.18', 'A02.FR.02'],
    profiles: ['Core'],
    securityProfiles: [3],
    purpose:
      'The CSMS accepts the SignCertificate request but never sends CertificateSigned. After SecurityCtrlr.CertSigningWaitMinimum seconds the station sends a new SignCertificate request.',
    features: ['AdvancedSecurity'],
    fault: 'cert-signed-timeout-no-retry',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('Booted');

    ctx.step('The station reports CertSigningWaitMinimum and CertSigningRepeatTimes');
    const wait = await getVariable(ctx, 'SecurityCtrlr', 'CertSigningWaitMinimum', 'A02.FR.17');
    const repeat = await getVariable(ctx, 'SecurityCtrlr', 'CertSigningRepeatTimes', 'A02.FR.18');
    const waitS = Number.parseInt(String(wait.attributeValue ?? ''), 10);
    const repeatN = Number.parseInt(String(repeat.attributeValue ?? ''), 10);
    check(Number.isInteger(waitS) && waitS >= 0, 'A02.FR.17', 'CertSigningWaitMinimum is an integer number of seconds', wait);
    check(
      waitS * 1000 <= 10 * config.timeouts.messageMs,
      'A02.FR.17',
      `CertSigningWaitMinimum short enough to observe (at most ${(10 * config.timeouts.messageMs) / 1000} s)`,
      `${waitS} s`,
    );
    check(Number.isInteger(repeatN) && repeatN >= 1, 'A02.FR.18', 'CertSigningRepeatTimes of at least 1 (a retry is made)', repeat);

    ctx.step('TriggerMessage SignChargingStationCertificate; the CSMS accepts the CSR and sends nothing more');
    const sign = await triggerCsr(ctx);
    const at = mark(csms);
    await csms.reply(sign, { status: 'Accepted' });

    ctx.step('Without CertificateSigned, the station sends a new SignCertificate after CertSigningWaitMinimum');
    const again = await expectAfter(csms, at, 'SignCertificate', {
      within: waitS * 1000 + ctx.waits.twoMessages,
      requirement: 'A02.FR.17',
    });
    await csms.reply(again, { status: 'Accepted' });
    const gap = again.at - sign.at;
    ctx.note(`second SignCertificate ${Math.round(gap)} ms after the first`);
    check(
      gap >= waitS * 1000 - 250,
      'A02.FR.17',
      `the retry waits CertSigningWaitMinimum (${waitS} s)`,
      `retried after ${Math.round(gap)} ms`,
    );
    check(again.payload.csr !== sign.payload.csr, 'A02.FR.02', 'the retry carries a new CSR (a new key pair)', 'the same CSR again');
  },
);
