import {
  check,
  defineCase,
  defineCaseFamily,
  present,
  serializeError,
  serializeResult,
  type CaseContext,
  type Payload,
  untypedContext,
} from '../../../src/dsl.js';
import {
  errorExpectation,
  callArrivedOn,
  describeOutcome,
  fenceCall,
  judgeNotExecuted,
  livenessCall,
  mark,
  callsSince,
  sendAndObserve,
  sendProbes,
  type Probe,
} from '../../../src/kit/index.js';

/**
 * SEC-RPC-09, CALLRESULT and CALLERROR frames nobody asked for, for both versions and roles.
 * A station on a Pending boot gets forged acceptances and must stay Pending. A CSMS gets the
 * union of the former probes: unsolicited results after an answered command (a second answer,
 * unknown ids, the id of the station's own call, "-1"), results under foreign ids while it
 * waits for an answer (it must keep waiting: it sends its calls one at a time), and stale
 * second answers. The version supplies the commands the operator makes the CSMS send.
 */

const ROWS = [
  {
    id: 'SEC16_RPC_09_CS',
    ocpp: '1.6',
    sut: 'cs',
    title: 'Unsolicited CALLRESULT / CALLERROR frames are ignored: a forged boot acceptance does not unlock a Pending charge point',
    severity: 'high',
    purpose:
      "The harness answers the charge point's BootNotification with Pending, then sends results nobody asked for: a second CALLRESULT {status: Accepted} for the already answered BootNotification id, one for an id the charge point never used, and a stray CALLERROR. The charge point correlates results by message id only, so it ignores all three: it stays Pending (sends nothing but BootNotification), keeps answering the central system, and retries its boot after the interval.",
    hint: 'Match every CALLRESULT/CALLERROR to an outstanding CALL by message id and drop anything that matches none (including ids already answered); never derive state such as "boot accepted" from the shape of an unmatched result.',
    fault: 'cp-unsolicited-result-accepted',
    requirements: ['OCPPJ16-4.2.2', 'OCPP16-4.2'],
  },
  {
    id: 'SEC16_RPC_09_CSMS',
    ocpp: '1.6',
    sut: 'csms',
    title: 'Unsolicited CALLRESULT / CALLERROR frames are ignored by the central system',
    severity: 'medium',
    purpose:
      'After the central system sent a command and got its answer, the harness charge point sends results nobody is waiting for: a second, different answer to that command, a CALLRESULT and a CALLERROR for ids never used, a CALLRESULT reflecting the id of the charge point\'s own Heartbeat, and a CALLERROR with id "-1". The central system correlates by message id, ignores all of them (it never answers a result with a CALLRESULT) and keeps serving the session; while it waits for the answer to its own call, results under foreign ids do not count as that answer.',
    hint: 'Match inbound CALLRESULT/CALLERROR frames to your outstanding CALLs by message id; drop anything that matches none, including ids already answered, without throwing or closing the connection.',
    fault: 'cs-crash-on-unsolicited-result',
    requirements: ['OCPPJ16-4.2.2', 'OCPPJ16-4.2.3'],
  },
  {
    id: 'SEC_RPC_09_CS',
    ocpp: '2.0.1',
    sut: 'cs',
    title: 'Unsolicited CALLRESULT must not unlock a Pending station',
    severity: 'high',
    purpose:
      'Answers are matched to requests by message id. While its registration is Pending, a station that receives a forged BootNotificationResponse Accepted under an id it never used (or under the id of the boot already answered) and a stray CALLERROR ignores them: it stays Pending, keeps answering the CSMS, and sends nothing but its next BootNotification.',
    hint: 'Only accept a CALLRESULT for a request that is outstanding on this connection with exactly that message id; drop every other CALLRESULT/CALLERROR without changing state.',
    fault: 'forged-boot-result-unlocks',
    requirements: ['OCPPJ20-4.2.2', 'B02.FR.02'],
  },
  {
    id: 'SEC_RPC_09_CSMS',
    ocpp: '2.0.1',
    sut: 'csms',
    title: 'Unsolicited CALLRESULT and CALLERROR frames are ignored by the CSMS',
    severity: 'medium',
    purpose:
      'Responses are correlated by message id only: while the CSMS waits for the answer to its own call, a CALLRESULT or CALLERROR with an id it never sent does not count as that answer (the CSMS keeps waiting and does not send its next call yet); unsolicited results (a second answer, unknown ids, the id of the station\'s own call, "-1") and stale second answers change nothing, and none is answered with a CALLRESULT.',
    hint: 'Match every CALLRESULT/CALLERROR to an outstanding request by its exact message id; drop (and log) any other, never take it as the answer to whatever call is pending.',
    fault: 'unsolicited-result-accepted',
    requirements: ['OCPPJ20-4.2.2', 'OCPPJ20-4.1.1'],
  },
] as const;

