import { defineCase, type RequestOf } from '../../../src/dsl.js';
import { statusOf } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_054_CS',
    title: 'Trigger Message',
    ocpp: '1.6',
    sut: 'cs',
    block: 'RemoteTrigger',
    profiles: ['RemoteTrigger'],
    requirements: ['OCPP16-5.17'],
    purpose:
      'On TriggerMessage the charge point accepts each message type it can send and then sends that message (for the named connector where one is given).',
    features: ['RemoteTrigger'],
    fault: 'trigger-status-not-sent',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    const connectorId = config.ids.connectorId;
    await ctx.given('Booted');

    const trigger = async (requestedMessage: RequestOf<'1.6', 'TriggerMessage'>['requestedMessage'], withConnector: boolean) => {
      const payload = withConnector ? { requestedMessage, connectorId } : { requestedMessage };
      const res = await csms.call('TriggerMessage', payload, { requirement: 'OCPP16-5.17' });
      ctx.expectOneOf(res.status, ['Accepted'], 'OCPP16-5.17', `TriggerMessage.conf status for ${requestedMessage}`);
    };

    ctx.step(`The harness triggers MeterValues for connector ${connectorId}; the charge point sends them`);
    await trigger('MeterValues', true);
    await csms.expectCall('MeterValues', {
      where: (p) => p.connectorId === connectorId,
      whereText: `connectorId = ${connectorId}`,
      requirement: 'OCPP16-5.17',
    });

    ctx.step('The harness triggers Heartbeat; the charge point sends one');
    await trigger('Heartbeat', false);
    await csms.expectCall('Heartbeat', { requirement: 'OCPP16-5.17' });

    ctx.step(`The harness triggers StatusNotification for connector ${connectorId}; the charge point sends it`);
    await trigger('StatusNotification', true);
    await csms.expectCall('StatusNotification', { ...statusOf(connectorId), requirement: 'OCPP16-5.17' });

    ctx.step('The harness triggers DiagnosticsStatusNotification; the charge point sends it');
    await trigger('DiagnosticsStatusNotification', false);
    await csms.expectCall('DiagnosticsStatusNotification', { requirement: 'OCPP16-5.17' });

    ctx.step('The harness triggers FirmwareStatusNotification; the charge point sends it');
    await trigger('FirmwareStatusNotification', false);
    await csms.expectCall('FirmwareStatusNotification', { requirement: 'OCPP16-5.17' });

    ctx.step('The harness triggers BootNotification; the charge point sends it and the harness accepts it');
    await trigger('BootNotification', false);
    const boot = await csms.expectCall('BootNotification', { requirement: 'OCPP16-5.17' });
    await csms.reply(boot, { currentTime: ctx.nowIso(), interval: config.timeouts.heartbeatIntervalS, status: 'Accepted' });
  },
);
