import { check, defineCase } from '../../../src/dsl.js';
import { operatorSends } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_N_47_CSMS',
    title: 'Get Monitoring report - Report all',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'N',
    profiles: ['Advanced Device Management'],
    features: ['AdvancedDeviceManagement'],
    requirements: ['N02.FR.05', 'N02.FR.09'],
    purpose:
      'Asked for every monitor of a station, the CSMS sends GetMonitoringReportRequest without criteria and without components, and answers each part of the NotifyMonitoringReport that follows.',
    fault: 'notifymonitoringreport-tbc-error',
  },
  async (ctx) => {
    const { station, config } = ctx;
    await ctx.given('Booted');

    ctx.step('The operator asks for a report of all monitors');
    const req = await operatorSends(
      ctx,
      'GetMonitoringReport',
      {},
      'Make the CSMS request a report of all monitors of the station',
      'N02.FR.05',
    );
    const p = req.payload;
    check(p.monitoringCriteria === undefined, 'N02.FR.05', 'monitoringCriteria omitted', p.monitoringCriteria);
    check(p.componentVariable === undefined, 'N02.FR.05', 'componentVariable omitted', p.componentVariable);
    await station.reply(req, { status: 'Accepted' });

    ctx.step('The station reports its monitors in two parts (tbc); the CSMS answers both');
    const parts = [
      { component: { name: 'ChargingStation' }, variable: { name: 'Power' }, type: 'UpperThreshold' as const, value: 22000 },
      {
        component: { name: 'EVSE', evse: { id: config.ids.evseId } },
        variable: { name: 'AvailabilityState' },
        type: 'Delta' as const,
        value: 1,
      },
    ];
    for (const [seqNo, m] of parts.entries()) {
      await station.call(
        'NotifyMonitoringReport',
        {
          requestId: p.requestId,
          seqNo,
          tbc: seqNo < parts.length - 1,
          generatedAt: ctx.nowIso(),
          monitor: [
            {
              component: m.component,
              variable: m.variable,
              variableMonitoring: [{ id: 20 + seqNo, transaction: false, value: m.value, type: m.type, severity: 4 }],
            },
          ],
        },
        { requirement: 'N02.FR.09' },
      );
    }
  },
);