/** The station side: forged acceptances while the boot is Pending. */
async function forgedBootAcceptance(ctx: CaseContext, forged: string, boot: string): Promise<void> {
  const { csms, config } = ctx;
  const fence = livenessCall(ctx);
  ctx.step('The station boots; the harness answers BootNotification with Pending');
  if (csms.booted) await ctx.manual('reboot', {}, 'Power-cycle the charging station so that it sends a new BootNotification.');
  const first = await csms.expectCall('BootNotification', { within: ctx.waits.reconnect, requirement: boot });
  await csms.reply(first, { status: 'Pending', currentTime: ctx.nowIso(), interval: config.timeouts.bootRetryIntervalS });
  // The Pending answer has been taken in once a later request is answered (allowed while Pending).
  await fenceCall(ctx, csms, first.conn, fence.action, fence.payload, boot);
  const before = mark(csms);

  ctx.step('The harness sends forged answers: an acceptance for the answered boot id and for an unknown id, and a stray CALLERROR');
  const accepted = { status: 'Accepted', currentTime: ctx.nowIso(), interval: config.timeouts.heartbeatIntervalS };
  const frames = [
    serializeResult(first.messageId, accepted),
    serializeResult(ctx.ids.next(), accepted),
    serializeError(ctx.ids.next(), 'GenericError', 'unsolicited', {}),
  ];
  for (const f of frames) await first.conn.send(f);

  ctx.step('The station still answers on the same connection');
  await fenceCall(ctx, csms, first.conn, fence.action, fence.payload, forged);

  ctx.step('It stays Pending: apart from BootNotification it sends no request');
  await csms.wait(Math.min(ctx.waits.silence, ctx.waits.bootRetry - 100));
  const others = callsSince(csms, before).filter((c) => c.action !== 'BootNotification');
  if (others.length) ctx.evidence(...frames);
  check(
    others.length === 0,
    forged,
    'no request other than BootNotification while Pending (the forged answers are ignored)',
    `received ${others.map((c) => c.action).join(', ')}`,
  );

  ctx.step('The station retries its boot after the interval; the harness accepts it now');
  csms.respondTo('StatusNotification', {});
  csms.respondTo('SecurityEventNotification', {});
  csms.respondTo('NotifyEvent', {});
  csms.respondTo('Heartbeat', () => ({ currentTime: ctx.nowIso() }));
  const retry = await csms.expectCall('BootNotification', {
    after: first,
    within: ctx.waits.bootRetry + ctx.waits.message,
    requirement: boot,
  });
  await csms.reply(retry, { currentTime: ctx.nowIso(), interval: config.timeouts.heartbeatIntervalS, status: 'Accepted' });
  await csms.expectCall('StatusNotification', { after: retry, requirement: boot });
}

/** A command the operator makes the CSMS send, and the station's proper answer to it. */
interface Command {
  message: string;
  params: Payload;
  answer: Payload;
}

/** Two commands of the version the operator makes the CSMS send, with a proper answer each. */
function commands(ctx: CaseContext) {
  const { config } = ctx;
  const trigger: Command = { message: 'TriggerMessage', params: { requestedMessage: 'Heartbeat' }, answer: { status: 'Accepted' } };
  const second: Command =
    ctx.ocpp === '1.6'
      ? {
          message: 'GetConfiguration',
          params: { key: ['HeartbeatInterval'] },
          answer: { configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: String(config.timeouts.heartbeatIntervalS) }] },
        }
      : { message: 'GetTransactionStatus', params: {}, answer: { messagesInQueue: false } };
  const send = (c: Command) =>
    ctx.manual(
      'csmsSend',
      { message: c.message, stationId: config.stationId, ...c.params },
      `Make the CSMS send ${c.message} ${JSON.stringify(c.params)} to station ${config.stationId}`,
    );
  return { trigger, second, send };
}

