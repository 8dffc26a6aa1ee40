import {
  CaseFailure,
  check,
  defineCase,
  defineCaseFamily,
  serializeError,
  serializeResult,
  type CaseContext,
  untypedContext,
} from '../../../src/dsl.js';
import { callsSince, closedText, fenceCall, heartbeatIntervalOf, livenessCall, mark, RowVerdicts } from '../../../src/kit/index.js';

/**
 * SEC-RPC-11, malformed answers to the SUT's own calls, for both versions and roles. The broken
 * answers are the union of the former cases; a station gets them for a triggered Heartbeat, a
 * CSMS for the TriggerMessage an operator makes it send. Each must count as a failed call and
 * nothing worse: the same session goes on. A station must also not adopt a boot interval of -1.
 */

/** Broken answers to a call with message id `id`. */
const ANSWERS: ReadonlyArray<readonly [string, (id: string) => string]> = [
  ['a CALLRESULT without payload', (id) => JSON.stringify([3, id])],
  ['a CALLRESULT whose payload is a string', (id) => JSON.stringify([3, id, 'Accepted'])],
  [
    'a CALLRESULT violating the response schema',
    (id) => serializeResult(id, { currentTime: 'not-a-date', status: 'Bogus', interval: -1, configurationKey: 'HeartbeatInterval=1' }),
  ],
  ['a CALLRESULT with a fourth element', (id) => JSON.stringify([3, id, { status: 'Accepted' }, 'extra'])],
  [
    'a CALLERROR with an unknown code and a 300-character description',
    (id) => serializeError(id, 'OcppHarnessNoSuchCode', 'x'.repeat(300), {}),
  ],
  ['a CALLERROR whose details are an array', (id) => JSON.stringify([4, id, 'GenericError', '', []])],
  ['a CALLERROR whose details are a string', (id) => JSON.stringify([4, id, 'GenericError', 'bad details', 'not-an-object'])],
];

const ROWS = [
  {
    id: 'SEC16_RPC_11_CS',
    ocpp: '1.6',
    sut: 'cs',
    title: "Malformed answers to the charge point's own CALLs do not break it",
    severity: 'medium',
    purpose:
      'The harness triggers Heartbeats from the charge point and answers each badly: without payload, with a string payload, violating the schema, with a fourth element, a CALLERROR with an unknown code and a 300-character description, with details that are not an object. After each, the charge point still answers on the same connection. Answered with interval -1 at its next boot, it does not adopt the negative interval (no Heartbeat flood, HeartbeatInterval not -1).',
    hint: 'Validate responses as strictly as requests: treat a schema-violating CALLRESULT or an unknown CALLERROR code as a failed call (retry or give up), bound description lengths, and ignore out-of-range values such as a negative interval instead of applying them.',
    fault: 'cp-drops-session-on-malformed-callresult',
    requirements: ['OCPPJ16-4.2.2', 'OCPPJ16-4.2.3', 'OCPP16-4.2'],
  },
  {
    id: 'SEC16_RPC_11_CSMS',
    ocpp: '1.6',
    sut: 'csms',
    title: "Malformed answers to the central system's own CALLs do not break it",
    severity: 'medium',
    purpose:
      'The operator makes the central system send TriggerMessage; the harness charge point answers it badly: without payload, with a string payload, violating the schema, with a fourth element, a CALLERROR with an unknown code and a 300-character description, with details that are not an object. After each, the central system keeps serving the charge point (it answers a Heartbeat) and can send it further commands.',
    hint: 'Validate responses like requests: a schema-violating CALLRESULT or a malformed CALLERROR marks that one call as failed (log it, maybe retry); it must not throw out of the connection handler or disconnect the charge point.',
    fault: 'cs-crash-on-malformed-callresult',
    requirements: ['OCPPJ16-4.2.2', 'OCPPJ16-4.2.3'],
  },
  {
    id: 'SEC_RPC_11_CS',
    ocpp: '2.0.1',
    sut: 'cs',
    title: "Malformed CALLRESULT and CALLERROR answers to the station's own calls",
    severity: 'medium',
    purpose:
      "When the CSMS answers the station's calls with broken frames (wrong arity, a payload that is not an object or breaks the schema, an unknown error code, an overlong description, details that are not an object) the station treats the call as failed and carries on on the same connection. A BootNotificationResponse interval of -1 is not used as a heartbeat interval.",
    hint: 'Validate answers like requests: a malformed or schema-violating CALLRESULT/CALLERROR fails the pending call (retry later) instead of crashing or blocking; ignore non-positive intervals.',
    fault: 'negative-interval-accepted',
    requirements: ['OCPPJ20-4.2.2', 'OCPPJ20-4.2.3', 'B01.FR.04'],
  },
  {
    id: 'SEC_RPC_11_CSMS',
    ocpp: '2.0.1',
    sut: 'csms',
    title: 'Malformed CALLRESULT and CALLERROR answers to CSMS calls',
    severity: 'high',
    purpose:
      'When a station answers a CSMS call with a malformed CALLRESULT or CALLERROR (missing or non-object payload, schema-invalid content, an extra element, an unknown error code, an over-long description, details that are not an object) the CSMS treats the call as failed and stays up: it keeps answering the station and can send it further commands.',
    hint: 'Validate answers like requests: check the frame shape and the response schema before using a field, and turn anything malformed into a failed call (retry or give up) instead of dereferencing it.',
    fault: 'malformed-callresult-crash',
    requirements: ['OCPPJ20-4.2.2', 'OCPPJ20-4.2.3'],
  },
] as const;

