import { check, defineCase } from '../../../src/dsl.js';
import { checkNothingSince, mark } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_B_02_CS',
    title: 'Cold Boot Charging Station - Pending',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'B',
    requirements: ['B02.FR.01', 'B02.FR.02', 'B02.FR.03', 'B01.FR.05'],
    purpose:
      'A station whose registration is left Pending keeps quiet apart from answering the CSMS, retries its BootNotification once the given interval has passed, and reports its connectors only after it is accepted.',
    fault: 'pending-sends-status',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    const intervalMs = ctx.waits.bootRetry;
    if (csms.booted) await ctx.manual('reboot', {}, 'Power-cycle the charging station so that it boots again.');

    ctx.step('The station connects and sends BootNotification');
    const boot = await csms.expectCall('BootNotification', { within: ctx.waits.reconnect, requirement: 'B02.FR.03' });

    ctx.step('The harness answers Pending with the configured retry interval');
    const since = mark(csms);
    await csms.reply(boot, { currentTime: ctx.nowIso(), interval: config.timeouts.bootRetryIntervalS, status: 'Pending' });

    ctx.step('While Pending, the harness reads a variable; the station answers it');
    const res = await csms.call(
      'GetVariables',
      { getVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } }] },
      { requirement: 'B02.FR.02' },
    );
    check(Array.isArray(res.getVariableResult) && res.getVariableResult.length === 1, 'B02.FR.02', 'one GetVariables result', res);

    ctx.step('The station sends no other request while its registration is Pending');
    await csms.wait(Math.min(config.timeouts.silenceMs, intervalMs / 2));
    checkNothingSince(ctx, since, ['BootNotification'], 'B02.FR.01', 'no request other than BootNotification while Pending');

    ctx.step('After the interval the station sends BootNotification again; the harness accepts it');
    const retry = await csms.expectCall('BootNotification', { within: intervalMs + config.timeouts.messageMs, requirement: 'B02.FR.03' });
    await csms.reply(retry, { currentTime: ctx.nowIso(), interval: config.timeouts.heartbeatIntervalS, status: 'Accepted' });
    await ctx.given('Booted');

    ctx.step('Now accepted, the station reports its connectors');
    // Each connector is reported, in an order the station chooses (B01.FR.05): wait for the configured one.
    await csms.expectCall('StatusNotification', {
      where: (p) => p.evseId === config.ids.evseId,
      whereText: `evseId ${config.ids.evseId}`,
      requirement: 'B01.FR.05',
    });
  },
);
