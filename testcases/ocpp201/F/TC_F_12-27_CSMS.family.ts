import { check, defineCase, defineCaseFamily, type TypedCaseContext } from '../../../src/dsl.js';
import { connectorStatus, txEvent } from '../../../src/kit/index.js';

/**
 * Trigger message (F06): the operator makes the CSMS ask the station for one message, for one
 * EVSE, one connector or (no target) the whole station. The CSMS must ask for exactly that
 * message and target, and take the message the station then sends, or, for a message the
 * station does not implement, take NotImplemented as final. TC_F_11_CSMS (MeterValues, one EVSE)
 * and TC_F_20_CSMS (Heartbeat) are single cases beside these.
 */
type Ctx = TypedCaseContext<'2.0.1', 'csms'>;
type Target = 'station' | 'evse' | 'connector';

const meterValues = (ctx: Ctx, evseId: number) =>
  ctx.station.call(
    'MeterValues',
    {
      evseId,
      meterValue: [
        {
          timestamp: ctx.nowIso(),
          sampledValue: [{ value: 3200, context: 'Trigger', measurand: 'Energy.Active.Import.Register', unitOfMeasure: { unit: 'Wh' } }],
        },
      ],
    },
    { requirement: 'F06.FR.04' },
  );

export default defineCaseFamily(
  [
    {
      id: 'TC_F_12_CSMS',
      title: 'Trigger message - MeterValues - All EVSE',
      message: 'MeterValues',
      target: 'station',
      given: 'Booted',
      requirements: ['F06.FR.01', 'F06.FR.04', 'J01.FR.18'],
      purpose:
        'Asked for current meter values of the whole station, the CSMS sends TriggerMessageRequest MeterValues without evse, and answers the MeterValuesRequests that follow, for the main meter (evseId 0) and the EVSE.',
      fault: 'trigger-evse-added',
      after: async (ctx: Ctx) => {
        await meterValues(ctx, 0);
        await meterValues(ctx, ctx.config.ids.evseId);
      },
    },
    {
      id: 'TC_F_13_CSMS',
      title: 'Trigger message - TransactionEvent - Specific EVSE',
      message: 'TransactionEvent',
      target: 'evse',
      given: 'EnergyTransferStarted',
      requirements: ['F06.FR.01', 'F06.FR.02', 'F06.FR.04'],
      purpose:
        'Asked for the transaction state of one EVSE, the CSMS sends TriggerMessageRequest TransactionEvent naming that EVSE, and answers the TransactionEvent Updated (triggerReason Trigger) of the running transaction.',
      fault: 'trigger-evse-dropped',
      after: (ctx: Ctx) =>
        txEvent(ctx, 'Updated', 'Trigger', { chargingState: 'Charging', withEvse: true, requirement: 'F06.FR.04' }).then(() => undefined),
    },
    {
      id: 'TC_F_14_CSMS',
      title: 'Trigger message - TransactionEvent - All EVSE',
      message: 'TransactionEvent',
      target: 'station',
      given: 'EnergyTransferStarted',
      requirements: ['F06.FR.01', 'F06.FR.04'],
      purpose:
        'Asked for the transaction state of the whole station, the CSMS sends TriggerMessageRequest TransactionEvent without evse, and answers the TransactionEvent Updated (triggerReason Trigger) of each running transaction.',
      fault: 'trigger-evse-added',
      after: (ctx: Ctx) =>
        txEvent(ctx, 'Updated', 'Trigger', { chargingState: 'Charging', withEvse: true, requirement: 'F06.FR.04' }).then(() => undefined),
    },
    {
      id: 'TC_F_15_CSMS',
      title: 'Trigger message - LogStatusNotification - Idle',
      message: 'LogStatusNotification',
      target: 'station',
      given: 'Booted',
      requirements: ['F06.FR.01', 'F06.FR.04'],
      purpose:
        'Asked for the log upload status, the CSMS sends TriggerMessageRequest LogStatusNotification, and answers the LogStatusNotificationRequest that says no upload is going on (Idle).',
      fault: 'trigger-unknown-as-heartbeat',
      after: (ctx: Ctx) =>
        ctx.station.call('LogStatusNotification', { status: 'Idle' }, { requirement: 'F06.FR.04' }).then(() => undefined),
    },
    {
      id: 'TC_F_18_CSMS',
      title: 'Trigger message - FirmwareStatusNotification - Idle',
      message: 'FirmwareStatusNotification',
      target: 'station',
      given: 'Booted',
      requirements: ['F06.FR.01', 'F06.FR.04'],
      purpose:
        'Asked for the firmware update status, the CSMS sends TriggerMessageRequest FirmwareStatusNotification, and answers the FirmwareStatusNotificationRequest that says no update is going on (Idle).',
      fault: 'trigger-unknown-as-heartbeat',
      after: (ctx: Ctx) =>
        ctx.station.call('FirmwareStatusNotification', { status: 'Idle' }, { requirement: 'F06.FR.04' }).then(() => undefined),
    },
    {
      id: 'TC_F_23_CSMS',
      title: 'Trigger message - StatusNotification - Specific EVSE - Available',
      message: 'StatusNotification',
      target: 'connector',
      given: 'Booted',
      requirements: ['F06.FR.01', 'F06.FR.12'],
      purpose:
        'Asked for the status of one connector, the CSMS sends TriggerMessageRequest StatusNotification naming its EVSE and connector, and answers the StatusNotificationRequest reporting it Available.',
      fault: 'trigger-connector-dropped',
      after: (ctx: Ctx) => connectorStatus(ctx, 'Available', 'F06.FR.12'),
    },
    {
      id: 'TC_F_24_CSMS',
      title: 'Trigger message - StatusNotification - Specific EVSE - Occupied',
      message: 'StatusNotification',
      target: 'connector',
      given: 'EVConnectedPreSession',
      requirements: ['F06.FR.01', 'F06.FR.12'],
      purpose:
        'Asked for the status of a connector with an EV plugged in, the CSMS sends TriggerMessageRequest StatusNotification naming its EVSE and connector, and answers the StatusNotificationRequest reporting it Occupied.',
      fault: 'trigger-connector-dropped',
      after: (ctx: Ctx) => connectorStatus(ctx, 'Occupied', 'F06.FR.12'),
    },
    {
      id: 'TC_F_27_CSMS',
      title: 'Trigger message - NotImplemented',
      message: 'PublishFirmwareStatusNotification',
      target: 'station',
      given: 'Booted',
      requirements: ['F06.FR.01', 'F06.FR.08'],
      purpose:
        'Asked for a message the station does not implement (PublishFirmwareStatusNotification, a local-controller message), the CSMS sends the TriggerMessageRequest and takes the answer NotImplemented as final: it does not ask again.',
      fault: 'trigger-notimplemented-retried',
      after: async () => undefined,
    },
  ] as const,
  ({ message, target, given, after, requirements, ...row }) =>
    defineCase({ ...row, requirements: [...requirements], ocpp: '2.0.1', sut: 'csms', block: 'F', profiles: ['Core'] }, async (ctx) => {
      const { station, config } = ctx;
      const { evseId, connectorId } = config.ids;
      const where: Record<Target, string> = {
        station: 'the whole station',
        evse: `EVSE ${evseId}`,
        connector: `connector ${connectorId} of EVSE ${evseId}`,
      };

      ctx.step(given === 'Booted' ? 'The station is booted and idle' : `The station is in state ${given}`);
      await ctx.given(given);

      ctx.step(`The operator asks the CSMS to trigger ${message} for ${where[target as Target]}`);
      const choice = target === 'station' ? {} : target === 'evse' ? { evseId } : { evseId, connectorId };
      await ctx.manual(
        'csmsSend',
        { message: 'TriggerMessage', stationId: config.stationId, requestedMessage: message, ...choice },
        `Make the CSMS trigger a ${message} message for ${where[target as Target]}`,
      );

      ctx.step(
        `The CSMS sends TriggerMessageRequest for ${message}, ${target === 'station' ? 'without evse' : `naming ${where[target as Target]}`}`,
      );
      const req = await station.expectCall('TriggerMessage', { requirement: 'F06.FR.01' });
      ctx.expectOneOf(req.payload.requestedMessage, [message], 'F06.FR.01', 'TriggerMessageRequest.requestedMessage');
      const got = req.payload.evse;
      const shown = got ? JSON.stringify(got) : 'absent';
      if (target === 'station') check(got === undefined, 'F06.FR.01', 'no evse (the whole station)', `evse ${shown}`);
      else if (target === 'evse') check(got?.id === evseId, 'F06.FR.02', `evse.id ${evseId}`, `evse ${shown}`);
      else
        check(
          got?.id === evseId && got.connectorId === connectorId,
          'F06.FR.12',
          `evse ${evseId}, connector ${connectorId}`,
          `evse ${shown}`,
        );

      if (message === 'PublishFirmwareStatusNotification') {
        ctx.step('The station does not implement that message: it answers NotImplemented');
        await station.reply(req, { status: 'NotImplemented' });
        ctx.step('The CSMS takes NotImplemented as final: no second TriggerMessageRequest for it');
        await station.expectNoCall('TriggerMessage', { within: config.timeouts.silenceMs, requirement: 'F06.FR.08' });
        return;
      }
      await station.reply(req, { status: 'Accepted' });
      ctx.step(`The station sends the triggered ${message}; the CSMS answers it`);
      await after(ctx);
    }),
);
