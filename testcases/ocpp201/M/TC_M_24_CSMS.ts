import { check, defineCase } from '../../../src/dsl.js';
import { parseOcspResponse } from '../../../src/kit/index.js';

/** Where the station says the certificate's OCSP responder is (the CSMS may use its own). */
const RESPONDER_URL = 'http://ocsp.v2g.harness.invalid/';

export default defineCase(
  {
    id: 'TC_M_24_CSMS',
    title: 'Get Charging Station Certificate status - Success',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'M',
    profiles: ['ISO 15118 support'],
    features: ['ISO15118'],
    requirements: ['M06.FR.01'],
    purpose:
      'A station that needs the revocation status of a certificate (for ISO 15118) asks the CSMS with GetCertificateStatus; the CSMS answers Accepted with the OCSP response (RFC 6960, DER in base64) about exactly that certificate.',
    fault: 'ocsp-result-other-certificate',
  },
  async (ctx) => {
    const { station, pki } = ctx;
    await ctx.given('Booted');

    ctx.step("The station asks for the OCSP status of its station certificate's issuer chain entry");
    const id = pki.hashDataOf('station');
    const res = await station.call(
      'GetCertificateStatus',
      { ocspRequestData: { ...id, responderURL: RESPONDER_URL } },
      { requirement: 'M06.FR.01' },
    );
    // A CSMS that cannot reach any responder for this test PKI answers Failed: the lab set-up, not a verdict.
    if (res.status === 'Failed')
      ctx.inconclusive('precondition not reached: the CSMS could not get an OCSP answer for the harness PKI (status Failed)');

    ctx.step('The CSMS answers Accepted with an OCSP response about that certificate');
    ctx.expectOneOf(res.status, ['Accepted'], 'M06.FR.01', 'GetCertificateStatusResponse.status');
    const b64 = String(res.ocspResult ?? '');
    check(b64.length > 0, 'M06.FR.01', 'an ocspResult with the Accepted status', 'no ocspResult');
    let parsed: ReturnType<typeof parseOcspResponse> | undefined;
    try {
      parsed = parseOcspResponse(Buffer.from(b64, 'base64'));
    } catch (e) {
      check(false, 'M06.FR.01', 'a DER OCSPResponse in base64', (e as Error).message);
    }
    check(parsed?.responseStatus === 0, 'M06.FR.01', 'responseStatus successful (0)', `responseStatus ${parsed?.responseStatus}`);
    const norm = (h: string) => h.toLowerCase().replace(/^0+/, '');
    const match = parsed?.certIds.some(
      (c) =>
        norm(c.serialNumber) === norm(id.serialNumber) &&
        norm(c.issuerNameHash) === norm(id.issuerNameHash) &&
        norm(c.issuerKeyHash) === norm(id.issuerKeyHash),
    );
    check(
      match === true,
      'M06.FR.01',
      `a response about serial ${id.serialNumber}`,
      `responses about ${parsed?.certIds.map((c) => c.serialNumber).join(', ') || 'nothing'}`,
    );
  },
);
