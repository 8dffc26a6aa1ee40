import { check, defineCase } from '../../../src/dsl.js';
import { createCsr, connectOptionsAt, dialOutcome, judgeRefusal } from '../../../src/kit/index.js';

interface Invalid {
  label: string;
  requirement: string;
  cert: () => { chainPem: string; keyPem: string } | null;
}

export default defineCase(
  {
    id: 'TC_087_CSMS',
    title: 'TLS - Client-side certificate - valid certificate',
    ocpp: '1.6',
    sut: 'csms',
    block: 'Security',
    profiles: ['Security'],
    securityProfiles: [3],
    requirements: ['SECWP16-A00.FR.405', 'SECWP16-A00.FR.403', 'SECWP16-A00.FR.404', 'SECWP16-A00.FR.407'],
    purpose:
      "On security profile 3 the central system authenticates the charge point by its TLS client certificate: the PKI's station certificate (CN = the serial number, O = the CSO) is accepted and the charge point boots. Certificates that must not authenticate it are refused: none at all, one whose CN is not the serial number, one whose O is not the CSO, an expired one, one not yet valid, one from an unknown CA, a self-signed one and a CA certificate used as a leaf.",
    fault: 'client-cert-cn-not-checked',
  },
  async (ctx) => {
    const { station, pki } = ctx;

    ctx.step('The charge point connects with its valid client certificate and boots');
    const good = await station.tryConnect(connectOptionsAt(ctx, 3));
    check(good.ok, 'SECWP16-A00.FR.403', 'the connection with the valid station certificate is accepted', dialOutcome(good));
    await ctx.given('Booted');

    const otherOrg = (): { chainPem: string; keyPem: string } => {
      // A certificate from the right CA for the right serial, but for another organisation.
      const csr = createCsr({ commonName: ctx.serialNumber, org: `${ctx.organization} (other)`, keyType: 'ec' });
      return { chainPem: pki.issueForCsr(csr.csrPem, 'valid'), keyPem: csr.privateKeyPem };
    };
    const art = (name: string) => () => pki.artifact(name);
    const invalid: Invalid[] = [
      { label: 'no client certificate', requirement: 'SECWP16-A00.FR.407', cert: () => null },
      { label: 'a certificate whose CN is not the serial number', requirement: 'SECWP16-A00.FR.405', cert: art('station-wrong-cn') },
      { label: 'a certificate whose O is not the CSO', requirement: 'SECWP16-A00.FR.404', cert: otherOrg },
      { label: 'an expired certificate', requirement: 'SECWP16-A00.FR.403', cert: art('station-expired') },
      { label: 'a certificate that is not yet valid', requirement: 'SECWP16-A00.FR.403', cert: art('station-not-yet-valid') },
      { label: 'a certificate from an unknown CA', requirement: 'SECWP16-A00.FR.403', cert: art('station-unknown-issuer') },
      { label: 'a self-signed certificate', requirement: 'SECWP16-A00.FR.403', cert: art('station-self-signed') },
      { label: 'a CA certificate used as client certificate', requirement: 'SECWP16-A00.FR.403', cert: art('station-ca-leaf') },
    ];
    for (const bad of invalid) {
      ctx.step(`A charge point presenting ${bad.label} is refused`);
      const cert = bad.cert();
      const opts = connectOptionsAt(ctx, 3);
      const r = await station.tryConnect({ ...opts, tls: station.tlsOptions({ clientCert: cert, trust: [pki.csmsRoot] }) });
      const judged = await judgeRefusal(ctx, r, opts);
      check(
        judged.refused,
        bad.requirement,
        `the connection with ${bad.label} is refused (TLS alert, HTTP 401/403 or a close)`,
        judged.outcome,
      );
    }
  },
);
