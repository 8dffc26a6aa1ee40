import { defineCase, CaseFailure, type Payload, type ReceivedCall, serializeError, serializeResult } from '../../../../src/dsl.js';
import { closedText, fenceCall } from '../../../../src/kit/index.js';

export default defineCase(
  {
    id: 'SEC16_RPC_11_CSMS',
    title: 'Malformed answers to the central system\'s own CALLs do not break it',
    ocpp: '1.6',
    sut: 'csms',
    block: 'RPC',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-RPC-11',
    severity: 'medium',
    cwe: 'CWE-20',
    requirements: ['OCPPJ16-4.2.2', 'OCPPJ16-4.2.3'],
    purpose:
      'The operator makes the central system send GetConfiguration, ChangeConfiguration, TriggerMessage and GetConfiguration again; the harness charge point answers them badly: configurationKey as a string, a CALLERROR with an unknown code and a 300-character description, a CALLERROR whose details are not an object, a CALLRESULT without its payload element. After each, the central system keeps serving the same connection (it answers a Heartbeat).',
    hint: 'Validate responses like requests: a schema-violating CALLRESULT or a malformed CALLERROR marks that one call as failed (log it, maybe retry); it must not throw out of the connection handler or disconnect the charge point.',
    fault: 'cs-crash-on-malformed-callresult',
  },
  async (ctx) => {
    const { station, config } = ctx;
    await ctx.given('Booted');
    const conn = station.connection!;
    const ask = async (message: string, details: Payload, instruction: string): Promise<ReceivedCall> => {
      if (!conn.isOpen) throw new CaseFailure('OCPPJ16-4.2.2', ['the connection stays open after the malformed answers'], closedText(conn));
      await ctx.manual('csmsSend', { message, stationId: config.stationId, ...details }, instruction);
      const call = await station.expectCall(message, { requirement: 'OCPPJ16-4.2.2', schema: false });
      call.answered = true;
      return call;
    };
    const answerBadly = async (call: ReceivedCall, frame: string, what: string) => {
      await call.conn.send(frame);
      await station.wait(50);
      try {
        if (!conn.isOpen) throw new CaseFailure('OCPPJ16-4.2.2', [`the connection stays open after ${what}`], closedText(conn));
        await fenceCall(ctx, station, conn, 'Heartbeat', {}, 'OCPPJ16-4.2.2');
      } catch (err) {
        ctx.evidence(frame);
        throw err;
      }
    };

    ctx.step('GetConfiguration is answered with configurationKey as a string; the central system keeps the session');
    const get = await ask('GetConfiguration', { key: ['HeartbeatInterval'] }, 'Make the central system send GetConfiguration for HeartbeatInterval.');
    await answerBadly(get, serializeResult(get.messageId, { configurationKey: 'HeartbeatInterval=1' }), 'a GetConfiguration result violating its schema');

    ctx.step('ChangeConfiguration is answered with a CALLERROR carrying an unknown code and a 300-character description');
    const change = await ask('ChangeConfiguration', { key: 'HeartbeatInterval', value: String(config.timeouts.heartbeatIntervalS) }, 'Make the central system set HeartbeatInterval on the charge point.');
    await answerBadly(change, serializeError(change.messageId, 'OcppHarnessNoSuchCode', 'x'.repeat(300), {}), 'a CALLERROR with an unknown code');

    ctx.step('TriggerMessage is answered with a CALLERROR whose details are not an object, then properly');
    const trig = await ask('TriggerMessage', { requestedMessage: 'StatusNotification' }, 'Make the central system trigger a StatusNotification.');
    await answerBadly(trig, JSON.stringify([4, trig.messageId, 'GenericError', 'bad details', 'not-an-object']), 'a CALLERROR with non-object details');
    await trig.conn.send(serializeResult(trig.messageId, { status: 'Rejected' }));

    ctx.step('GetConfiguration is answered with a CALLRESULT lacking its payload element, then properly');
    const get2 = await ask('GetConfiguration', { key: ['HeartbeatInterval'] }, 'Make the central system send GetConfiguration for HeartbeatInterval again.');
    await answerBadly(get2, JSON.stringify([3, get2.messageId]), 'a CALLRESULT with two elements');
    await get2.conn.send(serializeResult(get2.messageId, { configurationKey: [] }));
  },
);
