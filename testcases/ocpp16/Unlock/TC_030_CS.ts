import { defineCase } from '../../../src/dsl.js';

export default defineCase(
  {
    id: 'TC_030_CS',
    title: 'Unlock Connector - Unlock Failure',
    ocpp: '1.6',
    sut: 'cs',
    block: 'Unlock',
    requirements: ['OCPP16-5.18'],
    purpose:
      'When the connector lock cannot be opened, the charge point answers the central system’s UnlockConnector with UnlockFailed rather than claiming success.',
    fault: 'unlock-failure-reported-unlocked',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    const connectorId = config.ids.connectorId;
    await ctx.given('Booted');

    ctx.step(`The lock of connector ${connectorId} is jammed so that it cannot open`);
    await ctx.manual(
      'unlockFailure',
      { connectorId },
      `Make the lock of connector ${connectorId} unable to open (block or disconnect its actuator) for the next unlock attempt.`,
    );

    ctx.step(`The harness sends UnlockConnector for connector ${connectorId}`);
    const res = await csms.call('UnlockConnector', { connectorId }, { requirement: 'OCPP16-5.18' });

    ctx.step('The charge point reports that the unlock failed');
    ctx.expectOneOf(res.status, ['UnlockFailed'], 'OCPP16-5.18', 'UnlockConnector.conf status');
  },
);
