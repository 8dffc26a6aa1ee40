import { defineCase } from '../../../src/dsl.js';
import { expectNoResend, operatorSends } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_N_34_CSMS',
    title: 'Retrieve Log Information - Rejected',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'N',
    profiles: ['Core'],
    requirements: ['N01.FR.01', 'N01.FR.06'],
    purpose:
      'When a station rejects a request for its diagnostics log, the CSMS takes the refusal as final and does not repeat the request on its own.',
    fault: 'getlog-rejected-resent',
  },
  async (ctx) => {
    await ctx.given('Booted');

    ctx.step("The operator makes the CSMS ask for the station's diagnostics log");
    const req = await operatorSends(
      ctx,
      'GetLog',
      { logType: 'DiagnosticsLog' },
      'Make the CSMS request the DiagnosticsLog of the station',
      'N01.FR.01',
    );

    ctx.step('The station rejects the request; the CSMS does not send it again');
    await ctx.station.reply(req, { status: 'Rejected' });
    await expectNoResend(ctx, 'GetLog', 'N01.FR.06');
  },
);
