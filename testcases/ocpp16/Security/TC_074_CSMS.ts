import { createPublicKey, X509Certificate } from 'node:crypto';
import { check, defineCase } from '../../../src/dsl.js';
import { createCsr, auditCertificate, splitPemChain, connectOptionsAt, dialOutcome } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_074_CSMS',
    title: 'Update Charge Point Certificate by request of Central System',
    ocpp: '1.6',
    sut: 'csms',
    block: 'Security',
    profiles: ['Security'],
    securityProfiles: [3],
    requirements: ['SECWP16-A02.FR.08', 'SECWP16-A02.FR.02', 'SECWP16-A02.FR.11', 'SECWP16-A00.FR.405'],
    purpose:
      "The operator has the charge point certificate renewed: the central system sends ExtendedTriggerMessage SignChargePointCertificate, accepts the charge point's CSR (a new key, CN = serial number, O = CSO) and returns with CertificateSigned a chain whose leaf carries exactly the CSR's key and subject and verifies against the CSO hierarchy. The charge point then reconnects with the new certificate and is accepted.",
    features: ['Security.CertificateSigning'],
    fault: 'certificate-signed-other-key',
  },
  async (ctx) => {
    const { station, config, pki } = ctx;
    await ctx.given('Booted');

    ctx.step(
      'The operator renews the charge point certificate: the central system sends ExtendedTriggerMessage SignChargePointCertificate',
    );
    await ctx.manual(
      'csmsSend',
      { message: 'ExtendedTriggerMessage', stationId: config.stationId, requestedMessage: 'SignChargePointCertificate' },
      `Make the central system ask ${config.stationId} for a new charge point certificate (ExtendedTriggerMessage SignChargePointCertificate).`,
    );
    const trigger = await station.expectCall('ExtendedTriggerMessage', { requirement: 'SECWP16-A02.FR.02' });
    check(
      trigger.payload.requestedMessage === 'SignChargePointCertificate',
      'SECWP16-A02.FR.02',
      'requestedMessage = SignChargePointCertificate',
      `requestedMessage = ${JSON.stringify(trigger.payload.requestedMessage)}`,
    );
    await station.reply(trigger, { status: 'Accepted' });

    ctx.step('The charge point makes a new key pair and sends its CSR: the central system accepts it');
    const csr = createCsr({ commonName: ctx.serialNumber, org: ctx.organization, keyType: 'ec' });
    const signRes = await station.call('SignCertificate', { csr: csr.csrPem }, { requirement: 'SECWP16-A02.FR.11' });
    ctx.expectOneOf(signRes.status, ['Accepted'], 'SECWP16-A02.FR.11', 'SignCertificate.conf status');

    ctx.step('The central system sends the signed certificate with CertificateSigned');
    const signed = await station.expectCall('CertificateSigned', { requirement: 'SECWP16-A02.FR.08', within: ctx.waits.twoMessages });
    const chain = splitPemChain(String(signed.payload.certificateChain ?? ''));
    check(
      chain.length > 0,
      'SECWP16-A02.FR.08',
      'certificateChain holds PEM certificates, the new charge point certificate first',
      `${chain.length} PEM certificates`,
    );
    const leaf = chain[0];
    let leafKey = '';
    try {
      leafKey = new X509Certificate(leaf).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    } catch (err) {
      check(false, 'SECWP16-A02.FR.08', 'a readable X.509 certificate', (err as Error).message);
    }
    const csrKey = createPublicKey(csr.privateKeyPem).export({ type: 'spki', format: 'der' }).toString('base64');
    check(
      leafKey === csrKey,
      'SECWP16-A02.FR.08',
      'the certificate carries the public key of the CSR',
      'the certificate carries another public key',
    );
    const problems = auditCertificate(leaf, {
      role: 'station',
      commonName: ctx.serialNumber,
      organization: ctx.organization,
      trust: [...pki.clientTrust, ...chain.slice(1)],
    });
    check(
      problems.length === 0,
      problems[0]?.requirement ?? 'SECWP16-A02.FR.08',
      'a certificate for the serial number and the CSO that verifies against the CSO hierarchy',
      problems.map((p) => `${p.requirement}: ${p.problem}`).join('; '),
    );
    await station.reply(signed, { status: 'Accepted' });

    ctx.step('The charge point reconnects with its new certificate: the central system accepts it');
    station.connection?.close(1000, 'reconnecting with the new certificate');
    const renewed = await station.tryConnect(
      connectOptionsAt(ctx, 3, { clientCert: { chainPem: chain.join(''), keyPem: csr.privateKeyPem } }),
    );
    check(renewed.ok, 'SECWP16-A02.FR.08', 'the connection with the new charge point certificate is accepted', dialOutcome(renewed));
    await station.call('Heartbeat', {}, { requirement: 'SECWP16-A02.FR.08' });
  },
);
