import { defineCase, defineCaseFamily, type TypedCaseContext } from '../../../src/dsl.js';
import { authorize201, connectorStatus, expectAcceptedInGroup, expectIdTokenStatus, idTokenOf, txEvent } from '../../../src/kit/index.js';

/**
 * Stop transactions with a master pass: two transactions charge (validIdToken on the configured
 * EVSE, validIdToken2 on the next one). A holder of the master pass (a token whose group is the
 * CSMS's MasterPassGroupId) presents it: the CSMS authorizes it Accepted with that group
 * (C16.FR.01), and accepts every transaction the station ends with it (stoppedReason MasterPass),
 * although neither was started with it.
 *  - C_47: the station has a UI and the holder chooses to stop all transactions.
 *  - C_48: the holder chooses only the first transaction; the second charges on and its driver ends it.
 *  - C_49: a station without UI stops all transactions at once.
 */
export default defineCaseFamily(
  [
    { id: 'TC_C_47_CSMS', title: 'Stop Transaction with a Master Pass - With UI - All transactions', stopAll: true },
    { id: 'TC_C_48_CSMS', title: 'Stop Transaction with a Master Pass - With UI - Specific transactions', stopAll: false },
    { id: 'TC_C_49_CSMS', title: 'Stop Transaction with a Master Pass - Without UI', stopAll: true },
  ] as const,
  ({ stopAll, ...row }) =>
    defineCase(
      {
        ...row,
        ocpp: '2.0.1',
        sut: 'csms',
        block: 'C',
        profiles: ['Core'],
        requirements: ['C16.FR.01'],
        purpose: `A master pass ends ${stopAll ? 'both running transactions' : 'one of two running transactions'}: the CSMS authorizes it with the MasterPassGroupId and accepts the transactions it ends, though another token started them.`,
        fault: 'masterpass-foreign-tx-rejected',
      },
      async (ctx) => {
        const { station, config } = ctx;
        const { masterPassIdToken: master, masterPassGroupId, validIdToken2 } = config.ids;

        ctx.step('A first transaction charges on the configured EVSE with the valid token');
        await ctx.given('EnergyTransferStarted');

        ctx.step('A second transaction charges on the next EVSE with the second valid token');
        const evse2 = { evseId: config.ids.evseId + 1, connectorId: config.ids.connectorId };
        await station.call('StatusNotification', { timestamp: ctx.nowIso(), connectorStatus: 'Occupied', ...evse2 });
        const second = secondTransaction(ctx, evse2.evseId);
        await second.event('Started', 'Authorized', { chargingState: 'EVConnected' }, validIdToken2);
        await second.event('Updated', 'ChargingStateChanged', { chargingState: 'Charging' });

        ctx.step('The master pass is presented; the station asks the CSMS about it');
        const auth = await authorize201(ctx, master, 'C16.FR.01');
        expectAcceptedInGroup(ctx, auth.idTokenInfo, masterPassGroupId, 'AuthorizeResponse', 'C16.FR.01', 'C16.FR.01');

        ctx.step('The station ends the first transaction with the master pass; the CSMS accepts it');
        const first = await txEvent(ctx, 'Ended', 'StopAuthorized', {
          idToken: master,
          chargingState: 'EVConnected',
          stoppedReason: 'MasterPass',
          requirement: 'C16.FR.01',
        });
        expectIdTokenStatus(ctx, first, ['Accepted'], 'C16.FR.01');

        if (stopAll) {
          ctx.step('The station ends the second transaction with the master pass too; the CSMS accepts it');
          const res = await second.event('Ended', 'StopAuthorized', { chargingState: 'EVConnected', stoppedReason: 'MasterPass' }, master);
          check201(ctx, res);
        } else {
          ctx.step('The second transaction charges on until its own driver ends it');
          await second.event('Ended', 'StopAuthorized', { chargingState: 'EVConnected', stoppedReason: 'Local' }, validIdToken2);
        }
        ctx.step('Both EVs are unplugged: the connectors are Available again');
        await connectorStatus(ctx, 'Available');
        await station.call('StatusNotification', { timestamp: ctx.nowIso(), connectorStatus: 'Available', ...evse2 });
      },
    ),
);

type Ctx201 = TypedCaseContext<'2.0.1', 'csms'>;
type TxInfo = { chargingState?: string; stoppedReason?: string };

function check201(ctx: Ctx201, res: { idTokenInfo?: { status: string } }): void {
  ctx.expectOneOf(res.idTokenInfo?.status, ['Accepted'], 'C16.FR.01', 'TransactionEventResponse.idTokenInfo.status');
}

/** A second transaction on another EVSE, with its own transactionId and seqNo (the kit's transaction stays the first). */
function secondTransaction(ctx: Ctx201, evseId: number) {
  const transactionId = ctx.ids.next().slice(0, 36);
  let seqNo = 0;
  let open = false;
  ctx.afterCase(
    `end the second transaction ${transactionId}`,
    async () => {
      await event('Ended', 'AbnormalCondition', { chargingState: 'Idle', stoppedReason: 'Other' });
    },
    { when: () => open },
  );
  async function event(
    eventType: 'Started' | 'Updated' | 'Ended',
    triggerReason: string,
    info: TxInfo,
    token?: { idToken: string; type: string },
  ) {
    if (eventType === 'Started') open = true;
    if (eventType === 'Ended') open = false;
    return ctx.station.untyped.call(
      'TransactionEvent',
      {
        eventType,
        timestamp: ctx.nowIso(),
        triggerReason,
        seqNo: seqNo++,
        transactionInfo: { transactionId, ...info },
        evse: { id: evseId, connectorId: ctx.config.ids.connectorId },
        ...(token ? { idToken: idTokenOf(token) } : {}),
      },
      { requirement: 'C16.FR.01' },
    );
  }
  return { event };
}
