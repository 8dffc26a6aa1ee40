import {
  check,
  defineCase,
  defineCaseFamily,
  present,
  serializeCall,
  type CallOutcome,
  type CaseContext,
  type Payload,
  untypedContext,
} from '../../../src/dsl.js';
import { answer, callsSince, fenceCall, livenessCall, mark } from '../../../src/kit/index.js';

/**
 * SEC-RPC-10, CALLs sent back to back and CALLs crossing the SUT's own outstanding call, for both
 * versions and roles: every answer carries its own message id and content, a crossing CALL is
 * answered (no deadlock), and the SUT keeps one CALL of its own outstanding at a time. That last
 * rule is a SHOULD NOT in OCPP-J 1.6 and a SHALL NOT in 2.0.1 (section 4.1.1), hence per version.
 */

const ROWS = [
  {
    id: 'SEC16_RPC_10_CS',
    ocpp: '1.6',
    sut: 'cs',
    title: 'Pipelined and crossing CALLs: answered and correlated, no deadlock',
    cwe: 'CWE-833',
    purpose:
      'Two GetConfiguration CALLs for different keys are sent back to back without waiting; each answer must carry its own message id and the key that call asked for. Then, while a CALL of the charge point (a triggered Heartbeat) is left unanswered, the harness sends a GetConfiguration: CALLs crossing in both directions are legal and the charge point must answer it rather than wait for its own. Meanwhile it should keep to one outstanding CALL of its own: a triggered StatusNotification follows only once the Heartbeat is answered.',
    hint: 'Handle inbound CALLs independently of your own outstanding CALL (a crossing CALL is legal) and correlate every answer by message id; queue your own CALLs so only one is outstanding at a time.',
    fault: 'cp-ignores-calls-while-own-call-pending',
    requirements: ['OCPPJ16-4.1.1', 'OCPPJ16-4.1.4'],
  },
  {
    id: 'SEC16_RPC_10_CSMS',
    ocpp: '1.6',
    sut: 'csms',
    title: 'Crossing and pipelined CALLs: answered and correlated, no deadlock',
    cwe: 'CWE-833',
    purpose:
      'The central system sends GetConfiguration and the harness holds the answer back; meanwhile the harness charge point sends a Heartbeat, which the central system must answer (crossing CALLs are legal). Then CALLs are sent back to back without waiting (Authorize for the valid and the invalid idTag; Heartbeat, Authorize and StatusNotification); each answer must carry its own message id and the content of its own request.',
    hint: 'Process inbound CALLs independently of your own outstanding CALL to that charge point, and correlate every answer by message id; a slow or silent charge point must not stall its own inbound traffic.',
    fault: 'cs-deadlocks-on-crossing-call',
    requirements: ['OCPPJ16-4.1.1', 'OCPPJ16-4.1.4'],
  },
  {
    id: 'SEC_RPC_10_CS',
    ocpp: '2.0.1',
    sut: 'cs',
    title: 'Back-to-back and crossing CALLs with the station',
    cwe: 'CWE-662',
    purpose:
      "Two CALLs sent back to back are both answered, each under its own message id; a CALL that crosses one of the station's own unanswered CALLs is still answered (no deadlock); and the station itself never has more than one CALL outstanding.",
    hint: 'Correlate answers strictly by message id, serve incoming CALLs independently of your own outstanding request, and queue your own requests until the previous one is answered or timed out.',
    fault: 'second-call-before-answer',
    requirements: ['OCPPJ20-4.1.1', 'OCPPJ20-4.2.2'],
  },
  {
    id: 'SEC_RPC_10_CSMS',
    ocpp: '2.0.1',
    sut: 'csms',
    title: 'Back-to-back and crossing CALLs: the CSMS answers each, correlated by id',
    cwe: 'CWE-362',
    purpose:
      'CALLs sent without waiting (Authorize for the valid and for the invalid token; Heartbeat, Authorize and StatusNotification) are all answered, each under its own message id with its own content, and a CALL from the station that crosses a pending CSMS call is answered too: no deadlock, no dropped call, no swapped answers.',
    hint: 'Keep request handling independent of other in-flight messages: queue or process inbound CALLs as they come, key every answer by the message id of its request, and keep answering while your own call to the station is outstanding.',
    fault: 'back-to-back-call-dropped',
    requirements: ['OCPPJ20-4.1.1', 'OCPPJ20-4.1.4'],
  },
] as const;

