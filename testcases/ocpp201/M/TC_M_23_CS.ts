import { defineCase } from '../../../src/dsl.js';
import { certificateHashData, inspectCertificate, deleteCertificate as remove } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_M_23_CS',
    title: 'Delete a certificate from a Charging Station - Unable to delete the Charging Station Certificate',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'M',
    profiles: ['Advanced Security'],
    securityProfiles: [3],
    requirements: ['M04.FR.06', 'M04.FR.01'],
    purpose:
      'DeleteCertificate naming the station certificate the station authenticates with (security profile 3) is refused: the station answers Failed (or NotFound, since it keeps that certificate outside its CA store), never Accepted.',
    features: ['AdvancedSecurity'],
    fault: 'station-cert-deletable',
  },
  async (ctx) => {
    const { csms } = ctx;
    await ctx.given('Booted');

    ctx.step("The station authenticates with the test PKI's station certificate");
    const station = ctx.pki.artifact('station');
    const cn = inspectCertificate(station.certPem).subject.CN;
    const client = [...csms.attempts].reverse().find((a) => a.outcome === 'secure' && a.session?.clientCert)?.session?.clientCert;
    if (!client) {
      // A station still connected from an earlier case made no TLS handshake in this one.
      ctx.note(`no TLS handshake in this case; assuming the station uses the test PKI's station certificate (CN ${JSON.stringify(cn)})`);
    } else if (!client.authorized || client.subjectCN !== cn) {
      return ctx.inconclusive(
        `the station's client certificate (CN ${JSON.stringify(client.subjectCN)}, ${client.authorized ? 'verified' : `not verified: ${client.authorizationError}`}) is not the test PKI's station certificate (CN ${JSON.stringify(cn)}): the harness cannot compute its hash data`,
      );
    }

    ctx.step('The harness asks to delete that certificate; the station refuses');
    const hashData = certificateHashData(station.certPem, ctx.pki.stationCa, 'SHA256');
    ctx.note(`hash data of the station certificate: ${JSON.stringify(hashData)}`);
    const status = await remove(ctx, hashData, 'M04.FR.01');
    ctx.expectOneOf(status, ['Failed', 'NotFound'], 'M04.FR.06', 'DeleteCertificate status for the ChargingStationCertificate');
    if (status === 'NotFound')
      ctx.note('the station answered NotFound: it does not treat its own certificate as deletable (Failed is the usual answer)');
  },
);
