import { defineCase, defineCaseFamily } from '../../../src/dsl.js';
import { expectField16, operatorCall16 } from '../../../src/kit/index.js';

/**
 * An operator unlocks a connector of an idle charge point and the unlock does not happen: the
 * cable is fixed (NotSupported), the lock is stuck (UnlockFailed), or the connector does not
 * exist (NotSupported). The central system's part is the same: UnlockConnector for exactly the
 * connector the operator chose, and it takes the negative answer.
 */
export default defineCaseFamily(
  [
    {
      id: 'TC_017_2_CSMS',
      title: 'Unlock Connector - No Charging Session Running (Fixed Cable)',
      answer: 'NotSupported' as const,
      unknown: false,
      purpose:
        'An operator unlocks the connector of an idle charge point whose cable is fixed: the central system sends UnlockConnector for exactly the chosen connector and takes the NotSupported answer.',
    },
    {
      id: 'TC_030_CSMS',
      title: 'Unlock Connector - Unlock Failure',
      answer: 'UnlockFailed' as const,
      unknown: false,
      purpose:
        'An operator unlocks the connector of an idle charge point and the lock does not open: the central system sends UnlockConnector for exactly the chosen connector and takes the UnlockFailed answer.',
    },
    {
      id: 'TC_031_CSMS',
      title: 'Unlock Connector - Unknown Connector',
      answer: 'NotSupported' as const,
      unknown: true,
      purpose:
        'An operator unlocks a connector number the charge point does not have: the central system sends UnlockConnector for that number as chosen and takes the NotSupported answer.',
    },
  ],
  ({ answer, unknown, ...row }) =>
    defineCase(
      { ...row, ocpp: '1.6', sut: 'csms', block: 'Unlock', requirements: ['OCPP16-5.18'], fault: 'unlock-wrong-connector' },
      async (ctx) => {
        const { station, config } = ctx;
        // An unknown connector: one past any the harness charge point reported.
        const connectorId = unknown ? config.ids.connectorId + 8 : config.ids.connectorId;
        await ctx.given('Booted');

        ctx.step(`The operator unlocks connector ${connectorId}: the central system sends UnlockConnector`);
        const req = await operatorCall16(
          ctx,
          'UnlockConnector',
          { connectorId },
          'OCPP16-5.18',
          `Make the central system send UnlockConnector to ${config.stationId} for connector ${connectorId}.`,
        );
        expectField16(req.payload.connectorId, connectorId, 'OCPP16-5.18', 'UnlockConnector.req connectorId');

        ctx.step(`The charge point cannot unlock: it answers ${answer}`);
        await station.reply(req, { status: answer });
      },
    ),
);