/** A request and how its own answer is recognised (by content, so swapped answers show). */
interface Pipelined {
  what: string;
  action: string;
  payload: Payload;
  fits: (answer: Payload) => boolean;
}

/** Sends the requests back to back on the current connection; each answer must fit its own request. */
async function backToBack(ctx: CaseContext, requests: Pipelined[], answered: string, correlated: string): Promise<void> {
  const endpoint = ctx.meta.sut === 'cs' ? ctx.csms : ctx.station;
  const conn = present(endpoint.connection, answered, 'a connection to the SUT', 'none');
  const ids = requests.map(() => ctx.ids.next());
  const frames = requests.map((r, i) => serializeCall(ids[i], r.action, r.payload));
  await Promise.all(frames.map((f) => conn.send(f)));
  const answers: CallOutcome[] = await Promise.all(
    requests.map((r, i) => endpoint.awaitResponse(ids[i], r.what, conn, { requirement: answered })),
  );
  answers.forEach((a, i) => {
    const fits = a.kind === 'result' && requests[i].fits(a.payload);
    if (!fits) ctx.evidence(...frames);
    check(
      fits,
      correlated,
      `the answer under ${ids[i]} is the one for ${requests[i].what}`,
      a.kind === 'result' ? JSON.stringify(a.payload).slice(0, 200) : `CALLERROR ${a.errorCode}`,
    );
  });
}

/** The station side: back-to-back reads, then a crossing CALL while its own triggered Heartbeat is held. */
async function stationSide(ctx: CaseContext, [crossing, correlated]: readonly string[]): Promise<void> {
  const { csms, config } = ctx;
  const { connectorId, evseId } = config.ids;
  await ctx.given('Booted');
  const read = (key: readonly [string, string]): Pipelined =>
    ctx.ocpp === '1.6'
      ? {
          what: `GetConfiguration ${key[1]}`,
          action: 'GetConfiguration',
          payload: { key: [key[1]] },
          fits: (a) => {
            const keys = [
              ...(Array.isArray(a.configurationKey) ? (a.configurationKey as Payload[]).map((k) => String(k.key)) : []),
              ...(Array.isArray(a.unknownKey) ? (a.unknownKey as string[]) : []),
            ];
            return keys.length === 1 && keys[0] === key[1];
          },
        }
      : {
          what: `GetVariables ${key[1]}`,
          action: 'GetVariables',
          payload: { getVariableData: [{ component: { name: key[0] }, variable: { name: key[1] } }] },
          fits: (a) => a.getVariableResult?.[0]?.variable?.name === key[1],
        };
  const second = ctx.ocpp === '1.6' ? (['', 'MeterValueSampleInterval'] as const) : (['TxCtrlr', 'EVConnectionTimeOut'] as const);

  ctx.step('Two reads of different settings are sent back to back; each answer is about its own setting');
  await backToBack(ctx, [read(['OCPPCommCtrlr', 'HeartbeatInterval']), read(second)], crossing, correlated);

  ctx.step('The harness triggers a Heartbeat and holds its answer back');
  csms.stopResponding('Heartbeat');
  const before = mark(csms);
  const trig = await csms.call('TriggerMessage', { requestedMessage: 'Heartbeat' }, { requirement: crossing });
  if (trig.status !== 'Accepted') {
    ctx.note(`TriggerMessage Heartbeat answered ${trig.status}: the crossing-call part cannot be exercised`);
    csms.respondTo('Heartbeat', () => ({ currentTime: ctx.nowIso() }));
    csms.respondTo('StatusNotification', {});
    return;
  }
  const held =
    callsSince(csms, before).find((c) => c.action === 'Heartbeat') ?? (await csms.expectCall('Heartbeat', { requirement: crossing }));
  // StatusNotification is held only now: a station may still be reporting its connectors after the
  // boot, and with one of those held its triggered Heartbeat would rightly wait behind it (4.1.1).
  csms.stopResponding('StatusNotification');
  const outstanding = mark(csms);

  ctx.step('While its Heartbeat is unanswered, the station answers a crossing read and accepts a trigger of StatusNotification');
  const fence = livenessCall(ctx);
  await fenceCall(ctx, csms, held.conn, fence.action, fence.payload, crossing, true);
  const status =
    ctx.ocpp === '1.6'
      ? { requestedMessage: 'StatusNotification', connectorId }
      : { requestedMessage: 'StatusNotification', evse: { id: evseId, connectorId } };
  const trig2 = await csms.call('TriggerMessage', status, { requirement: crossing });
  ctx.expectOneOf(trig2.status, ['Accepted'], crossing, 'TriggerMessage StatusNotification status');

  ctx.step('While its Heartbeat is unanswered the station sends no further CALL');
  await csms.wait(ctx.waits.silence);
  const early = callsSince(csms, outstanding).filter((c) => c !== held);
  if (early.length) {
    const sentText = `sent ${early.map((c) => c.action).join(', ')} while its Heartbeat was unanswered`;
    if (ctx.ocpp === '1.6') ctx.nonStrict(crossing, sentText);
    else {
      ctx.evidence(`[2,"${held.messageId}","Heartbeat",{}] left unanswered`);
      check(false, crossing, 'no new CALL from the station while its Heartbeat is outstanding', sentText);
    }
  }

  ctx.step('Once the Heartbeat is answered, the triggered StatusNotification follows');
  csms.respondTo('StatusNotification', {});
  csms.respondTo('Heartbeat', () => ({ currentTime: ctx.nowIso() }));
  await answer(csms, held, { currentTime: ctx.nowIso() });
  await csms.expectCall('StatusNotification', { requirement: crossing });
}

