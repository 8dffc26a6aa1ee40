import { check, defineCase } from '../../../src/dsl.js';

export default defineCase(
  {
    id: 'TC_019_2_CSMS',
    title: 'Retrieve specific configuration key',
    ocpp: '1.6',
    sut: 'csms',
    block: 'Configuration',
    requirements: ['OCPP16-5.8'],
    purpose:
      'An operator asks for one configuration key of a charge point: the central system sends GetConfiguration whose key list names that key, and takes the value the charge point returns.',
    fault: 'getconfig-key-dropped',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const key = 'SupportedFeatureProfiles';
    await ctx.given('Booted');

    ctx.step(`The operator asks for the key ${key}: the central system sends GetConfiguration for it`);
    await ctx.manual(
      'csmsSend',
      { message: 'GetConfiguration', stationId: config.stationId, key: [key] },
      `Make the central system request configuration key ${key} (GetConfiguration) from ${config.stationId}.`,
    );
    const req = await station.expectCall('GetConfiguration', { requirement: 'OCPP16-5.8' });
    const keys: unknown = req.payload.key;
    check(
      Array.isArray(keys) && keys.includes(key),
      'OCPP16-5.8',
      `GetConfiguration.req key list containing ${JSON.stringify(key)}`,
      `key = ${JSON.stringify(keys)}`,
    );

    ctx.step('The charge point reports the value of the key');
    await station.reply(req, { configurationKey: [{ key, readonly: true, value: 'Core,RemoteTrigger' }] });
  },
);
