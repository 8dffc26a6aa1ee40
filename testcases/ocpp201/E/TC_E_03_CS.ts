import { check, defineCase } from '../../../src/dsl.js';
import {
  answer,
  mark,
  expectAfter,
  transactionEventAnswer,
  validToken,
  withVariable201,
  START_WHEN_CHARGING,
  plugIn201,
} from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_E_03_CS',
    title: 'Local start transaction - Cable plugin first - Success',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'E',
    requirements: ['E02.FR.02', 'E02.FR.01', 'G01.FR.01', 'C01.FR.01'],
    purpose:
      'With the cable already plugged in, a driver presenting a valid token gets it authorized and the station starts a transaction that names that token and the EVSE in use (TxStartPoint PowerPathClosed).',
    fault: 'tx-started-no-idtoken',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    const token = validToken(config);
    await ctx.given('Booted');
    await withVariable201(ctx, START_WHEN_CHARGING, async () => {
      ctx.step('The EV cable is plugged in; the connector becomes Occupied');
      const since = mark(csms);
      await plugIn201(ctx);
      await expectAfter(csms, since, 'StatusNotification', {
        where: (p) => p.connectorStatus === 'Occupied',
        whereText: 'connectorStatus Occupied',
        requirement: 'G01.FR.01',
      });

      ctx.step('The driver presents the valid token; the station asks the harness to authorize it');
      await ctx.manual('presentIdToken', { ...token, evseId: config.ids.evseId }, 'Present the configured valid idToken.');
      const auth = await csms.expectCall('Authorize', { requirement: 'C01.FR.01' });
      ctx.expectOneOf(auth.payload.idToken.idToken, [token.idToken], 'C01.FR.01', 'Authorize idToken');
      await answer(csms, auth, { idTokenInfo: { status: 'Accepted' } });

      ctx.step('The station starts the transaction with TransactionEvent Started');
      const started = await csms.expectCall('TransactionEvent', {
        where: (p) => p.eventType === 'Started',
        whereText: 'eventType Started',
        requirement: 'E02.FR.01',
      });
      await answer(csms, started, transactionEventAnswer(started));

      ctx.step('The Started event names the authorized token and the EVSE');
      check(
        started.payload.idToken?.idToken === token.idToken,
        'E02.FR.02',
        `idToken ${token.idToken} in TransactionEvent Started`,
        started.payload.idToken ?? 'no idToken',
      );
      ctx.expectOneOf(started.payload.evse?.id, [config.ids.evseId], 'E02.FR.01', 'Started evse.id');
      ctx.expectOneOf(started.payload.seqNo, [0], 'E02.FR.01', 'seqNo of the first event of the transaction');
    });
  },
);
