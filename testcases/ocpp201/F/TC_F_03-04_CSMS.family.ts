import { check, defineCase, defineCaseFamily, type TypedCaseContext } from '../../../src/dsl.js';
import { connectorStatus, expectIdTokenStatus, txEvent } from '../../../src/kit/index.js';

/**
 * Remote start before plug-in (F02) at a station that does not authorize remote starts itself
 * (AuthorizeRemoteStart false): the transaction starts on the CSMS's request alone, so the CSMS
 * must answer the RemoteStart event's token itself. The rows differ in what happens next: the
 * cable comes, or it does not within the connection timeout.
 */
type Ctx = TypedCaseContext<'2.0.1', 'csms'>;

export default defineCaseFamily(
  [
    {
      id: 'TC_F_03_CSMS',
      title: 'Remote start transaction - Remote start first - AuthorizeRemoteStart is false',
      requirements: ['F02.FR.01', 'F02.FR.03'],
      purpose:
        'An operator starts a session before the EV is plugged in at a station that does not authorize remote starts: no AuthorizeRequest comes, the transaction starts on the request (triggerReason RemoteStart, with its remoteStartId) and the CSMS answers its token Accepted; the EV is then plugged in and charges.',
      fault: 'remotestart-txevent-no-idtokeninfo',
      then: async (ctx: Ctx) => {
        ctx.step('The EV is plugged in and charging starts');
        await connectorStatus(ctx, 'Occupied', 'F02.FR.03');
        await txEvent(ctx, 'Updated', 'CablePluggedIn', { chargingState: 'EVConnected', withEvse: true, requirement: 'F02.FR.03' });
        await txEvent(ctx, 'Updated', 'ChargingStateChanged', { chargingState: 'Charging', requirement: 'F02.FR.03' });
      },
    },
    {
      id: 'TC_F_04_CSMS',
      title: 'Remote start transaction - Remote start first - Cable plugin timeout',
      requirements: ['F02.FR.01', 'F02.FR.03', 'E03.FR.05'],
      purpose:
        'An operator starts a session remotely but no EV is plugged in within the connection timeout: the transaction the request started ends with triggerReason EVConnectTimeout and stoppedReason Timeout, and the CSMS takes that end.',
      fault: 'txevent-trigger-restricted',
      then: async (ctx: Ctx) => {
        ctx.step('No cable is plugged in within EVConnectionTimeOut: the station ends the transaction');
        await txEvent(ctx, 'Ended', 'EVConnectTimeout', { chargingState: 'Idle', stoppedReason: 'Timeout', requirement: 'E03.FR.05' });
      },
    },
  ] as const,
  ({ then, requirements, ...row }) =>
    defineCase({ ...row, requirements: [...requirements], ocpp: '2.0.1', sut: 'csms', block: 'F', profiles: ['Core'] }, async (ctx) => {
      const { station, config } = ctx;
      const token = config.ids.validIdToken;
      const evseId = config.ids.evseId;

      ctx.step('The station is booted and idle');
      await ctx.given('Booted');

      ctx.step('The operator asks the CSMS to start a session for the valid idToken');
      await ctx.manual(
        'csmsSend',
        { message: 'RequestStartTransaction', stationId: config.stationId, evseId, idToken: token },
        `Make the CSMS remotely start a transaction on EVSE ${evseId} for idToken ${token.idToken}`,
      );
      const req = await station.expectCall('RequestStartTransaction', { requirement: 'F02.FR.01' });
      check(
        req.payload.idToken.idToken === token.idToken && req.payload.idToken.type === token.type,
        'F02.FR.01',
        `idToken ${token.idToken} (${token.type})`,
        `idToken ${req.payload.idToken.idToken} (${req.payload.idToken.type})`,
      );
      await station.reply(req, { status: 'Accepted' });

      ctx.step('Without authorizing the token itself, the station starts the transaction for the remote start');
      const res = await txEvent(ctx, 'Started', 'RemoteStart', {
        idToken: token,
        remoteStartId: req.payload.remoteStartId,
        chargingState: 'Idle',
        requirement: 'F02.FR.03',
      });
      // The CSMS asked for this token itself: Accepted is the only right status.
      expectIdTokenStatus(ctx, res, ['Accepted'], 'F02.FR.03');
      await then(ctx);
    }),
);
