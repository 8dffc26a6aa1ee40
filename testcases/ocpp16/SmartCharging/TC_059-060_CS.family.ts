import { defineCase, defineCaseFamily } from '../../../src/dsl.js';
import { chargingProfile16, expectCompositeLimit16, startSession16 } from '../../../src/kit/index.js';

/**
 * RemoteStartTransaction with a charging profile (OCPP 1.6 §5.11): a TxProfile without
 * transactionId is installed for the transaction the remote start begins (059); a profile of
 * another purpose makes the remote start Rejected (060).
 */
const LIMIT_A = 9;

export default defineCaseFamily(
  [
    {
      id: 'TC_059_CS',
      title: 'Remote Start Transaction with Charging Profile',
      purpose:
        'A remote start carrying a TxProfile is Accepted; the transaction it begins is limited by that profile, as the composite schedule shows.',
      purposeOf: 'TxProfile' as const,
      fault: 'remote-start-profile-ignored' as const,
    },
    {
      id: 'TC_060_CS',
      title: 'Remote Start Transaction with Charging Profile - Rejected',
      purpose:
        'A remote start carrying a charging profile that is not a TxProfile (here a TxDefaultProfile) is answered Rejected and starts nothing.',
      purposeOf: 'TxDefaultProfile' as const,
      fault: 'remote-start-bad-profile-accepted' as const,
    },
  ],
  ({ purposeOf, ...row }) =>
    defineCase(
      {
        ...row,
        ocpp: '1.6',
        sut: 'cs',
        block: 'SmartCharging',
        profiles: ['SmartCharging'],
        features: ['SmartCharging'],
        requirements: ['OCPP16-5.11.1', 'OCPP16-5.11', 'OCPP16-3.13', 'OCPP16-4.8'],
      },
      async (ctx) => {
        const { csms, config } = ctx;
        const connectorId = config.ids.connectorId;
        const idTag = config.ids.validIdToken.idToken;
        await ctx.given('Booted');
        csms.respondTo('Authorize', { idTagInfo: { status: 'Accepted' } });

        const chargingProfile = chargingProfile16(ctx, { purpose: purposeOf, limit: LIMIT_A });
        if (purposeOf === 'TxProfile') {
          ctx.step(`The harness starts a session remotely with a TxProfile of ${LIMIT_A} A (Accepted); the driver plugs in`);
          await startSession16(ctx, { remote: true, requirement: 'OCPP16-4.8', chargingProfile });
        } else {
          ctx.step(`The harness starts a session remotely with a ${purposeOf}: the charge point answers Rejected`);
          const res = await csms.call('RemoteStartTransaction', { connectorId, idTag, chargingProfile }, { requirement: 'OCPP16-5.11' });
          ctx.expectOneOf(res.status, ['Rejected'], 'OCPP16-5.11.1', 'RemoteStartTransaction.conf status');
          ctx.step('No transaction starts');
          await csms.expectNoCall('StartTransaction', { within: config.timeouts.silenceMs, requirement: 'OCPP16-5.11.1' });
          return;
        }

        ctx.step(`The composite schedule of connector ${connectorId} shows the ${LIMIT_A} A of the remote start's profile`);
        await expectCompositeLimit16(ctx, { connectorId, durationS: 600, limitA: LIMIT_A, requirement: 'OCPP16-5.11.1' });

        ctx.step('The session is ended and the cable unplugged');
        await ctx.given('Idle');
      },
    ),
);