/** The CSMS side: back-to-back requests of the station, then a Heartbeat crossing a held operator command. */
async function csmsSide(ctx: CaseContext, [crossing, correlated]: readonly string[]): Promise<void> {
  const { station, config } = ctx;
  const { connectorId, evseId, validIdToken, invalidIdToken } = config.ids;
  const v16 = ctx.ocpp === '1.6';
  await ctx.given('Booted');
  const status = (a: Payload) => (a.idTagInfo ?? a.idTokenInfo)?.status;
  const authorize = (token: typeof validIdToken, valid: boolean): Pipelined => ({
    what: `Authorize (${valid ? 'valid' : 'invalid'} token)`,
    action: 'Authorize',
    payload: v16 ? { idTag: token.idToken } : { idToken: { idToken: token.idToken, type: token.type } },
    fits: (a) => (valid ? status(a) === 'Accepted' : status(a) !== undefined && status(a) !== 'Accepted') && a.currentTime === undefined,
  });
  const heartbeat: Pipelined = {
    what: 'Heartbeat',
    action: 'Heartbeat',
    payload: {},
    fits: (a) => typeof a.currentTime === 'string' && status(a) === undefined,
  };
  const statusNotification: Pipelined = {
    what: 'StatusNotification',
    action: 'StatusNotification',
    payload: v16
      ? { connectorId, errorCode: 'NoError', status: 'Available', timestamp: ctx.nowIso() }
      : { timestamp: ctx.nowIso(), connectorStatus: 'Available', evseId, connectorId },
    fits: (a) => a.currentTime === undefined && status(a) === undefined,
  };

  ctx.step('The station sends Authorize for the valid and for the invalid token back to back');
  await backToBack(ctx, [authorize(validIdToken, true), authorize(invalidIdToken, false)], crossing, correlated);

  ctx.step('The station sends Heartbeat, Authorize and StatusNotification back to back');
  await backToBack(ctx, [heartbeat, authorize(validIdToken, true), statusNotification], crossing, correlated);

  ctx.step('The operator makes the CSMS send a command; the station holds its answer and sends a Heartbeat, which the CSMS answers');
  const command = v16
    ? { message: 'GetConfiguration', key: ['HeartbeatInterval'] }
    : { message: 'TriggerMessage', requestedMessage: 'StatusNotification', evseId, connectorId };
  await ctx.manual(
    'csmsSend',
    { ...command, stationId: config.stationId },
    `Make the CSMS send ${command.message} to station ${config.stationId}`,
  );
  const held = await station.expectCall(command.message, { requirement: crossing });
  await fenceCall(ctx, station, held.conn, 'Heartbeat', {}, crossing, true);
  await station.reply(
    held,
    v16
      ? { configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: String(config.timeouts.heartbeatIntervalS) }] }
      : { status: 'Accepted' },
  );
  if (!v16) await station.call('StatusNotification', statusNotification.payload, { requirement: crossing });
}

export default defineCaseFamily(ROWS, (row) =>
  defineCase(
    {
      ...row,
      requirements: [...row.requirements],
      block: 'RPC',
      suite: 'security',
      profiles: ['Security'],
      rule: 'SEC-RPC-10',
      severity: 'medium',
    },
    (ctx) => (row.sut === 'cs' ? stationSide(untypedContext(ctx), row.requirements) : csmsSide(untypedContext(ctx), row.requirements)),
  ),
);
