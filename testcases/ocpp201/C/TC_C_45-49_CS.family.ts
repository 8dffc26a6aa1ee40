import { check, defineCase, defineCaseFamily } from '../../../src/dsl.js';
import {
  answer,
  carries,
  expectAfter,
  mark,
  presentToken,
  secondToken,
  sessionFor,
  validToken,
  withVariables201,
} from '../../../src/kit/index.js';

/**
 * Master pass (C16): AuthCtrlr.MasterPassGroupId is set to a group of the harness, and a card the
 * CSMS accepts in that group is presented. At an idle EVSE with the cable plugged in it starts
 * nothing (TC_C_45); during a transaction it stops it, on a station without a user interface at
 * once (TC_C_49), and the Ended event says MasterPass. The master card must be accepted by the
 * CSMS first: an Authorize for it is answered Accepted with the master group. A transaction a
 * station starts at plug-in without a token (TxStartPoint EVConnected) is allowed in TC_C_45.
 */
const MASTER = { idToken: 'HARNESS-MASTER-PASS', type: 'Central' as const };

export default defineCaseFamily(
  [
    {
      id: 'TC_C_45_CS',
      title: 'Authorization by GroupId - Master pass - Not able to start transaction + groupId',
      duringTx: false,
      requirements: ['C16.FR.02'],
      purpose: 'A token of the master pass group starts no charging session.',
      fault: 'masterpass-starts-tx',
    },
    {
      id: 'TC_C_49_CS',
      title: 'Stop Transaction with a Master Pass - Without UI',
      duringTx: true,
      requirements: ['C16.FR.01'],
      purpose: 'A token of the master pass group presented during a transaction stops it, with stoppedReason MasterPass.',
      fault: 'masterpass-ignored',
    },
  ] as const,
  ({ duringTx, requirements, ...row }) =>
    defineCase(
      { ...row, requirements: [...requirements], ocpp: '2.0.1', sut: 'cs', block: 'C', profiles: ['Core'], features: ['MasterPass'] },
      async (ctx) => {
        const { csms, config } = ctx;
        const master = secondToken(config);
        const requirement = requirements[0];
        await ctx.given('Booted');
        await withVariables201(ctx, [{ component: 'AuthCtrlr', variable: 'MasterPassGroupId', value: MASTER.idToken }], async () => {
          let transactionId: string | undefined;
          if (duringTx) {
            ctx.step('A session starts for the configured valid token');
            const event = await sessionFor(ctx, validToken(config), { status: 'Accepted' }, 'C01.FR.01');
            await answer(csms, event, { idTokenInfo: { status: 'Accepted' } });
            transactionId = event.payload.transactionInfo.transactionId;
          } else {
            await ctx.given('EVConnectedPreSession');
          }
          ctx.step('The master pass card is presented; the harness accepts it in the master pass group');
          const info = { status: 'Accepted' as const, groupIdToken: MASTER };
          csms.respondTo('Authorize', (c) =>
            carries(master)(c.payload as { idToken?: { idToken: string } }) ? { idTokenInfo: info } : undefined,
          );
          const since = mark(csms);
          const presented = ctx.clock.monotonic();
          await presentToken(ctx, master, 'Present the master pass card (the configured invalid idToken).');
          if (!transactionId) {
            ctx.step('The station starts nothing for the master pass');
            await csms.expectNoCall('TransactionEvent', {
              within: config.timeouts.silenceMs,
              since: presented,
              where: (p) => carries(master)(p) || p.transactionInfo.chargingState === 'Charging',
              requirement,
            });
            return;
          }
          ctx.step('The station ends the transaction as stopped by a master pass');
          const id = transactionId;
          const ended = await expectAfter(csms, since, 'TransactionEvent', {
            where: (p) => p.eventType === 'Ended' && p.transactionInfo.transactionId === id,
            whereText: `Ended for ${id}`,
            requirement,
          });
          await answer(csms, ended, ended.payload.idToken ? { idTokenInfo: info } : {});
          check(
            ended.payload.transactionInfo.stoppedReason === 'MasterPass',
            requirement,
            'stoppedReason MasterPass',
            ended.payload.transactionInfo.stoppedReason ?? 'no stoppedReason',
          );
        });
      },
    ),
);
