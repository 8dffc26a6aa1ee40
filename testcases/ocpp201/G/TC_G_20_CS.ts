import { check, defineCase } from '../../../src/dsl.js';
import { cable201, expectAfter, mark } from '../../../src/kit/index.js';

type EventDatum = { component?: { name?: string }; variable?: { name?: string }; actualValue?: string };

export default defineCase(
  {
    id: 'TC_G_20_CS',
    title: 'Connector status Notification - Lock Failure',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'G',
    requirements: ['G05.FR.02'],
    purpose:
      'When the connector lock fails to lock a plugged-in cable, the station reports the problem with a NotifyEvent for ConnectorPlugRetentionLock, variable Problem, value true.',
    fault: 'lock-failure-not-reported',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    const { evseId, connectorId } = config.ids;
    await ctx.given('Booted');

    ctx.step('The EV cable is plugged in and the connector lock fails to lock it');
    const since = mark(csms);
    await ctx.manual(
      'cableLockFailure',
      { evseId, connectorId },
      'Plug the EV cable into the configured connector while making the connector lock fail (e.g. block or disconnect the lock actuator).',
    );
    // The cable is in: the post-condition unplugs it.
    cable201(ctx).plugged = true;

    ctx.step('The station reports the lock problem with NotifyEvent (ConnectorPlugRetentionLock, Problem, true)');
    // Other events may come first (the connector status as a NotifyEvent, say): the one about the lock is awaited.
    const lockProblem = (d: EventDatum) => d.component?.name === 'ConnectorPlugRetentionLock' && d.variable?.name === 'Problem';
    const event = await expectAfter(csms, since, 'NotifyEvent', {
      where: (p) => (p.eventData as EventDatum[]).some(lockProblem),
      whereText: 'eventData about ConnectorPlugRetentionLock.Problem',
      within: config.timeouts.messageMs * 2,
      requirement: 'G05.FR.02',
    });
    const datum = (event.payload.eventData as EventDatum[]).find(lockProblem);
    check(datum?.actualValue?.toLowerCase() === 'true', 'G05.FR.02', 'actualValue true', datum?.actualValue);
  },
);