/** The CSMS side. */
async function unsolicitedAtCsms(ctx: CaseContext, [unsolicited, other]: readonly string[]): Promise<void> {
  const { station } = ctx;
  // 1.6 names the error-code rule; 2.0.1 the rule that a CSMS sends one call at a time.
  const [order, code] = ctx.ocpp === '1.6' ? [unsolicited, other] : [other, unsolicited];
  const { trigger, second, send } = commands(ctx);
  await ctx.given('Booted');
  const conn = present(station.connection, unsolicited, 'a connection to the CSMS', 'none');

  ctx.step(`The operator makes the CSMS send ${trigger.message}; the station answers it`);
  await send(trigger);
  const answered = await station.expectCall(trigger.message, { requirement: unsolicited });
  await station.reply(answered, trigger.answer);

  ctx.step('The station sends its own Heartbeat, then five unsolicited results, then another Heartbeat');
  const heartbeatId = ctx.ids.next();
  await station.call('Heartbeat', {}, { messageId: heartbeatId, requirement: unsolicited });
  const [u1, u2] = [ctx.ids.next(), ctx.ids.next()];
  const probes: Probe[] = [
    {
      label: `a second, different answer to the answered ${trigger.message}`,
      text: serializeResult(answered.messageId, { status: 'Rejected' }),
      id: answered.messageId,
    },
    { label: 'a CALLRESULT for an unknown id', text: serializeResult(u1, { status: 'Accepted' }), id: u1 },
    { label: 'a CALLERROR for an unknown id', text: serializeError(u2, 'GenericError', 'unsolicited', {}), id: u2 },
    {
      label: "a CALLRESULT reflecting the station's own Heartbeat id",
      text: serializeResult(heartbeatId, { currentTime: ctx.nowIso() }),
      id: heartbeatId,
    },
    { label: 'a CALLERROR with id "-1"', text: serializeError('-1', 'GenericError', 'unsolicited', {}) },
  ];
  const sent = await sendProbes(ctx, station, probes, { action: 'Heartbeat', payload: {} }, unsolicited);
  judgeNotExecuted(
    ctx,
    sent,
    unsolicited,
    // The error-code table: an unsolicited answer is ignored; a framework CALLERROR for it is tolerated.
    errorExpectation(ctx.ocpp, 'unsolicited-answer').exact,
    code,
  );

  ctx.step('Baseline: the operator queues two commands; the CSMS sends the second only after the first is answered');
  await send(trigger);
  await send(second);
  const x = await station.expectCall(trigger.message, { requirement: order });
  const early = await callArrivedOn(ctx, conn, second.message, ctx.waits.silence);
  if (early)
    ctx.nonStrict(
      order,
      'the CSMS sent its second call before the first was answered; whether it correlates answers by id cannot be judged from the order of its calls',
    );
  await station.reply(x, trigger.answer);
  if (early) await conn.send(serializeResult((early.frame as { messageId: string }).messageId, second.answer));
  else await station.reply(await station.expectCall(second.message, { requirement: order }), second.answer);

  ctx.step('While the CSMS waits for an answer, the station sends a CALLRESULT and a CALLERROR with ids the CSMS never used');
  await send(trigger);
  await send(second);
  const x2 = await station.expectCall(trigger.message, { requirement: unsolicited });
  const forged = [
    serializeResult(`forged-${ctx.ids.next().slice(0, 20)}`, { status: 'Accepted' }),
    serializeError(`forged-${ctx.ids.next().slice(0, 20)}`, 'GenericError', 'not an answer to anything', {}),
  ];
  for (const f of forged) await conn.send(f);
  if (!early) {
    const early2 = await callArrivedOn(ctx, conn, second.message, ctx.waits.silence);
    if (early2) ctx.evidence(...forged);
    check(
      early2 === undefined,
      unsolicited,
      `the CSMS keeps waiting for the answer to ${trigger.message} (${x2.messageId}) and sends nothing else`,
      `it sent ${second.message} at once: an answer with a foreign id was taken as the answer to its ${trigger.message}`,
    );
  }
  await station.reply(x2, trigger.answer);
  const y2 = await station.expectCall(second.message, { requirement: unsolicited });
  await station.reply(y2, second.answer);

  ctx.step('The station answers the already answered calls a second time; the CSMS ignores it and keeps serving the session');
  const out = await sendAndObserve(ctx, serializeResult(x2.messageId, { status: 'Rejected' }), {
    ids: [x2.messageId],
    requirement: unsolicited,
  });
  check(!out.closed, unsolicited, 'the session stays open after a stale CALLRESULT', `closed (code ${out.closed?.code})`);
  const out2 = await sendAndObserve(ctx, serializeError(y2.messageId, 'InternalError', 'late error', {}), {
    ids: [y2.messageId],
    requirement: unsolicited,
  });
  check(!out2.closed, unsolicited, 'the session stays open after a stale CALLERROR', `closed (code ${out2.closed?.code})`);
  ctx.note(`stale answers: ${describeOutcome(out)}, ${describeOutcome(out2)}`);

  ctx.step('The CSMS still sends commands to the station');
  await send(trigger);
  await station.reply(await station.expectCall(trigger.message, { requirement: unsolicited }), trigger.answer);
}

export default defineCaseFamily(ROWS, (row) =>
  defineCase(
    {
      ...row,
      requirements: [...row.requirements],
      block: 'RPC',
      suite: 'security',
      profiles: ['Security'],
      rule: 'SEC-RPC-09',
      cwe: 'CWE-345',
    },
    async (ctx) => {
      const [unsolicited, other] = row.requirements;
      if (row.sut === 'cs') return forgedBootAcceptance(untypedContext(ctx), unsolicited, other);
      return unsolicitedAtCsms(untypedContext(ctx), row.requirements);
    },
  ),
);
