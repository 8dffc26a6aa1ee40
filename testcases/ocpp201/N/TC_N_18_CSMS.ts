import { check, defineCase } from '../../../src/dsl.js';
import { operatorSends } from '../../../src/kit/index.js';

/** What the harness station allows per ClearVariableMonitoringRequest. */
const ITEMS_PER_MESSAGE = 2;
const MONITOR_IDS = [41, 42, 43, 44, 45];

export default defineCase(
  {
    id: 'TC_N_18_CSMS',
    title: 'Clear Monitoring - Too many elements',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'N',
    profiles: ['Advanced Device Management'],
    features: ['AdvancedDeviceManagement'],
    requirements: ['N06.FR.04', 'N06.FR.01'],
    purpose: `Asked to clear ${MONITOR_IDS.length} monitors of a station that takes ${ITEMS_PER_MESSAGE} ids per ClearVariableMonitoringRequest, the CSMS spreads them over several requests of at most ${ITEMS_PER_MESSAGE} ids and clears them all.`,
    fault: 'clearmonitoring-ignores-items-per-message',
  },
  async (ctx) => {
    const { station } = ctx;
    // The CSMS may read the limit (MonitoringCtrlr.ItemsPerMessage[ClearVariableMonitoring]) first; any other variable is unknown here.
    station.respondTo('GetVariables', (call) => ({
      getVariableResult: call.payload.getVariableData.map(
        (v: { component: { name: string }; variable: { name: string; instance?: string } }) =>
          v.component.name === 'MonitoringCtrlr' &&
          v.variable.name === 'ItemsPerMessage' &&
          v.variable.instance === 'ClearVariableMonitoring'
            ? { attributeStatus: 'Accepted', attributeValue: String(ITEMS_PER_MESSAGE), component: v.component, variable: v.variable }
            : { attributeStatus: 'UnknownVariable', component: v.component, variable: v.variable },
      ),
    }));
    await ctx.given('Booted');

    ctx.step(`The operator clears the monitors ${MONITOR_IDS.join(', ')}`);
    let req = await operatorSends(
      ctx,
      'ClearVariableMonitoring',
      { monitorIds: MONITOR_IDS },
      `Make the CSMS clear the monitors ${MONITOR_IDS.join(', ')} of the station`,
      'N06.FR.01',
    );

    ctx.step(`The CSMS sends the ids in requests of at most ${ITEMS_PER_MESSAGE}; the station clears each`);
    const cleared = new Set<number>();
    for (;;) {
      const ids = req.payload.id;
      check(
        ids.length <= ITEMS_PER_MESSAGE,
        'N06.FR.04',
        `at most ${ITEMS_PER_MESSAGE} ids per request`,
        `${ids.length} ids: ${ids.join(', ')}`,
      );
      for (const id of ids) cleared.add(id);
      await station.reply(req, { clearMonitoringResult: ids.map((id) => ({ id, status: 'Accepted' })) });
      if (MONITOR_IDS.every((id) => cleared.has(id))) break;
      req = await station.expectCall('ClearVariableMonitoring', { requirement: 'N06.FR.01' });
    }
  },
);
