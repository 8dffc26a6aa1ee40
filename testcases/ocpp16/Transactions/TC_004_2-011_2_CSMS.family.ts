import { defineCase, defineCaseFamily } from '../../../src/dsl.js';
import { expectField16, operatorCall16, statusNotification16 } from '../../../src/kit/index.js';

/**
 * A session is prepared (the driver identified locally, or the operator started it remotely) but
 * no cable is connected before ConnectionTimeOut: the charge point gives the connector back. The
 * two cases differ only in how the session was prepared.
 */
export default defineCaseFamily(
  [
    {
      id: 'TC_004_2_CSMS',
      title: 'Regular Charging Session - Identification First - ConnectionTimeOut',
      block: 'Transactions',
      start: 'local' as const,
      requirements: ['OCPP16-4.1', 'OCPP16-4.9'],
      purpose:
        'A driver identifies with a valid idTag but never plugs in: the central system authorizes the idTag and answers the Preparing report and, after ConnectionTimeOut, the Available report that ends the attempt without a transaction.',
    },
    {
      id: 'TC_011_2_CSMS',
      title: 'Remote Start Charging Session - Time Out',
      block: 'RemoteActions',
      start: 'remote' as const,
      requirements: ['OCPP16-5.11', 'OCPP16-4.9'],
      purpose:
        'An operator starts a session remotely but no cable is plugged in before ConnectionTimeOut: the central system sends RemoteStartTransaction for the chosen idTag and answers the Preparing report and the Available report that ends the attempt without a transaction.',
    },
  ],
  ({ start, ...row }) =>
    defineCase(
      { ...row, requirements: [...row.requirements], ocpp: '1.6', sut: 'csms', fault: 'status-available-after-preparing-refused' },
      async (ctx) => {
        const { station, config } = ctx;
        const idTag = config.ids.validIdToken.idToken;
        const connectorId = config.ids.connectorId;
        await ctx.given('Booted');

        if (start === 'local') {
          ctx.step('The driver presents the valid idTag before plugging in: the central system authorizes it');
          const auth = await station.call('Authorize', { idTag }, { requirement: 'OCPP16-4.1' });
          ctx.expectOneOf(auth.idTagInfo?.status, ['Accepted'], 'OCPP16-4.1', 'Authorize.conf idTagInfo.status');
        } else {
          ctx.step('The operator starts a session remotely: the central system sends RemoteStartTransaction');
          const req = await operatorCall16(
            ctx,
            'RemoteStartTransaction',
            { idTag, connectorId },
            'OCPP16-5.11',
            `Make the central system send RemoteStartTransaction to ${config.stationId} for idTag ${idTag} on connector ${connectorId}.`,
          );
          expectField16(req.payload.idTag, idTag, 'OCPP16-5.11', 'RemoteStartTransaction.req idTag');
          await station.reply(req, { status: 'Accepted' });
        }

        ctx.step('The charge point waits for a cable and reports the connector Preparing');
        await statusNotification16(ctx, 'Preparing');

        ctx.step('ConnectionTimeOut passes without a cable: the charge point reports the connector Available again');
        await statusNotification16(ctx, 'Available');
      },
    ),
);
