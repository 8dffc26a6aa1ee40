import { check, defineCase } from '../../../src/dsl.js';

export default defineCase(
  {
    id: 'TC_021_CSMS',
    title: 'Change/set Configuration',
    ocpp: '1.6',
    sut: 'csms',
    block: 'Configuration',
    requirements: ['OCPP16-5.3'],
    purpose:
      'An operator changes a writable configuration key: the central system sends ChangeConfiguration with that key and exactly the value the operator entered, and takes the Accepted answer.',
    fault: 'changeconfig-wrong-value',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const key = 'MeterValueSampleInterval';
    const value = String(config.ids.meterValueSampleIntervalS);
    await ctx.given('Booted');

    ctx.step(`The operator sets ${key} to ${value}: the central system sends ChangeConfiguration`);
    await ctx.manual(
      'csmsSend',
      { message: 'ChangeConfiguration', stationId: config.stationId, key, value },
      `Make the central system set configuration key ${key} to ${value} on ${config.stationId} (ChangeConfiguration).`,
    );
    const req = await station.expectCall('ChangeConfiguration', { requirement: 'OCPP16-5.3' });
    check(
      req.payload.key === key,
      'OCPP16-5.3',
      `ChangeConfiguration.req key = ${JSON.stringify(key)}`,
      `key = ${JSON.stringify(req.payload.key)}`,
    );
    check(
      req.payload.value === value,
      'OCPP16-5.3',
      `ChangeConfiguration.req value = ${JSON.stringify(value)}`,
      `value = ${JSON.stringify(req.payload.value)}`,
    );

    ctx.step('The charge point applies the new value and answers Accepted');
    await station.reply(req, { status: 'Accepted' });
  },
);