/** The station side: broken answers to triggered Heartbeats, then a boot answered with interval -1. */
async function stationSide(ctx: CaseContext, failed: string, interval: string): Promise<void> {
  const { csms } = ctx;
  await ctx.given('Booted');
  const fence = livenessCall(ctx);
  csms.stopResponding('Heartbeat');
  // Every broken answer is its own row, recorded before the verdict (kit: RowVerdicts).
  const rows = new RowVerdicts(ctx);
  let gaveUp = false;
  for (const [what, build] of ANSWERS) {
    if (gaveUp) break;
    await rows.control(`The harness answers a triggered Heartbeat with ${what}; the station keeps the session`, async () => {
      const at = mark(csms);
      const trig = await csms.call('TriggerMessage', { requestedMessage: 'Heartbeat' }, { requirement: failed });
      ctx.expectOneOf(trig.status, ['Accepted'], failed, 'TriggerMessage Heartbeat status');
      let hb = callsSince(csms, at).find((c) => c.action === 'Heartbeat' && !c.answered);
      if (!hb) {
        try {
          hb = await csms.expectCall('Heartbeat', { requirement: failed, schema: false });
        } catch (err) {
          if (!(err instanceof CaseFailure)) throw err;
          ctx.nonStrict(
            failed,
            `after the previous broken answer the station sent no Heartbeat within ${ctx.waits.message} ms (it may wait for its message timeout)`,
          );
          gaveUp = true;
          return;
        }
      }
      const text = build(hb.messageId);
      hb.answered = true;
      await hb.conn.send(text);
      // Give the station a moment to take in the answer before probing the session.
      await csms.wait(50);
      if (!hb.conn.isOpen) ctx.evidence(text);
      check(hb.conn.isOpen, failed, `the connection stays open after ${what}`, closedText(hb.conn));
      await fenceCall(ctx, csms, hb.conn, fence.action, fence.payload, failed).catch((err: unknown) => {
        ctx.evidence(text);
        throw err;
      });
    });
  }
  csms.respondTo('Heartbeat', () => ({ currentTime: ctx.nowIso() }));

  await rows.control(
    'The station boots again with interval -1 and does not take it: no burst of Heartbeats, HeartbeatInterval not -1',
    async () => {
      // A 1.6 charge point sends BootNotification when triggered; a booted 2.0.1 station refuses that trigger, so it is reset.
      if (ctx.ocpp === '1.6') {
        const trig = await csms.call('TriggerMessage', { requestedMessage: 'BootNotification' }, { requirement: interval });
        ctx.expectOneOf(trig.status, ['Accepted'], interval, 'TriggerMessage BootNotification status');
      } else {
        const reset = await csms.call('Reset', { type: 'Immediate' }, { requirement: interval });
        ctx.expectOneOf(reset.status, ['Accepted'], interval, 'Reset status');
      }
      const boot = await csms.expectCall('BootNotification', { within: ctx.waits.reconnect, requirement: interval, schema: false });
      const bootAnswer = { currentTime: ctx.nowIso(), interval: -1, status: 'Accepted' };
      await csms.reply(boot, bootAnswer);

      const after = mark(csms);
      await csms.wait(2 * ctx.waits.silence);
      const beats = callsSince(csms, after).filter((c) => c.action === 'Heartbeat').length;
      const stored = await heartbeatIntervalOf(ctx, interval);
      if (beats > 3 || stored === '-1') ctx.evidence(JSON.stringify([3, boot.messageId, bootAnswer]));
      check(
        beats <= 3 && stored !== '-1',
        interval,
        `the interval -1 is not applied (at most 3 Heartbeats in ${2 * ctx.waits.silence} ms, HeartbeatInterval unchanged)`,
        `${beats} Heartbeats, HeartbeatInterval = ${JSON.stringify(stored)}`,
      );
    },
  );
  rows.verdict();
}

