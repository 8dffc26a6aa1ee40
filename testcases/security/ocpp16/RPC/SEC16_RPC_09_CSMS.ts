import { defineCase, serializeError, serializeResult } from '../../../../src/dsl.js';
import { FRAMING_CODES_16, judgeNotExecuted, sendProbes, type Probe } from '../../../../src/kit/index.js';

export default defineCase(
  {
    id: 'SEC16_RPC_09_CSMS',
    title: 'Unsolicited CALLRESULT / CALLERROR frames are ignored by the central system',
    ocpp: '1.6',
    sut: 'csms',
    block: 'RPC',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-RPC-09',
    severity: 'medium',
    cwe: 'CWE-345',
    requirements: ['OCPPJ16-4.2.2', 'OCPPJ16-4.2.3'],
    purpose:
      'After the central system sent a GetConfiguration and got its answer, the harness charge point sends results nobody is waiting for: a second, different answer to that GetConfiguration, a CALLRESULT and a CALLERROR for ids never used, a CALLRESULT reflecting the id of the charge point\'s own Heartbeat, and a CALLERROR with id "-1". The central system correlates by message id, ignores all of them (it never answers a result with a CALLRESULT) and keeps serving the session.',
    hint: 'Match inbound CALLRESULT/CALLERROR frames to your outstanding CALLs by message id; drop anything that matches none, including ids already answered, without throwing or closing the connection.',
    fault: 'cs-crash-on-unsolicited-result',
  },
  async (ctx) => {
    const { station, config } = ctx;
    await ctx.given('Booted');

    ctx.step('The operator makes the central system send GetConfiguration; the harness answers it');
    await ctx.manual('csmsSend', { message: 'GetConfiguration', stationId: config.stationId, key: ['HeartbeatInterval'] }, 'Make the central system send GetConfiguration for HeartbeatInterval to the charge point.');
    const get = await station.expectCall('GetConfiguration', { requirement: 'OCPPJ16-4.2.2' });
    await station.reply(get, { configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: String(config.timeouts.heartbeatIntervalS) }] });

    ctx.step('The harness sends its own Heartbeat, then five unsolicited results, then another Heartbeat');
    const heartbeatId = ctx.ids.next();
    await station.call('Heartbeat', {}, { messageId: heartbeatId, requirement: 'OCPPJ16-4.2.2' });
    const [u1, u2] = [ctx.ids.next(), ctx.ids.next()];
    const probes: Probe[] = [
      { label: 'a second answer to the answered GetConfiguration', text: serializeResult(get.messageId, { configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '1' }] }), id: get.messageId },
      { label: 'a CALLRESULT for an unknown id', text: serializeResult(u1, { status: 'Accepted' }), id: u1 },
      { label: 'a CALLERROR for an unknown id', text: serializeError(u2, 'GenericError', 'unsolicited', {}), id: u2 },
      { label: 'a CALLRESULT reflecting the charge point\'s own Heartbeat id', text: serializeResult(heartbeatId, { currentTime: ctx.nowIso() }), id: heartbeatId },
      { label: 'a CALLERROR with id "-1"', text: serializeError('-1', 'GenericError', 'unsolicited', {}) },
    ];
    const sent = await sendProbes(ctx, station, probes, { action: 'Heartbeat', payload: {} }, 'OCPPJ16-4.2.2');

    ctx.step('None of them was answered with a CALLRESULT');
    judgeNotExecuted(ctx, sent, 'OCPPJ16-4.2.2', FRAMING_CODES_16, 'OCPPJ16-4.2.3');
  },
);
