import { defineCase } from '../../../src/dsl.js';

export default defineCase(
  {
    id: 'TC_G_20_CSMS',
    title: 'Connector status Notification - Lock Failure',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'G',
    requirements: ['G05.FR.03'],
    purpose:
      'When the connector cannot be locked after plug-in, the station reports it with NotifyEventRequest (component ConnectorPlugRetentionLock, variable Problem, value true); the CSMS answers it.',
    fault: 'notifyevent-problem-refused',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const { evseId, connectorId } = config.ids;

    ctx.step('The station is booted and idle');
    await ctx.given('Booted');

    ctx.step('The EV is plugged in but the connector lock fails: the station reports the problem; the CSMS answers');
    await station.call(
      'NotifyEvent',
      {
        generatedAt: ctx.nowIso(),
        seqNo: 0,
        eventData: [
          {
            eventId: 1,
            timestamp: ctx.nowIso(),
            trigger: 'Delta',
            actualValue: 'true',
            eventNotificationType: 'HardWiredNotification',
            component: { name: 'ConnectorPlugRetentionLock', evse: { id: evseId, connectorId } },
            variable: { name: 'Problem' },
          },
        ],
      },
      { requirement: 'G05.FR.03' },
    );
  },
);
