import { defineCase } from '../../../src/dsl.js';
import { expectAfter, mark, startedTransaction, unplug201, validToken } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_E_06_CS',
    title: 'Local Stop Transaction - Accepted',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'E',
    profiles: ['Core'],
    requirements: ['E07.FR.01', 'E07.FR.02'],
    purpose:
      'A driver who presents the token that started a running transaction stops it: the station reports StopAuthorized (ending the transaction, or stopping the energy transfer until the cable is removed, as its TxStopPoint says), and the transaction ends once the cable is out.',
    fault: 'local-stop-not-reported',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('Booted');
    await ctx.given('EnergyTransferStarted');
    const txId = startedTransaction(ctx).payload.transactionInfo.transactionId as string;
    // The station may authorize the stopping token again; it is the same valid token.
    csms.respondTo('Authorize', { idTokenInfo: { status: 'Accepted' } });

    ctx.step('The driver presents the same token again to stop');
    const since = mark(csms);
    await ctx.manual('presentIdToken', { ...validToken(config), evseId: config.ids.evseId }, 'Present the configured valid idToken again.');
    const stop = await expectAfter(csms, since, 'TransactionEvent', {
      where: (p) => p.transactionInfo.transactionId === txId && p.triggerReason === 'StopAuthorized',
      whereText: `triggerReason StopAuthorized for ${txId}`,
      requirement: 'E07.FR.01',
    });
    // TxStopPoint Authorized (or PowerPathClosed ...) ends the transaction here; EVConnected / ParkingBayOccupancy keep it until the cable is out.
    if (stop.payload.eventType === 'Ended') {
      ctx.expectOneOf(stop.payload.transactionInfo.stoppedReason ?? 'Local', ['Local'], 'E07.FR.02', 'Ended stoppedReason');
      return;
    }
    ctx.expectOneOf(
      stop.payload.transactionInfo.chargingState,
      ['EVConnected', 'SuspendedEVSE', 'Idle', undefined],
      'E07.FR.02',
      'chargingState after StopAuthorized',
    );

    ctx.step('The cable is unplugged: the transaction ends');
    const unplugged = mark(csms);
    await unplug201(ctx, 'Unplug the EV cable at the station side.');
    await expectAfter(csms, unplugged, 'TransactionEvent', {
      where: (p) => p.transactionInfo.transactionId === txId && p.eventType === 'Ended',
      whereText: `eventType Ended of ${txId}`,
      requirement: 'E07.FR.01',
    });
  },
);
