import { CaseInconclusive, defineCase, defineCaseFamily, type FaultOf } from '../../../src/dsl.js';
import { startedTransaction } from '../../../src/kit/index.js';

/**
 * Remote unlock connector (F05), station side: the harness sends UnlockConnector for the
 * configured connector in one of three situations, or for a connector the station does not have,
 * and checks the answer. A connector with an authorized transaction stays locked and the
 * transaction goes on; without one the lock opens whether a cable is in it or not.
 */
export default defineCaseFamily(
  [
    {
      id: 'TC_F_05_CS',
      title: 'Remote unlock Connector - With ongoing transaction',
      given: 'EnergyTransferStarted',
      unknown: false,
      answer: 'OngoingAuthorizedTransaction',
      requirements: ['F05.FR.02'],
      purpose:
        'UnlockConnector for a connector whose authorized transaction is charging is refused with OngoingAuthorizedTransaction, and the transaction is not ended by it.',
      fault: 'unlock-during-tx',
    },
    {
      id: 'TC_F_06_CS',
      title: 'Remote unlock Connector - Without ongoing transaction - Accepted',
      given: 'EVConnectedPreSession',
      unknown: false,
      answer: 'Unlocked',
      requirements: ['F05.FR.04'],
      purpose: 'UnlockConnector for a connector with a cable plugged in but no authorized transaction unlocks it and answers Unlocked.',
      fault: 'unlock-plugged-fails',
    },
    {
      id: 'TC_F_07_CS',
      title: 'Remote unlock Connector - Without ongoing transaction - No cable connected',
      given: 'Booted',
      unknown: false,
      answer: 'Unlocked',
      requirements: ['F05.FR.04'],
      purpose: 'UnlockConnector for an idle connector without a cable still operates the lock and answers Unlocked.',
      fault: 'unlock-unplugged-fails',
    },
    {
      id: 'TC_F_10_CS',
      title: 'Remote unlock Connector - Without ongoing transaction - UnknownConnector',
      given: 'Booted',
      unknown: true,
      answer: 'UnknownConnector',
      requirements: ['F05.FR.03'],
      purpose: 'UnlockConnector for a connector the configured EVSE does not have is answered UnknownConnector.',
      fault: 'unlock-unknown-connector-unlocked',
    },
  ] as {
    id: string;
    title: string;
    given: 'Booted' | 'EnergyTransferStarted' | 'EVConnectedPreSession';
    /** Address a connector the station does not have. */
    unknown: boolean;
    answer: string;
    requirements: string[];
    purpose: string;
    fault: FaultOf<'2.0.1', 'cs'>;
  }[],
  ({ given, unknown, answer, ...row }) =>
    defineCase({ ...row, ocpp: '2.0.1', sut: 'cs', block: 'F' }, async (ctx) => {
      const { csms, config } = ctx;
      const requirement = row.requirements[0];
      await ctx.given('Booted');
      if (given !== 'Booted') await ctx.given(given);
      if (given === 'EnergyTransferStarted' && !startedTransaction(ctx).payload.idToken) {
        // Started before the token (TxStartPoint EVConnected ...): the transaction is authorized once an event carries the token.
        await csms
          .expectCall('TransactionEvent', { where: (p) => p.idToken !== undefined, whereText: 'an event with the idToken' })
          .catch(() => {
            throw new CaseInconclusive('the transaction was never reported authorized (no TransactionEvent with the idToken)');
          });
      }
      // A connector id far beyond any station's connectors stands for one the EVSE does not have.
      const connectorId = unknown ? config.ids.connectorId + 1000 : config.ids.connectorId;

      ctx.step(`The harness sends UnlockConnector for EVSE ${config.ids.evseId} connector ${connectorId}`);
      const res = await csms.call('UnlockConnector', { evseId: config.ids.evseId, connectorId }, { requirement });

      ctx.step(`The station answers ${answer}`);
      ctx.expectOneOf(res.status, [answer], requirement, 'UnlockConnectorResponse.status');

      if (given === 'EnergyTransferStarted') {
        ctx.step('The transaction goes on: the unlock request does not end it');
        await csms.expectNoCall('TransactionEvent', {
          within: config.timeouts.silenceMs,
          where: (p) => p.eventType === 'Ended',
          whereText: 'eventType Ended',
          requirement,
        });
      }
    }),
);
