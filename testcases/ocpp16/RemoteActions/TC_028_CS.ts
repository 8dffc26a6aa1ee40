import { defineCase } from '../../../src/dsl.js';
import { sessionTransactionId16 } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_028_CS',
    title: 'Remote Stop Transaction - Rejected',
    ocpp: '1.6',
    sut: 'cs',
    block: 'RemoteActions',
    requirements: ['OCPP16-5.12'],
    purpose:
      'A RemoteStopTransaction naming a transaction the charge point does not run is answered Rejected, and the transaction that does run goes on.',
    fault: 'remote-stop-unknown-accepted',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('Charging');
    const running = sessionTransactionId16(ctx);
    const unknown = running + 7919;

    ctx.step(`The harness sends RemoteStopTransaction for transaction ${unknown}, which the charge point does not run`);
    const res = await csms.call('RemoteStopTransaction', { transactionId: unknown }, { requirement: 'OCPP16-5.12' });

    ctx.step('The charge point answers Rejected and stops nothing');
    ctx.expectOneOf(res.status, ['Rejected'], 'OCPP16-5.12', 'RemoteStopTransaction.conf status for an unknown transaction');
    await csms.expectNoCall('StopTransaction', { within: config.timeouts.silenceMs, requirement: 'OCPP16-5.12' });

    ctx.step('The running session is ended and the cable unplugged');
    await ctx.given('Idle');
  },
);
