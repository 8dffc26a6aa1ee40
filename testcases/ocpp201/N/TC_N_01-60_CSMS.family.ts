import { check, defineCase, defineCaseFamily, type RequestOf } from '../../../src/dsl.js';
import { operatorSends } from '../../../src/kit/index.js';

/** A component/variable pair as the operator names it (EVSE: the configured one). */
interface Pair {
  component: string;
  variable: string;
  evse?: boolean;
}
interface Ask {
  criteria?: readonly string[];
  pairs?: readonly Pair[];
}

const CS_POWER: Pair = { component: 'ChargingStation', variable: 'Power' };
const CS_AVAILABILITY: Pair = { component: 'ChargingStation', variable: 'AvailabilityState' };
const EVSE_AVAILABILITY: Pair = { component: 'EVSE', variable: 'AvailabilityState', evse: true };

/**
 * Monitoring reports (N02) asked twice: the first ask matches no monitor (EmptyResultSet), the
 * second is Accepted and the station reports the matching monitors.
 */
export default defineCaseFamily(
  [
    {
      id: 'TC_N_01_CSMS',
      title: 'Get Monitoring Report - with monitoringCriteria',
      first: { criteria: ['DeltaMonitoring'] },
      second: { criteria: ['ThresholdMonitoring'] },
      fault: 'monitoringreport-criteria-dropped',
    },
    {
      id: 'TC_N_02_CSMS',
      title: 'Get Monitoring Report - with component/variable',
      first: { pairs: [CS_POWER] },
      second: { pairs: [EVSE_AVAILABILITY] },
      fault: 'monitoringreport-evse-dropped',
    },
    {
      id: 'TC_N_03_CSMS',
      title: 'Get Monitoring Report - with component criteria and component/variable',
      first: { criteria: ['DeltaMonitoring'], pairs: [EVSE_AVAILABILITY] },
      second: { criteria: ['ThresholdMonitoring'], pairs: [CS_POWER] },
      fault: 'monitoringreport-evse-dropped',
    },
    {
      id: 'TC_N_60_CSMS',
      title: 'Get Monitoring Report - with component criteria and list of components/variables',
      first: { criteria: ['DeltaMonitoring'], pairs: [CS_AVAILABILITY, EVSE_AVAILABILITY] },
      second: { criteria: ['ThresholdMonitoring'], pairs: [CS_AVAILABILITY, EVSE_AVAILABILITY] },
      fault: 'monitoringreport-first-component-only',
    },
  ] as const,
  ({ first, second, ...row }) =>
    defineCase(
      {
        ...row,
        ocpp: '2.0.1',
        sut: 'csms',
        block: 'N',
        profiles: ['Advanced Device Management'],
        features: ['AdvancedDeviceManagement'],
        requirements: ['N02.FR.05', 'N02.FR.09'],
        purpose:
          'Asked for the monitors matching a choice of criteria and components/variables, the CSMS sends GetMonitoringReportRequest with exactly that choice; it takes an EmptyResultSet answer, asks again, and answers the NotifyMonitoringReport of the second report.',
      },
      async (ctx) => {
        const { station, config } = ctx;
        const evseId = config.ids.evseId;
        const details = (ask: Ask) => ({
          monitoringCriteria: ask.criteria,
          componentVariables: ask.pairs?.map((x) => ({
            component: x.component,
            variable: x.variable,
            evseId: x.evse ? evseId : undefined,
          })),
        });
        const describe = (ask: Ask) =>
          [ask.criteria?.join(' + '), ask.pairs?.map((x) => `${x.component}${x.evse ? ` ${evseId}` : ''}.${x.variable}`).join(', ')]
            .filter(Boolean)
            .join(' for ');
        const expectReport = async (ask: Ask) => {
          const req = await operatorSends(
            ctx,
            'GetMonitoringReport',
            details(ask),
            `Make the CSMS request a monitoring report of ${describe(ask)}`,
            'N02.FR.05',
          );
          checkAsk(req.payload, ask, evseId);
          return req;
        };
        await ctx.given('Booted');

        ctx.step(`The operator asks for a monitoring report of ${describe(first)}; no monitor matches`);
        await station.reply(await expectReport(first), { status: 'EmptyResultSet' });

        ctx.step(`The operator asks for a monitoring report of ${describe(second)}; the station accepts`);
        const req = await expectReport(second);
        await station.reply(req, { status: 'Accepted' });

        ctx.step('The station reports the matching monitors; the CSMS answers');
        await station.call(
          'NotifyMonitoringReport',
          {
            requestId: req.payload.requestId,
            seqNo: 0,
            generatedAt: ctx.nowIso(),
            monitor: (second.pairs ?? [CS_POWER]).map((x, i) => ({
              component: x.evse ? { name: x.component, evse: { id: evseId } } : { name: x.component },
              variable: { name: x.variable },
              variableMonitoring: [{ id: 10 + i, transaction: false, value: 1, type: 'Delta' as const, severity: 5 }],
            })),
          },
          { requirement: 'N02.FR.09' },
        );
      },
    ),
);

/** The request names exactly the criteria and pairs asked for, in any order; absent ones are left out. */
function checkAsk(p: RequestOf<'2.0.1', 'GetMonitoringReport'>, ask: Ask, evseId: number): void {
  const criteria = [...(p.monitoringCriteria ?? [])].sort().join(', ');
  const wanted = [...(ask.criteria ?? [])].sort().join(', ');
  check(criteria === wanted, 'N02.FR.05', `monitoringCriteria ${wanted || 'omitted'}`, criteria || 'omitted');
  const pairs = (p.componentVariable ?? [])
    .map((cv) => `${cv.component.name}${cv.component.evse ? ` ${cv.component.evse.id}` : ''}.${cv.variable?.name ?? '*'}`)
    .sort()
    .join(', ');
  const expected = (ask.pairs ?? [])
    .map((x) => `${x.component}${x.evse ? ` ${evseId}` : ''}.${x.variable}`)
    .sort()
    .join(', ');
  check(pairs === expected, 'N02.FR.05', `componentVariable ${expected || 'omitted'}`, pairs || 'omitted');
}
