import { check, defineCase } from '../../../src/dsl.js';
import { expectAfter, mark, reconnectWindow } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_A_07_CS',
    title: 'TLS with a valid client certificate',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'A',
    requirements: ['A00.FR.405', 'A00.FR.403', 'A00.FR.404'],
    profiles: ['Core'],
    securityProfiles: [3],
    purpose:
      'On security profile 3 the station presents its client certificate in the TLS handshake: the chain leads to the CSO root, the CN is the station serial number (the serialNumber in BootNotification) and O is the CSO organisation name.',
    fault: 'presents-wrong-cn-cert',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    ctx.step('The station connects (power cycle when it is already connected) and registers');
    const before = mark(csms);
    const handshakes = csms.connection ? csms.handshakes.length : 0;
    if (csms.connection) await ctx.manual('reboot', {}, 'Power-cycle the charging station so that it connects again.');
    const hs = await csms.expectHandshake({
      after: handshakes,
      within: reconnectWindow(config),
      requirement: 'A00.FR.403',
      expected: 'a WebSocket handshake over mutual TLS',
    });
    const boot = await expectAfter(csms, before, 'BootNotification', { within: config.timeouts.messageMs, requirement: 'A00.FR.405' });
    await csms.reply(boot, { currentTime: ctx.nowIso(), interval: config.timeouts.heartbeatIntervalS, status: 'Accepted' });

    ctx.step('The client certificate verifies against the CSO hierarchy');
    const cc = hs.tls?.clientCert;
    check(
      cc !== undefined && cc.subjectCN !== undefined,
      'A00.FR.403',
      'the station presents a client certificate',
      'no client certificate',
    );
    check(cc.authorized, 'A00.FR.403', 'the client certificate chains to the CSMS root', `not verified: ${cc.authorizationError}`);
    ctx.note(`client certificate CN=${JSON.stringify(cc.subjectCN)} O=${JSON.stringify(cc.subjectO)} issued by ${cc.issuer}`);

    ctx.step('CN is the serial number the station reports in BootNotification, O is the CSO name');
    // The serial is the one this BootNotification reports; without one (the field is optional) the
    // declared security.serialNumber. ctx.serialNumber notes a reported serial that differs from the declared.
    const reported = boot.payload.chargingStation?.serialNumber;
    const serial = ctx.serialNumber;
    check(
      cc.subjectCN === serial,
      'A00.FR.405',
      `CN = the serial number ${JSON.stringify(serial)} (${reported !== undefined ? 'from BootNotification' : 'declared; the BootNotification carries none'})`,
      `CN = ${JSON.stringify(cc.subjectCN)}`,
    );
    check(cc.subjectO === ctx.organization, 'A00.FR.404', `O = ${JSON.stringify(ctx.organization)}`, `O = ${JSON.stringify(cc.subjectO)}`);
  },
);
