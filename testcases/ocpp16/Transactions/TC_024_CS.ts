import { defineCase } from '../../../src/dsl.js';
import { remoteStartFirst16, session16, statusOf } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_024_CS',
    title: 'Start Charging Session - Lock Failure',
    ocpp: '1.6',
    sut: 'cs',
    block: 'Transactions',
    requirements: ['OCPP16-7.6', 'OCPP16-5.11', 'OCPP16-4.9'],
    purpose:
      'A remote start is accepted, then the cable goes in but the connector lock fails to close: the charge point reports the connector Faulted with errorCode ConnectorLockFailure and starts no transaction.',
    fault: 'lock-failure-ignored',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    const connectorId = config.ids.connectorId;
    await ctx.given('Booted');
    await remoteStartFirst16(ctx);

    ctx.step('The EV cable is plugged in but the connector lock fails to lock it');
    await ctx.manual(
      'cableLockFailure',
      { connectorId },
      `Plug the EV cable into connector ${connectorId} while making its lock fail to close (block or disconnect the lock actuator).`,
    );
    // The cable is in: the post-condition (Idle) unplugs it.
    session16(ctx).plugged = true;

    ctx.step('The charge point reports the connector Faulted with errorCode ConnectorLockFailure');
    const faulted = await csms.expectCall('StatusNotification', { ...statusOf(connectorId, 'Faulted'), requirement: 'OCPP16-7.6' });
    ctx.expectOneOf(faulted.payload.errorCode, ['ConnectorLockFailure'], 'OCPP16-7.6', 'StatusNotification.errorCode');

    ctx.step('No transaction is started on the connector that could not be locked');
    await csms.expectNoCall('StartTransaction', { within: config.timeouts.silenceMs, requirement: 'OCPP16-7.6' });

    ctx.step('The cable is unplugged; the fault clears and the connector returns to Available');
    await ctx.given('Idle');
  },
);
