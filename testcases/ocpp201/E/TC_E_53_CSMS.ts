import { check, defineCase } from '../../../src/dsl.js';
import { connectorStatus, txEvent, runningTx } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_E_53_CSMS',
    title: 'Reset Sequence Number - CSMS accepting seqNo = 0 at start of transaction',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'E',
    requirements: ['E01.FR.07'],
    purpose:
      'Each transaction numbers its events from seqNo 0; the CSMS answers the Started event of a second transaction even though its seqNo restarts at 0.',
    fault: 'txevent-seqno-per-station',
  },
  async (ctx) => {
    ctx.step('A first transaction charges, starting at seqNo 0');
    await ctx.given('EnergyTransferStarted');

    ctx.step('The first transaction is stopped and the EV unplugged');
    await ctx.given('StopAuthorized');
    await ctx.given('EVDisconnected');

    ctx.step('The EV is plugged in again: a new transaction starts with seqNo 0; the CSMS answers it');
    await connectorStatus(ctx, 'Occupied', 'E01.FR.07');
    await txEvent(ctx, 'Started', 'CablePluggedIn', { chargingState: 'EVConnected', requirement: 'E01.FR.07' });
    check(runningTx(ctx).nextSeqNo === 1, 'E01.FR.07', 'the Started event was sent with seqNo 0', `next seqNo ${runningTx(ctx).nextSeqNo}`);

    ctx.step('The second transaction is authorized, charges, and ends');
    await ctx.given('Authorized');
    await txEvent(ctx, 'Updated', 'ChargingStateChanged', { chargingState: 'Charging', requirement: 'E01.FR.07' });
    await ctx.given('StopAuthorized');
    await ctx.given('EVDisconnected');
  },
);
