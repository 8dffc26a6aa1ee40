import { check, defineCase } from '../../../src/dsl.js';
import { describeProbe } from '../../../src/kit/index.js';

/** CBC suites that exist before TLS 1.2 (GCM suites need 1.2). */
const LEGACY_SUITES = [
  'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA',
  'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA',
  'TLS_RSA_WITH_AES_128_CBC_SHA',
  'TLS_RSA_WITH_AES_256_CBC_SHA',
];

export default defineCase(
  {
    id: 'TC_A_06_CSMS',
    title: 'TLS - server-side certificate - TLS version too low',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'A',
    profiles: ['Core'],
    securityProfiles: [2, 3],
    requirements: ['A00.FR.313', 'A00.FR.416', 'A00.FR.314'],
    purpose:
      'A station that offers only TLS 1.0 or TLS 1.1 gets no TLS session: the CSMS answers its ClientHello with an alert (protocol_version) or closes, and never with a ServerHello below TLS 1.2. A normal TLS connection works afterwards.',
    fault: 'legacy-tls-accepted',
  },
  async (ctx) => {
    const { station } = ctx;
    const requirement = ctx.securityProfile === 2 ? 'A00.FR.313' : 'A00.FR.416';
    for (const version of ['TLSv1', 'TLSv1.1'] as const) {
      ctx.step(`The station offers only ${version} (with CBC suites): no session`);
      const r = await station.probeTls({ version, suites: LEGACY_SUITES });
      ctx.note(`${version}: ${describeProbe(r)}`);
      check(r.kind !== 'server-hello', requirement, `no ServerHello to a ClientHello offering at most ${version}`, describeProbe(r));
      if (r.kind !== 'alert' || r.alert !== 'protocol_version')
        ctx.nonStrict('A00.FR.314', `answered ${describeProbe(r)}; a protocol_version alert tells the station why`);
    }

    ctx.step('A station offering TLS 1.2+ still connects');
    const dial = await station.tryConnect();
    check(dial.ok, requirement, 'the CSMS still accepts a TLS 1.2+ connection', dial.ok ? '' : dial.error);
  },
);
