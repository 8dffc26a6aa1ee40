import { check, defineCase } from '../../../src/dsl.js';
import { clientTlsSession, expectBootAccepted201 } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_A_07_CSMS',
    title: 'TLS - Client-side certificate - valid certificate',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'A',
    profiles: ['Core'],
    securityProfiles: [3],
    requirements: ['A00.FR.403', 'A00.FR.405', 'A00.FR.416', 'B01.FR.02'],
    purpose:
      'On security profile 3 the CSMS asks for the station certificate in the TLS handshake and lets in a station whose certificate was issued under the CSMS root with its serial number as CN and the CSO as O; TLS 1.2 or newer is used and the BootNotification is accepted.',
    fault: 'client-cert-not-requested',
  },
  async (ctx) => {
    const { station } = ctx;

    ctx.step(`The station connects with its certificate (CN ${ctx.serialNumber}, O ${ctx.organization})`);
    const dial = await station.tryConnect();
    check(dial.ok, 'A00.FR.403', 'the CSMS accepts the station with its valid client certificate', dial.ok ? '' : dial.error);
    const session = clientTlsSession(dial.ok ? dial.conn : undefined);
    ctx.note(`negotiated ${session?.protocol} ${session?.cipher}`);
    check(
      session?.protocol === 'TLSv1.2' || session?.protocol === 'TLSv1.3',
      'A00.FR.416',
      'TLS 1.2 or newer',
      session?.protocol ?? 'no TLS',
    );

    // A CSMS may answer Pending first (B02) and accept a later boot: both are conformant.
    ctx.step('The station sends BootNotification with its serial number (again after each Pending); the CSMS accepts it');
    await expectBootAccepted201(ctx);
  },
);
