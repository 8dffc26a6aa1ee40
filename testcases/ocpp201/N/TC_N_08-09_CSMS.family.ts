import { check, defineCase, defineCaseFamily } from '../../../src/dsl.js';
import { operatorSends } from '../../../src/kit/index.js';

/** Delta monitors on availability states (not numeric: value 1, as N04.FR.17 recommends), severity 8. */
export default defineCaseFamily(
  [
    {
      id: 'TC_N_08_CSMS',
      title: 'Set Variable Monitoring - One SetMonitoringData element',
      onStation: false,
      fault: 'setmonitoring-evse-dropped',
    },
    {
      id: 'TC_N_09_CSMS',
      title: 'Set Variable Monitoring - Multiple elements on different component and variable',
      onStation: true,
      fault: 'setmonitoring-first-only',
    },
  ] as const,
  ({ onStation, ...row }) =>
    defineCase(
      {
        ...row,
        ocpp: '2.0.1',
        sut: 'csms',
        block: 'N',
        profiles: ['Advanced Device Management'],
        features: ['AdvancedDeviceManagement'],
        requirements: ['N04.FR.01', 'N04.FR.17'],
        purpose: `The operator sets a Delta monitor (value 1, severity 8) on the availability of an EVSE${onStation ? ' and of the whole station' : ''}; the CSMS sends one SetVariableMonitoringRequest with one element per monitor, each naming its component, EVSE, variable, type, value and severity.`,
      },
      async (ctx) => {
        const { station, config } = ctx;
        const evseId = config.ids.evseId;
        const monitors = [
          { component: 'EVSE', evseId, variable: 'AvailabilityState', type: 'Delta', value: 1, severity: 8 },
          ...(onStation ? [{ component: 'ChargingStation', variable: 'AvailabilityState', type: 'Delta', value: 1, severity: 8 }] : []),
        ];
        await ctx.given('Booted');

        ctx.step(`The operator sets ${monitors.length} Delta monitor(s) on availability states`);
        const req = await operatorSends(
          ctx,
          'SetVariableMonitoring',
          { monitors },
          `Make the CSMS set Delta monitors (value 1, severity 8) on ${monitors.map((m) => `${m.component}${m.evseId ? ` ${m.evseId}` : ''}.${m.variable}`).join(' and ')}`,
          'N04.FR.01',
        );
        const data = req.payload.setMonitoringData;
        check(data.length === monitors.length, 'N04.FR.01', `${monitors.length} setMonitoringData element(s)`, `${data.length}`);
        for (const m of monitors) {
          // The order of the elements is the CSMS's choice; each monitor must be there once.
          const hit = data.find((d) => d.component.name === m.component && d.variable.name === m.variable);
          check(hit !== undefined, 'N04.FR.01', `an element for ${m.component}.${m.variable}`, data);
          check(hit.component.evse?.id === m.evseId, 'N04.FR.01', `${m.component} evse ${m.evseId ?? 'omitted'}`, hit.component.evse);
          ctx.expectOneOf(hit.type, ['Delta'], 'N04.FR.01', 'setMonitoringData.type');
          check(hit.severity === 8, 'N04.FR.01', 'severity 8', hit.severity);
          if (hit.value !== 1) ctx.nonStrict('N04.FR.17', `a Delta monitor on a non-numeric variable has value ${hit.value}, not 1`);
        }
        await station.reply(req, {
          setMonitoringResult: data.map((d, i) => ({
            id: 30 + i,
            status: 'Accepted',
            type: d.type,
            severity: d.severity,
            component: d.component,
            variable: d.variable,
          })),
        });
      },
    ),
);
