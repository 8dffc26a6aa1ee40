import { defineCase, defineCaseFamily } from '../../../src/dsl.js';
import { chargingProfile16, expectCompositeLimit16, sessionTransactionId16, setChargingProfile16 } from '../../../src/kit/index.js';

/**
 * Central smart charging (OCPP 1.6 §3.13, §5.16): a profile is set on the configured connector,
 * with or without a running transaction, and the charge point's answer (and, where Accepted, the
 * limit GetCompositeSchedule then reports for the connector) is checked. A TxProfile is only for
 * the running transaction it names (058_1 none runs, 058_2 it names another); a TxDefaultProfile
 * governs the next transaction (056) and the running one (082).
 */
const LIMIT_A = 8;

export default defineCaseFamily(
  [
    {
      id: 'TC_056_CS',
      title: 'Central Smart Charging - TxDefaultProfile',
      purpose: 'A TxDefaultProfile set while the connector is idle is Accepted and limits the transaction started afterwards.',
      order: 'before-tx' as const,
      purposeOf: 'TxDefaultProfile' as const,
      txIdShift: undefined,
      want: 'Accepted',
      fault: 'txdefault-profile-rejected' as const,
    },
    {
      id: 'TC_057_CS',
      title: 'Central Smart Charging - TxProfile',
      purpose: 'A TxProfile naming the running transaction is Accepted and limits that transaction.',
      order: 'during-tx' as const,
      purposeOf: 'TxProfile' as const,
      txIdShift: 0,
      want: 'Accepted',
      fault: 'txprofile-rejected' as const,
    },
    {
      id: 'TC_058_1_CS',
      title: 'Central Smart Charging - No ongoing transaction',
      purpose: 'A TxProfile for a connector on which no transaction runs is answered Rejected.',
      order: 'no-tx' as const,
      purposeOf: 'TxProfile' as const,
      txIdShift: undefined,
      want: 'Rejected',
      fault: 'txprofile-without-tx-accepted' as const,
    },
    {
      id: 'TC_058_2_CS',
      title: 'Central Smart Charging - Wrong transactionId',
      purpose: 'A TxProfile whose transactionId is not that of the running transaction is answered Rejected.',
      order: 'during-tx' as const,
      purposeOf: 'TxProfile' as const,
      txIdShift: 1,
      want: 'Rejected',
      fault: 'txprofile-wrong-txid-accepted' as const,
    },
    {
      id: 'TC_082_CS',
      title: 'Central Smart Charging - TxDefaultProfile - with ongoing transaction',
      purpose: 'A TxDefaultProfile set while a transaction runs is Accepted and limits the running transaction as well.',
      order: 'during-tx' as const,
      purposeOf: 'TxDefaultProfile' as const,
      txIdShift: undefined,
      want: 'Accepted',
      fault: 'txdefault-not-applied-to-running-tx' as const,
    },
  ],
  ({ order, purposeOf, txIdShift, want, ...row }) =>
    defineCase(
      {
        ...row,
        ocpp: '1.6',
        sut: 'cs',
        block: 'SmartCharging',
        profiles: ['SmartCharging'],
        features: ['SmartCharging'],
        requirements: ['OCPP16-5.16', 'OCPP16-3.13', 'OCPP16-5.7'],
      },
      async (ctx) => {
        const { config } = ctx;
        const connectorId = config.ids.connectorId;
        const durationS = 600;
        await ctx.given('Booted');
        if (order === 'during-tx') await ctx.given('Charging');
        const transactionId = order === 'during-tx' && txIdShift !== undefined ? sessionTransactionId16(ctx) + txIdShift : undefined;

        ctx.step(`The harness sets a ${purposeOf} of ${LIMIT_A} A on connector ${connectorId}: the charge point answers ${want}`);
        const profile = chargingProfile16(ctx, { purpose: purposeOf, limit: LIMIT_A, transactionId });
        const status = await setChargingProfile16(ctx, connectorId, profile);
        ctx.expectOneOf(status, [want], 'OCPP16-5.16', 'SetChargingProfile.conf status');

        if (want === 'Accepted') {
          if (order === 'before-tx') {
            ctx.step('A transaction is started on the connector');
            await ctx.given('Charging');
          }
          ctx.step(`The composite schedule of connector ${connectorId} shows the ${LIMIT_A} A limit for the transaction`);
          await expectCompositeLimit16(ctx, { connectorId, durationS, limitA: LIMIT_A, requirement: 'OCPP16-3.13' });
        }

        if (order !== 'no-tx') {
          ctx.step('The session is ended and the cable unplugged');
          await ctx.given('Idle');
        }
      },
    ),
);
