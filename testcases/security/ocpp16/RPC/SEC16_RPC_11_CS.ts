import { defineCase, CaseFailure, type Payload, type ReceivedCall, serializeError, serializeResult } from '../../../../src/dsl.js';
import { closedText, fenceCall, readConfigValue } from '../../../../src/kit/index.js';

export default defineCase(
  {
    id: 'SEC16_RPC_11_CS',
    title: 'Malformed answers to the charge point\'s own CALLs do not break it',
    ocpp: '1.6',
    sut: 'cs',
    block: 'RPC',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-RPC-11',
    severity: 'medium',
    cwe: 'CWE-20',
    requirements: ['OCPPJ16-4.2.2', 'OCPPJ16-4.2.3', 'OCPP16-4.2'],
    purpose:
      'The harness triggers CALLs from the charge point and answers them badly: a Heartbeat result whose currentTime is not a date, a CALLERROR with an unknown code and a 300-character description, a BootNotification result with interval -1, and a CALLRESULT missing its payload element. After each, the charge point still answers on the same connection; it does not adopt the negative interval (no Heartbeat flood, HeartbeatInterval not -1).',
    hint: 'Validate responses as strictly as requests: treat a schema-violating CALLRESULT or an unknown CALLERROR code as a failed call (retry or give up), bound description lengths, and ignore out-of-range values such as a negative interval instead of applying them.',
    fault: 'cp-drops-session-on-malformed-callresult',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('Booted');
    const conn = csms.connection!;
    const triggered = async (message: 'StatusNotification' | 'Heartbeat' | 'BootNotification' | 'MeterValues' | 'DiagnosticsStatusNotification' | 'FirmwareStatusNotification'): Promise<ReceivedCall | undefined> => {
      if (!conn.isOpen) throw new CaseFailure('OCPPJ16-4.2.2', ['the connection stays open after the malformed answers'], closedText(conn));
      csms.stopResponding(message);
      const last = csms.receivedCalls(message).at(-1);
      const res = await csms.call('TriggerMessage', { requestedMessage: message }, { requirement: 'OCPPJ16-4.2.2' });
      if (res.status !== 'Accepted') {
        ctx.note(`TriggerMessage ${message} answered ${res.status}; that probe is skipped`);
        return undefined;
      }
      const call = await csms.expectCall(message, { after: last, requirement: 'OCPPJ16-4.2.2', schema: false });
      call.answered = true;
      return call;
    };
    const answerBadly = async (call: ReceivedCall, frame: string, what: string) => {
      await call.conn.send(frame);
      // Give the charge point a moment to process the answer before probing the session.
      await csms.wait(50);
      if (!conn.isOpen) {
        ctx.evidence(frame);
        throw new CaseFailure('OCPPJ16-4.2.2', [`the connection stays open after ${what}`], closedText(conn));
      }
      try {
        await fenceCall(ctx, csms, conn, 'GetConfiguration', { key: ['HeartbeatInterval'] }, 'OCPPJ16-4.2.2');
      } catch (err) {
        ctx.evidence(frame);
        throw err;
      }
    };

    ctx.step('A triggered Heartbeat gets a CALLRESULT whose currentTime is not a date; the charge point keeps answering');
    const hb = await triggered('Heartbeat');
    if (hb) await answerBadly(hb, serializeResult(hb.messageId, { currentTime: 'not-a-date' }), 'a Heartbeat result violating its schema');
    csms.respondTo('Heartbeat', () => ({ currentTime: ctx.nowIso() }));

    ctx.step('A triggered StatusNotification gets a CALLERROR with an unknown code and a 300-character description');
    const sn = await triggered('StatusNotification');
    if (sn) await answerBadly(sn, serializeError(sn.messageId, 'OcppHarnessNoSuchCode', 'x'.repeat(300), { note: 'unknown code' }), 'a CALLERROR with an unknown code');
    csms.respondTo('StatusNotification', {});

    ctx.step('A triggered BootNotification gets Accepted with interval -1; the charge point does not adopt it');
    const bn = await triggered('BootNotification');
    if (bn) {
      const since = ctx.clock.monotonic();
      const frame = serializeResult(bn.messageId, { status: 'Accepted', currentTime: ctx.nowIso(), interval: -1 });
      await answerBadly(bn, frame, 'a BootNotification result with interval -1');
      await csms.wait(Math.min(config.timeouts.silenceMs, 500));
      const beats = csms.receivedCalls('Heartbeat').filter((c) => c.at >= since).length;
      const interval = await readConfigValue(ctx, 'HeartbeatInterval', 'OCPP16-4.2');
      if (beats > 3 || interval === '-1') {
        ctx.evidence(frame);
        throw new CaseFailure('OCPP16-4.2', ['the interval -1 is not applied (no Heartbeat flood, HeartbeatInterval unchanged)'], `${beats} Heartbeats, HeartbeatInterval = ${JSON.stringify(interval)}`);
      }
    }

    ctx.step('A triggered DiagnosticsStatusNotification gets a CALLRESULT without payload element, then its proper answer');
    const dsn = await triggered('DiagnosticsStatusNotification');
    if (dsn) {
      await answerBadly(dsn, JSON.stringify([3, dsn.messageId]), 'a CALLRESULT with two elements');
      await dsn.conn.send(serializeResult(dsn.messageId, {} satisfies Payload));
    }
    csms.respondTo('DiagnosticsStatusNotification', {});
  },
);
