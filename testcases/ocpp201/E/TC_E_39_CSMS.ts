import { defineCase } from '../../../src/dsl.js';
import { authorizeValidToken, expectIdTokenStatus, txEvent } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_E_39_CSMS',
    title: 'Stop transaction options - Deauthorized - timeout',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'E',
    requirements: ['E03.FR.05', 'E01.FR.03'],
    purpose:
      'A transaction started on authorization ends when no cable comes within the connection timeout: the Ended event has triggerReason EVConnectTimeout and stoppedReason Timeout, and the CSMS takes it.',
    fault: 'txevent-trigger-restricted',
  },
  async (ctx) => {
    const { config } = ctx;
    const token = config.ids.validIdToken;

    ctx.step('The station is booted and idle');
    await ctx.given('Booted');

    ctx.step('The driver presents a valid token; the transaction starts on the authorization');
    await authorizeValidToken(ctx);
    const res = await txEvent(ctx, 'Started', 'Authorized', { idToken: token, requirement: 'E01.FR.03' });
    expectIdTokenStatus(ctx, res, ['Accepted'], 'E01.FR.03');

    ctx.step('No cable is plugged in within EVConnectionTimeOut: the station ends the transaction');
    await txEvent(ctx, 'Ended', 'EVConnectTimeout', { chargingState: 'Idle', stoppedReason: 'Timeout', requirement: 'E03.FR.05' });
  },
);