/** The CSMS side: broken answers to the TriggerMessage an operator makes it send, each on a fresh connection. */
async function csmsSide(ctx: CaseContext, failed: string): Promise<void> {
  const { station, config } = ctx;
  const stationId = config.stationId;
  const trigger = () =>
    ctx.manual(
      'csmsSend',
      { message: 'TriggerMessage', stationId, requestedMessage: 'Heartbeat' },
      `Make the CSMS send TriggerMessage (Heartbeat) to station ${stationId}`,
    );
  await ctx.given('Booted');
  let first = true;
  // Every broken answer is its own row on a fresh connection, recorded before the verdict (kit: RowVerdicts).
  const rows = new RowVerdicts(ctx);
  for (const [what, build] of ANSWERS) {
    await rows.control(`The CSMS sends TriggerMessage; the station answers with ${what}; the CSMS keeps the session`, async () => {
      if (!first) {
        // A fresh connection, so a CSMS still waiting for the malformed answer is not blocked.
        station.close(1000, 'next variant');
        await station.connect({ requirement: failed });
      }
      first = false;
      await trigger();
      const call = await station.expectCall('TriggerMessage', { requirement: failed });
      call.answered = true;
      const text = build(call.messageId);
      await call.conn.send(text);
      // A CSMS may act on the answer a moment later (after its own validation): give it that moment.
      await station.wait(50);
      if (!call.conn.isOpen) ctx.evidence(text);
      check(call.conn.isOpen, failed, `the connection stays open after ${what}`, closedText(call.conn));
      const hb = await station.callMayError('Heartbeat', {}, { requirement: failed }).catch((err: unknown) => {
        ctx.evidence(text);
        throw err;
      });
      ctx.note(`after ${what}: Heartbeat answered with ${hb.kind === 'result' ? 'a CALLRESULT' : `CALLERROR ${hb.errorCode}`}`);
    });
  }
  await rows.control('On a fresh connection the CSMS still sends commands, and a well-formed answer is taken', async () => {
    station.close(1000, 'final check');
    await station.connect({ requirement: failed });
    await trigger();
    await station.reply(await station.expectCall('TriggerMessage', { requirement: failed }), { status: 'Accepted' });
    await station.call('Heartbeat', {}, { requirement: failed });
  });
  rows.verdict();
}

export default defineCaseFamily(ROWS, (row) =>
  defineCase(
    {
      ...row,
      requirements: [...row.requirements],
      block: 'RPC',
      suite: 'security',
      profiles: ['Security'],
      rule: 'SEC-RPC-11',
      cwe: 'CWE-20',
    },
    (ctx) => {
      const [failed, , interval = failed] = row.requirements as readonly string[];
      return row.sut === 'cs' ? stationSide(untypedContext(ctx), failed, interval) : csmsSide(untypedContext(ctx), failed);
    },
  ),
);
