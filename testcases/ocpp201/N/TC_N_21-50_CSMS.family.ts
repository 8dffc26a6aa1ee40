import { defineCase, defineCaseFamily, type RequestOf } from '../../../src/dsl.js';
import { bootPayload, connectorStatus } from '../../../src/kit/index.js';

type EventData = RequestOf<'2.0.1', 'NotifyEvent'>['eventData'][number];

/**
 * Events a station raises on its own (N07 alerts, N08 periodic reports): the CSMS answers each
 * NotifyEventRequest with an empty NotifyEventResponse. `times`: how often the station reports.
 */
export default defineCaseFamily(
  [
    {
      id: 'TC_N_21_CSMS',
      title: 'Alert Event - HardWiredMonitor',
      event: { trigger: 'Alerting', actualValue: 'Faulted', eventNotificationType: 'HardWiredMonitor' },
      times: 1,
      afterReboot: false,
      fault: 'notifyevent-hardwired-error',
    },
    {
      id: 'TC_N_24_CSMS',
      title: 'Set Variable Monitoring - Periodic event',
      event: { trigger: 'Periodic', actualValue: 'Available', eventNotificationType: 'CustomMonitor', variableMonitoringId: 31 },
      times: 3,
      afterReboot: false,
      fault: 'notifyevent-repeat-dropped',
    },
    {
      id: 'TC_N_48_CSMS',
      title: 'Alert Event - Variable monitoring on write only',
      event: { trigger: 'Delta', actualValue: '', eventNotificationType: 'CustomMonitor', variableMonitoringId: 32 },
      times: 1,
      afterReboot: false,
      fault: 'notifyevent-empty-value-error',
    },
    {
      id: 'TC_N_49_CSMS',
      title: 'Alert Event - LowerThreshold/UpperThreshold cleared after reboot',
      event: { trigger: 'Alerting', actualValue: '0', eventNotificationType: 'CustomMonitor', variableMonitoringId: 34, cleared: true },
      times: 1,
      afterReboot: true,
      fault: 'notifyevent-cleared-error',
    },
    {
      id: 'TC_N_50_CSMS',
      title: 'Alert Event - Periodic Triggered',
      event: { trigger: 'Periodic', actualValue: 'Available', eventNotificationType: 'CustomMonitor', variableMonitoringId: 33 },
      times: 1,
      afterReboot: false,
      fault: 'notifyevent-periodic-error',
    },
  ] as const,
  ({ event, times, afterReboot, ...row }) =>
    defineCase(
      {
        ...row,
        ocpp: '2.0.1',
        sut: 'csms',
        block: 'N',
        profiles: ['Advanced Device Management'],
        features: ['AdvancedDeviceManagement'],
        requirements: [event.trigger === 'Periodic' ? 'N08.FR.02' : 'N07.FR.03'],
        purpose: `The station ${afterReboot ? 'restarts and ' : ''}sends ${times > 1 ? `${times} NotifyEventRequests` : 'a NotifyEventRequest'} (trigger ${event.trigger}, ${event.eventNotificationType}${'cleared' in event ? ', cleared' : ''}${event.actualValue === '' ? ', empty actualValue of a write-only variable' : ''}); the CSMS answers each with an empty NotifyEventResponse.`,
      },
      async (ctx) => {
        const { station, config } = ctx;
        const requirement = event.trigger === 'Periodic' ? 'N08.FR.02' : 'N07.FR.03';
        // A write-only variable reports no value, a threshold monitor watches the EVSE's power, the others its availability.
        const target = afterReboot
          ? { component: { name: 'EVSE', evse: { id: config.ids.evseId } }, variable: { name: 'Power' } }
          : event.actualValue === ''
            ? { component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' } }
            : { component: { name: 'EVSE', evse: { id: config.ids.evseId } }, variable: { name: 'AvailabilityState' } };
        await ctx.given('Booted');
        if (afterReboot) {
          ctx.step('The station reboots (an alerting threshold monitor is cleared by the restart) and is accepted again');
          station.close(1000, 'rebooting');
          await station.connect({ requirement });
          await station.call('BootNotification', bootPayload(), { requirement });
          await connectorStatus(ctx, 'Available');
        }

        for (let i = 0; i < times; i++) {
          ctx.step(`The station reports event ${i + 1} of ${times}; the CSMS answers`);
          const eventData: EventData = { ...event, ...target, eventId: 100 + i, timestamp: ctx.nowIso() };
          const res = await station.call('NotifyEvent', { generatedAt: ctx.nowIso(), seqNo: 0, eventData: [eventData] }, { requirement });
          ctx.expectOneOf(
            Object.keys(res)
              .filter((k) => k !== 'customData')
              .join(','),
            [''],
            requirement,
            'NotifyEventResponse fields',
          );
        }
      },
    ),
);
