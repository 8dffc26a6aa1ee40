import { defineCase, type Payload, serializeCall } from '../../../../src/dsl.js';
import { fenceCall } from '../../../../src/kit/index.js';

export default defineCase(
  {
    id: 'SEC16_RPC_10_CSMS',
    title: 'Crossing and pipelined CALLs: answered and correlated, no deadlock',
    ocpp: '1.6',
    sut: 'csms',
    block: 'RPC',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-RPC-10',
    severity: 'medium',
    cwe: 'CWE-833',
    requirements: ['OCPPJ16-4.1.1', 'OCPPJ16-4.1.4'],
    purpose:
      'The central system sends GetConfiguration and the harness holds the answer back; meanwhile the harness charge point sends a Heartbeat, which the central system must answer (crossing CALLs are legal). Then three CALLs (Heartbeat, Authorize, StatusNotification) are sent back to back without waiting; each answer must carry its own message id and the content of its own action.',
    hint: 'Process inbound CALLs independently of your own outstanding CALL to that charge point, and correlate every answer by message id; a slow or silent charge point must not stall its own inbound traffic.',
    fault: 'cs-deadlocks-on-crossing-call',
  },
  async (ctx) => {
    const { station, config } = ctx;
    await ctx.given('Booted');
    const conn = station.connection!;

    ctx.step('The operator makes the central system send GetConfiguration; the harness does not answer yet');
    await ctx.manual('csmsSend', { message: 'GetConfiguration', stationId: config.stationId, key: ['HeartbeatInterval'] }, 'Make the central system send GetConfiguration for HeartbeatInterval to the charge point.');
    const get = await station.expectCall('GetConfiguration', { requirement: 'OCPPJ16-4.1.1' });

    ctx.step('While its GetConfiguration is unanswered, the central system answers a Heartbeat from the charge point');
    await fenceCall(ctx, station, get.conn, 'Heartbeat', {}, 'OCPPJ16-4.1.1', true);
    await station.reply(get, { configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: String(config.timeouts.heartbeatIntervalS) }] });

    ctx.step('Heartbeat, Authorize and StatusNotification are sent back to back; each answer fits its own request');
    const [h, a, s] = [ctx.ids.next(), ctx.ids.next(), ctx.ids.next()];
    await conn.send(serializeCall(h, 'Heartbeat', {}));
    await conn.send(serializeCall(a, 'Authorize', { idTag: config.ids.validIdToken.idToken }));
    await conn.send(serializeCall(s, 'StatusNotification', { connectorId: config.ids.connectorId, errorCode: 'NoError', status: 'Available', timestamp: ctx.nowIso() }));
    const [rh, ra, rs] = await Promise.all(
      [
        [h, 'Heartbeat'],
        [a, 'Authorize'],
        [s, 'StatusNotification'],
      ].map(([id, what]) => station.awaitResponse(id, what, conn, { requirement: 'OCPPJ16-4.1.4' })),
    );
    const has = (r: typeof rh, key: string) => r.kind === 'result' && (r.payload as Payload)[key] !== undefined;
    ctx.check(has(rh, 'currentTime') && !has(rh, 'idTagInfo'), 'OCPPJ16-4.1.4', 'the Heartbeat id is answered with a currentTime', rh);
    ctx.check(has(ra, 'idTagInfo') && !has(ra, 'currentTime'), 'OCPPJ16-4.1.4', 'the Authorize id is answered with an idTagInfo', ra);
    ctx.check(rs.kind === 'result' && !has(rs, 'idTagInfo') && !has(rs, 'currentTime'), 'OCPPJ16-4.1.4', 'the StatusNotification id is answered with an empty result', rs);
  },
);
