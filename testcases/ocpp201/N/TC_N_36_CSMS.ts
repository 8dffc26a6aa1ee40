import { defineCase } from '../../../src/dsl.js';
import { operatorSends } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_N_36_CSMS',
    title: 'Retrieve Log Information - Second Request',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'N',
    profiles: ['Core'],
    requirements: ['N01.FR.01', 'N01.FR.02'],
    purpose:
      'While a first log upload is running, the operator asks for a log again: the station cancels the first upload (AcceptedCanceled) and serves the second; the CSMS answers every status notification of both requests.',
    fault: 'logstatus-canceled-error',
  },
  async (ctx) => {
    const { station } = ctx;
    const instruction = 'Make the CSMS request the DiagnosticsLog of the station';
    await ctx.given('Booted');

    ctx.step('The operator asks for the diagnostics log; the station accepts and starts uploading');
    const first = await operatorSends(ctx, 'GetLog', { logType: 'DiagnosticsLog' }, instruction, 'N01.FR.01');
    await station.reply(first, { status: 'Accepted', filename: 'diagnostics-1.log' });
    await station.call('LogStatusNotification', { status: 'Uploading', requestId: first.payload.requestId }, { requirement: 'N01.FR.02' });

    ctx.step('The operator asks again while the upload runs; the station cancels the first one');
    // The requestId of the second request is the CSMS's choice (the station tells the two apart by its own bookkeeping).
    const second = await operatorSends(ctx, 'GetLog', { logType: 'DiagnosticsLog' }, instruction, 'N01.FR.01');
    await station.reply(second, { status: 'AcceptedCanceled', filename: 'diagnostics-2.log' });

    ctx.step('The station reports the first request canceled and the second uploaded; the CSMS answers each');
    await station.call(
      'LogStatusNotification',
      { status: 'AcceptedCanceled', requestId: first.payload.requestId },
      { requirement: 'N01.FR.02' },
    );
    await station.call('LogStatusNotification', { status: 'Uploading', requestId: second.payload.requestId }, { requirement: 'N01.FR.02' });
    await station.call('LogStatusNotification', { status: 'Uploaded', requestId: second.payload.requestId }, { requirement: 'N01.FR.02' });
  },
);
