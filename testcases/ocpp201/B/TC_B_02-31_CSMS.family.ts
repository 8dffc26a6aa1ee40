import { check, defineCase, defineCaseFamily, type OcppConnection, type Payload, type TypedCaseContext } from '../../../src/dsl.js';
import { bootPayload, callOn, closeAndWait, freshIdentity } from '../../../src/kit/index.js';

/**
 * Boot answered Pending (B02): the operator registers a second station identity as Pending
 * (for instance: not yet provisioned). Its BootNotification gets Pending with a retry interval;
 * while Pending the CSMS processes none of its other calls (CALLERROR SecurityError), and once
 * the operator accepts it, its next boot is Accepted. The rows check one side each.
 */
type Ctx = TypedCaseContext<'2.0.1', 'csms'>;

async function bootPending(ctx: Ctx): Promise<{ identity: string; conn: OcppConnection; interval: number }> {
  const identity = freshIdentity(ctx, 'PEND');
  ctx.step(`The operator registers station ${identity} so that the CSMS holds its boot Pending`);
  await ctx.manual(
    'csmsRegisterStation',
    { stationId: identity, bootStatus: 'Pending' },
    `Register charging station "${identity}" in the CSMS (same credentials as "${ctx.config.stationId}") so that its BootNotification is answered Pending`,
  );
  ctx.step(`Station ${identity} connects and boots: the CSMS answers Pending with a retry interval`);
  const conn = await ctx.station.connect({ identity, requirement: 'B01.FR.02' });
  ctx.afterCase(`close the connection of ${identity}`, () => closeAndWait(ctx, conn));
  const res = await callOn(ctx, conn, 'BootNotification', bootPayload(), { requirement: 'B01.FR.02' });
  check(res.kind === 'result', 'B01.FR.02', 'a BootNotificationResponse', res.kind === 'error' ? `CALLERROR ${res.errorCode}` : '');
  const payload: Payload = res.kind === 'result' ? res.payload : {};
  ctx.expectOneOf(payload.status, ['Pending'], 'B01.FR.02', 'BootNotificationResponse.status for a station registered Pending');
  check(
    typeof payload.interval === 'number' && payload.interval > 0,
    'B01.FR.02',
    'a retry interval above 0',
    `interval ${payload.interval}`,
  );
  return { identity, conn, interval: payload.interval ?? 0 };
}

