import { check, defineCase } from '../../../src/dsl.js';
import { judgeRefusal } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_A_08_CSMS',
    title: 'TLS - Client-side certificate - Invalid certificate',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'A',
    profiles: ['Core'],
    securityProfiles: [3],
    requirements: ['A00.FR.407', 'A00.FR.403', 'A00.FR.405'],
    purpose:
      'On security profile 3 a station is refused when its certificate was issued by a CA outside the CSO hierarchy, has expired, names another serial number as CN, is self-signed, or is missing; its valid certificate still works afterwards.',
    fault: 'client-cert-cn-unchecked',
  },
  async (ctx) => {
    const { station, pki } = ctx;
    const variants: [string, string | null, string][] = [
      ['a certificate from an unknown CA', 'station-unknown-issuer', 'A00.FR.403'],
      ['an expired certificate', 'station-expired', 'A00.FR.403'],
      ['a certificate whose CN is another serial number', 'station-wrong-cn', 'A00.FR.405'],
      ['a self-signed certificate', 'station-self-signed', 'A00.FR.403'],
      ['no certificate', null, 'A00.FR.407'],
    ];
    for (const [what, artifact, requirement] of variants) {
      ctx.step(`The station connects with ${what}: refused`);
      const dial = await station.tryConnect({ tls: station.tlsOptions({ clientCert: artifact ? pki.artifact(artifact) : null }) });
      const judged = await judgeRefusal(ctx, dial);
      check(judged.refused, requirement, `the connection with ${what} is refused (TLS alert, HTTP 401/403 or a close)`, judged.outcome);
      ctx.note(`${what}: ${judged.outcome}`);
    }

    ctx.step('With its valid certificate the station still connects');
    const ok = await station.tryConnect();
    check(ok.ok, 'A00.FR.403', 'the valid certificate is accepted', ok.ok ? '' : ok.error);
  },
);
