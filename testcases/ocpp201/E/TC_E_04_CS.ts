import { check, defineCase } from '../../../src/dsl.js';
import { answer, mark, expectAfter, respondToTransactionEvents, transactionEventAnswer, validToken } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_E_04_CS',
    title: 'Local start transaction - Authorization first - Success',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'E',
    requirements: ['E03.FR.01', 'E03.FR.02', 'C01.FR.01', 'G01.FR.01'],
    purpose:
      'A driver who presents a valid token before plugging in gets a transaction as soon as the cable is connected, within the connection timeout, and the transaction names that token.',
    fault: 'auth-first-forgets-token',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    const token = validToken(config);
    await ctx.given('Booted');

    ctx.step('The driver presents the valid token first; the harness authorizes it');
    // With TxStartPoint Authorized the transaction starts here, before the cable (E03): its events are
    // answered as they come so the station's StatusNotification is not held behind them.
    respondToTransactionEvents(ctx);
    await ctx.manual(
      'presentIdToken',
      { ...token, evseId: config.ids.evseId },
      'Present the configured valid idToken (no cable plugged in yet).',
    );
    const auth = await csms.expectCall('Authorize', { requirement: 'C01.FR.01' });
    await answer(csms, auth, { idTokenInfo: { status: 'Accepted' } });

    ctx.step('The EV cable is plugged in; the connector becomes Occupied');
    const since = mark(csms);
    await ctx.manual(
      'plugIn',
      { evseId: config.ids.evseId, connectorId: config.ids.connectorId },
      'Plug the EV cable into the configured EVSE and connector.',
    );
    await expectAfter(csms, since, 'StatusNotification', {
      where: (p) => p.connectorStatus === 'Occupied',
      whereText: 'connectorStatus Occupied',
      requirement: 'G01.FR.01',
    });

    ctx.step('The station starts the transaction for the authorized token');
    const started = await csms.expectCall('TransactionEvent', {
      where: (p) => p.eventType === 'Started',
      whereText: 'eventType Started',
      requirement: 'E03.FR.01',
    });
    await answer(csms, started, transactionEventAnswer(started));
    check(
      started.payload.idToken?.idToken === token.idToken,
      'E03.FR.02',
      `idToken ${token.idToken} in TransactionEvent Started`,
      started.payload.idToken ?? 'no idToken',
    );
    ctx.expectOneOf(started.payload.evse?.id, [config.ids.evseId], 'E03.FR.01', 'Started evse.id');
  },
);
