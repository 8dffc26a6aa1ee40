import { defineCase } from '../../../src/dsl.js';

export default defineCase(
  {
    id: 'TC_F_09_CS',
    title: 'Remote stop transaction - Rejected',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'F',
    requirements: ['F03.FR.08'],
    purpose: 'RequestStopTransaction naming a transaction the station does not know is answered Rejected and ends nothing.',
    fault: 'remote-stop-unknown-accepted',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('Booted');

    ctx.step('The harness sends RequestStopTransaction for a transaction id the station never used');
    const res = await csms.call(
      'RequestStopTransaction',
      { transactionId: `unknown-${ctx.ids.next()}`.slice(0, 36) },
      { requirement: 'F03.FR.08' },
    );

    ctx.step('The station rejects the request');
    ctx.expectOneOf(res.status, ['Rejected'], 'F03.FR.08', 'RequestStopTransactionResponse.status');
    await csms.expectNoCall('TransactionEvent', { within: config.timeouts.silenceMs, requirement: 'F03.FR.08' });
  },
);
