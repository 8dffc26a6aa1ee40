import { check, defineCase } from '../../../src/dsl.js';

export default defineCase(
  {
    id: 'TC_F_11_CSMS',
    title: 'Trigger message - MeterValues - Specific EVSE',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'F',
    requirements: ['F06.FR.02', 'F06.FR.01'],
    purpose:
      'When an operator requests current meter values of one EVSE, the CSMS sends TriggerMessageRequest for MeterValues naming that EVSE, and answers the MeterValuesRequest it triggers.',
    fault: 'trigger-evse-dropped',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const evseId = config.ids.evseId;

    ctx.step('The station is booted and idle');
    await ctx.given('Booted');

    ctx.step('The operator asks the CSMS to trigger MeterValues for the configured EVSE');
    await ctx.manual(
      'csmsSend',
      { message: 'TriggerMessage', stationId: config.stationId, requestedMessage: 'MeterValues', evseId },
      `Make the CSMS trigger a MeterValues message for EVSE ${evseId}`,
    );

    ctx.step('The CSMS sends TriggerMessageRequest for MeterValues of that EVSE');
    const req = await station.expectCall('TriggerMessage', { requirement: 'F06.FR.01' });
    ctx.expectOneOf(req.payload.requestedMessage, ['MeterValues'], 'F06.FR.01', 'TriggerMessageRequest.requestedMessage');
    check(req.payload.evse?.id === evseId, 'F06.FR.02', `evse.id ${evseId}`, `evse ${JSON.stringify(req.payload.evse) ?? 'absent'}`);
    await station.reply(req, { status: 'Accepted' });

    ctx.step('The station sends the triggered MeterValuesRequest; the CSMS answers it');
    await station.call(
      'MeterValues',
      {
        evseId,
        meterValue: [
          {
            timestamp: ctx.nowIso(),
            sampledValue: [{ value: 1500, context: 'Trigger', measurand: 'Energy.Active.Import.Register', unitOfMeasure: { unit: 'Wh' } }],
          },
        ],
      },
      { requirement: 'F06.FR.02' },
    );
  },
);
