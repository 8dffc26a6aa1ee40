import { defineCase } from '../../../src/dsl.js';
import { readConfigValue } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_031_CS',
    title: 'Unlock Connector - Unknown Connector',
    ocpp: '1.6',
    sut: 'cs',
    block: 'Unlock',
    requirements: ['OCPP16-5.18', 'OCPP16-5.8'],
    purpose: 'UnlockConnector for a connector number the charge point does not have is answered NotSupported.',
    fault: 'unlock-unknown-connector-unlocked',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('Booted');

    ctx.step('The harness reads NumberOfConnectors to pick a connector number the charge point does not have');
    const count = Number.parseInt((await readConfigValue(ctx, 'NumberOfConnectors')) ?? '', 10);
    const unknown = Number.isInteger(count) && count > 0 ? count + 1 : config.ids.connectorId + 8;

    ctx.step(`The harness sends UnlockConnector for connector ${unknown}`);
    const res = await csms.call('UnlockConnector', { connectorId: unknown }, { requirement: 'OCPP16-5.18' });
    ctx.expectOneOf(res.status, ['NotSupported'], 'OCPP16-5.18', `UnlockConnector.conf status for the unknown connector ${unknown}`);
  },
);
