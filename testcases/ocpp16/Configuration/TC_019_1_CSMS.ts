import { check, defineCase } from '../../../src/dsl.js';

export default defineCase(
  {
    id: 'TC_019_1_CSMS',
    title: 'Retrieve all configuration keys',
    ocpp: '1.6',
    sut: 'csms',
    block: 'Configuration',
    requirements: ['OCPP16-5.8'],
    purpose:
      'An operator asks for the complete configuration of a charge point: the central system sends GetConfiguration without a key list (which means all keys) and takes the report the charge point returns.',
    fault: 'getconfig-all-sends-keys',
  },
  async (ctx) => {
    const { station, config } = ctx;
    await ctx.given('Booted');

    ctx.step('The operator asks for all configuration keys: the central system sends GetConfiguration');
    await ctx.manual(
      'csmsSend',
      { message: 'GetConfiguration', stationId: config.stationId },
      `Make the central system request the complete configuration (GetConfiguration, no keys) of ${config.stationId}.`,
    );
    const req = await station.expectCall('GetConfiguration', { requirement: 'OCPP16-5.8' });
    const keys: unknown = req.payload.key;
    check(
      keys === undefined || (Array.isArray(keys) && keys.length === 0),
      'OCPP16-5.8',
      'GetConfiguration.req without key (or with an empty key list)',
      `key = ${JSON.stringify(keys)}`,
    );

    ctx.step('The charge point reports all its configuration keys');
    await station.reply(req, {
      configurationKey: [
        { key: 'HeartbeatInterval', readonly: false, value: String(config.timeouts.heartbeatIntervalS) },
        { key: 'MeterValueSampleInterval', readonly: false, value: String(config.ids.meterValueSampleIntervalS) },
        { key: 'NumberOfConnectors', readonly: true, value: String(config.ids.connectorId) },
        { key: 'AuthorizeRemoteTxRequests', readonly: false, value: 'false' },
        { key: 'ConnectionTimeOut', readonly: false, value: '60' },
        { key: 'SupportedFeatureProfiles', readonly: true, value: 'Core,RemoteTrigger' },
      ],
    });
  },
);
