import { defineCase } from '../../../../src/dsl.js';
import { type IssueVariant, triggerCsr } from '../../../../src/kit/index.js';

/** Wrong certificates for the CSR, each with the property the station must check. */
const VARIANTS: { variant: IssueVariant; what: string }[] = [
  { variant: 'other-key', what: 'carrying a public key other than the CSR key' },
  { variant: 'self-signed', what: 'self-signed' },
  { variant: 'wrong-cn', what: 'with a CN other than the serial number' },
  { variant: 'expired', what: 'expired' },
  { variant: 'not-yet-valid', what: 'not yet valid' },
];

export default defineCase(
  {
    id: 'SEC_CERT_03_CS',
    title: 'CertificateSigned with wrong certificates is rejected',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'CERT',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-CERT-03',
    severity: 'high',
    cwe: 'CWE-295',
    requirements: ['A02.FR.06', 'A02.FR.07'],
    securityProfiles: [3],
    purpose:
      'After a CSR the CSMS returns, one after the other, certificates that must not become the station certificate: another public key, self-signed, wrong CN, expired and not yet valid. The station rejects each one with CertificateSigned Rejected, reports InvalidChargingStationCertificate, and keeps its connection with the current certificate.',
    hint: 'Before accepting CertificateSigned, verify the chain to an installed root, the validity period (not before and not after), CN = serial number and that the public key is the one of the pending CSR.',
    fault: 'signed-cert-key-unchecked',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('Booted');
    csms.respondTo('SignCertificate', { status: 'Accepted' });

    ctx.step('TriggerMessage SignChargingStationCertificate; the station sends a CSR');
    const sign = await triggerCsr(ctx);
    if (!sign.answered) await csms.reply(sign, { status: 'Accepted' });

    for (const v of VARIANTS) {
      ctx.step(`CertificateSigned with a certificate ${v.what}: Rejected and reported`);
      const events = csms.receivedCalls('SecurityEventNotification').length;
      const res = await csms.call(
        'CertificateSigned',
        { certificateChain: ctx.pki.issueForCsr(sign.payload.csr, v.variant), certificateType: 'ChargingStationCertificate' },
        { requirement: 'A02.FR.06' },
      );
      ctx.expectOneOf(res.status, ['Rejected'], 'A02.FR.06', `CertificateSigned status (${v.variant})`);
      const ev = await csms.expectCall('SecurityEventNotification', {
        where: (p) => p.type === 'InvalidChargingStationCertificate',
        whereText: 'type InvalidChargingStationCertificate',
        within: config.timeouts.messageMs,
        requirement: 'A02.FR.07',
      });
      ctx.note(
        `${v.variant}: Rejected; ${ev.payload.type}${ev.payload.techInfo ? ` (${ev.payload.techInfo})` : ''} (${csms.receivedCalls('SecurityEventNotification').length - events} event(s))`,
      );
    }

    ctx.step('The station is still connected and answering');
    const alive = await csms.call(
      'GetVariables',
      { getVariableData: [{ component: { name: 'SecurityCtrlr' }, variable: { name: 'SecurityProfile' } }] },
      { requirement: 'A02.FR.07' },
    );
    ctx.check(Array.isArray(alive.getVariableResult), 'A02.FR.07', 'the station answers on its current connection', alive);
  },
);
