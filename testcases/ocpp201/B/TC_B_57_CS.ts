import { check, defineCase } from '../../../src/dsl.js';
import { backOnline, goOffline } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_B_57_CS',
    title: 'Network Reconnection - After connection loss',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'B',
    requirements: ['OCPPJ20-5.3', 'B06.FR.01'],
    purpose:
      'A station whose connection is lost, and whose first attempts to reconnect are refused, keeps trying and connects again once the CSMS is reachable; the new session is served as before.',
    fault: 'lost-connection-not-restored',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('Booted');

    ctx.step('The connection is lost and the CSMS refuses new connections for a while');
    await goOffline(ctx);
    await csms.wait(config.timeouts.silenceMs);

    ctx.step('The CSMS accepts connections again; the station reconnects by itself');
    const online = await backOnline(ctx);
    // Registering again is allowed (and answered Accepted); a station that was not rebooted need not.
    if (online.bootedAgain()) ctx.note('the station sent BootNotification on the new connection');

    ctx.step('The new session is served: the station answers GetVariables');
    const res = await csms.call(
      'GetVariables',
      { getVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } }] },
      { requirement: 'B06.FR.01' },
    );
    check(res.getVariableResult.length === 1, 'B06.FR.01', 'one getVariableResult', res.getVariableResult);
  },
);