export default defineCaseFamily(
  [
    {
      id: 'TC_B_02_CSMS',
      title: 'Cold Boot Charging Station - Pending',
      requirements: ['B01.FR.02'],
      purpose:
        'A station the operator has registered as Pending gets BootNotification Pending with a retry interval; once the operator accepts it, the BootNotification it sends after that interval is Accepted.',
      fault: 'boot-registered-pending-accepted',
      then: async (ctx: Ctx, { identity, conn, interval }: { identity: string; conn: OcppConnection; interval: number }) => {
        ctx.step(`The operator accepts station ${identity} in the CSMS`);
        await ctx.manual(
          'csmsRegisterStation',
          { stationId: identity, bootStatus: 'Accepted' },
          `Accept charging station "${identity}" in the CSMS so that its next BootNotification is answered Accepted`,
        );
        ctx.step('After the retry interval the station boots again: Accepted');
        await ctx.station.wait(Math.min(interval * 1000, ctx.config.timeouts.connectMs));
        const again = await callOn(ctx, conn, 'BootNotification', bootPayload(), { requirement: 'B01.FR.02' });
        const status = again.kind === 'result' ? String(again.payload.status) : `CALLERROR ${again.errorCode}`;
        check(status === 'Accepted', 'B01.FR.02', 'BootNotification Accepted once the operator accepted the station', status);
      },
    },
    {
      id: 'TC_B_30_CSMS',
      title: 'Cold Boot Charging Station - Pending/Rejected - SecurityError',
      requirements: ['B01.FR.02', 'B03.FR.07'],
      purpose:
        'A station held Pending that sends a request other than BootNotification (a StatusNotification) gets CALLERROR SecurityError: the CSMS processes no call of a station it has not accepted.',
      fault: 'accepts-calls-while-pending',
      then: async (ctx: Ctx, { conn }: { conn: OcppConnection }) => {
        ctx.step('While Pending, the station sends a StatusNotification: the CSMS refuses it with SecurityError');
        const { evseId, connectorId } = ctx.config.ids;
        const res = await callOn(
          ctx,
          conn,
          'StatusNotification',
          { timestamp: ctx.nowIso(), connectorStatus: 'Available', evseId, connectorId },
          { requirement: 'B03.FR.07' },
        );
        check(
          res.kind === 'error' && res.errorCode === 'SecurityError',
          'B03.FR.07',
          'CALLERROR SecurityError for a call of a Pending station',
          res.kind === 'error' ? `CALLERROR ${res.errorCode}` : 'a CALLRESULT: the call was processed',
        );
      },
    },
    {
      id: 'TC_B_31_CSMS',
      title: 'Cold Boot Charging Station - Pending/Rejected - TriggerMessage',
      requirements: ['B01.FR.02', 'F06.FR.01'],
      purpose:
        'A station held Pending need not wait out its retry interval: once the operator accepts it, the CSMS can ask for a new BootNotification with TriggerMessage, and answers that triggered boot Accepted.',
      fault: 'triggered-boot-kept-pending',
      then: async (ctx: Ctx, { identity, conn }: { identity: string; conn: OcppConnection }) => {
        ctx.step(`The operator accepts station ${identity} and makes the CSMS trigger its BootNotification at once`);
        await ctx.manual(
          'csmsRegisterStation',
          { stationId: identity, bootStatus: 'Accepted' },
          `Accept charging station "${identity}" in the CSMS so that its next BootNotification is answered Accepted`,
        );
        await ctx.manual(
          'csmsSend',
          { message: 'TriggerMessage', stationId: identity, requestedMessage: 'BootNotification' },
          `Make the CSMS send TriggerMessage BootNotification to the Pending station "${identity}" (before its retry interval ends)`,
        );
        const trigger = await ctx.station.expectCall('TriggerMessage', {
          requirement: 'F06.FR.01',
          where: (p) => p.requestedMessage === 'BootNotification',
          whereText: 'requestedMessage BootNotification',
        });
        check(trigger.conn === conn, 'F06.FR.01', `the TriggerMessage sent to ${identity}`, 'it came on another station connection');
        await ctx.station.reply(trigger, { status: 'Accepted' });

        ctx.step('The station sends the triggered BootNotification: the CSMS accepts it');
        const again = await callOn(ctx, conn, 'BootNotification', { ...bootPayload(), reason: 'Triggered' }, { requirement: 'B01.FR.02' });
        const status = again.kind === 'result' ? String(again.payload.status) : `CALLERROR ${again.errorCode}`;
        check(status === 'Accepted', 'B01.FR.02', 'the triggered BootNotification Accepted, as the operator accepted the station', status);

        ctx.step('The accepted station reports its connector; the CSMS takes it');
        const { evseId, connectorId } = ctx.config.ids;
        const res = await callOn(
          ctx,
          conn,
          'StatusNotification',
          { timestamp: ctx.nowIso(), connectorStatus: 'Available', evseId, connectorId },
          { requirement: 'B01.FR.02' },
        );
        check(
          res.kind === 'result',
          'B01.FR.02',
          'a StatusNotificationResponse once accepted',
          res.kind === 'error' ? `CALLERROR ${res.errorCode}` : '',
        );
      },
    },
  ] as const,
  ({ then, requirements, ...row }) =>
    defineCase(
      { ...row, requirements: [...requirements], ocpp: '2.0.1', sut: 'csms', block: 'B', profiles: ['Core'], features: ['C-44'] },
      async (ctx) => {
        ctx.step('The configured station is booted and idle');
        await ctx.given('Booted');
        await then(ctx, await bootPending(ctx));
      },
    ),
);
