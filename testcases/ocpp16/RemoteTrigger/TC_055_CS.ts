import { check, defineCase } from '../../../src/dsl.js';
import { readConfigValue } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_055_CS',
    title: 'Trigger Message - Rejected',
    ocpp: '1.6',
    sut: 'cs',
    block: 'RemoteTrigger',
    profiles: ['RemoteTrigger'],
    features: ['RemoteTrigger'],
    requirements: ['OCPP16-5.17.1', 'OCPP16-5.17'],
    purpose:
      'A TriggerMessage that names a connector the charge point does not have is answered Rejected, and the requested message is not sent.',
    fault: 'trigger-unknown-connector-accepted',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('Booted');
    const n = Number.parseInt((await readConfigValue(ctx, 'NumberOfConnectors')) ?? '', 10);
    if (!Number.isInteger(n) || n < 1) ctx.inconclusive('NumberOfConnectors could not be read, so no connector id is known to be absent');
    const absent = n + 1;

    ctx.step(`The harness triggers MeterValues for connector ${absent}, which the charge point does not have: it answers Rejected`);
    const before = csms.receivedCalls('MeterValues').length;
    const res = await csms.call(
      'TriggerMessage',
      { requestedMessage: 'MeterValues', connectorId: absent },
      { requirement: 'OCPP16-5.17.1' },
    );
    ctx.expectOneOf(res.status, ['Rejected'], 'OCPP16-5.17.1', 'TriggerMessage.conf status');

    ctx.step('No triggered MeterValues follow');
    // Counted from before the TriggerMessage: a message sent right after the answer counts too.
    await csms.wait(config.timeouts.silenceMs);
    const triggered = csms
      .receivedCalls('MeterValues')
      .slice(before)
      .filter((c) => c.payload.connectorId === absent || JSON.stringify(c.payload).includes('"Trigger"'));
    check(
      triggered.length === 0,
      'OCPP16-5.17.1',
      'no MeterValues sent for the rejected trigger',
      triggered.map((c) => c.payload),
    );
  },
);
