import { defineCase } from '../../../src/dsl.js';
import { operatorSends } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_N_05_CSMS',
    title: 'Set Monitoring Base - success',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'N',
    profiles: ['Advanced Device Management'],
    features: ['AdvancedDeviceManagement'],
    requirements: ['N03.FR.01'],
    purpose:
      'The operator activates each monitoring base in turn (All, FactoryDefault, HardWiredOnly); the CSMS sends SetMonitoringBaseRequest with each.',
    fault: 'monitoringbase-hardwired-as-factory',
  },
  async (ctx) => {
    await ctx.given('Booted');
    for (const monitoringBase of ['All', 'FactoryDefault', 'HardWiredOnly'] as const) {
      ctx.step(`The operator sets the monitoring base ${monitoringBase}; the station accepts`);
      const req = await operatorSends(
        ctx,
        'SetMonitoringBase',
        { monitoringBase },
        `Make the CSMS set the monitoring base ${monitoringBase}`,
        'N03.FR.01',
      );
      ctx.expectOneOf(req.payload.monitoringBase, [monitoringBase], 'N03.FR.01', 'SetMonitoringBaseRequest.monitoringBase');
      await ctx.station.reply(req, { status: 'Accepted' });
    }
  },
);
