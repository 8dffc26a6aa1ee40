import {
  check,
  defineCase,
  defineCaseFamily,
  present,
  serializeCall,
  type CaseContext,
  type Payload,
  untypedContext,
  contextOf,
} from '../../../src/dsl.js';
import {
  acceptStart,
  acceptStop,
  callsSince,
  describeOutcome,
  energyReading,
  mark,
  newTx,
  plugIn,
  sendAndObserve,
  statusNotification16,
  statusOf,
  txEvent,
  validToken,
} from '../../../src/kit/index.js';

/**
 * SEC-RPC-08, replayed CALLs (same message id), for both versions and roles. A station: a remote
 * start that ran and ended is replayed and must not start again; the version supplies the
 * messages (kit drivers below). A CSMS: the start of a transaction is duplicated at once and
 * replayed after the transaction ended, a meter reading is duplicated; none may count twice.
 */

const ROWS = [
  {
    id: 'SEC16_RPC_08_CS',
    ocpp: '1.6',
    sut: 'cs',
    title: 'A replayed RemoteStartTransaction (same message id) is executed at most once',
    purpose:
      'With the cable plugged in, a RemoteStartTransaction starts a transaction, which a RemoteStopTransaction ends. The harness then sends the very same RemoteStartTransaction frame again, same message id included, as an attacker replaying captured traffic would. The charge point must not start a second transaction from it: it refuses the reused id with a CALLERROR, or answers without acting; no StartTransaction follows.',
    hint: 'Remember the message ids of recently received CALLs (per connection at least) and refuse a CALL whose id was already used with a CALLERROR instead of executing it again; OCPP-J requires a fresh id for every CALL. Log the attempt as a replay (AttemptedReplayAttacks where the security extensions are implemented).',
    fault: 'cp-replayed-remote-start-twice',
    requirements: ['OCPPJ16-4.1.4', 'OCPP16-5.11', 'OCPP16-5.12'],
  },
  {
    id: 'SEC16_RPC_08_CSMS',
    ocpp: '1.6',
    sut: 'csms',
    title: 'A replayed StartTransaction (same message id) creates no second transaction',
    purpose:
      'The harness charge point starts a transaction for the valid idTag, then sends the identical StartTransaction frame again, same message id included, as a replaying attacker (or a confused retry) would, and duplicates a MeterValues of the transaction. The central system must not open a second transaction: it refuses the reused id with a CALLERROR or answers with the transactionId it already assigned, also when the start is replayed after the transaction was stopped.',
    hint: 'Make transaction creation idempotent: key it by the charge point and the start data (connector, idTag, meterStart, timestamp) or refuse reused message ids, and answer a repeat with the transactionId already assigned; never bill a replayed start twice.',
    fault: 'cs-start-tx-replay-new-id',
    requirements: ['OCPPJ16-4.1.4', 'OCPP16-4.8', 'OCPP16-4.10'],
  },
  {
    id: 'SEC_RPC_08_CS',
    ocpp: '2.0.1',
    sut: 'cs',
    title: 'Replayed RequestStartTransaction with the same message id',
    purpose:
      'A message id identifies one request. When a RequestStartTransaction that was executed (and its transaction ended) arrives again with the same message id, the station does not start a second transaction; it may answer with a CALLERROR.',
    hint: 'Remember the message ids of recently executed CSMS requests (across reconnects) and never execute a request twice; answer a repeat with a CALLERROR or the earlier answer, and log AttemptedReplayAttacks.',
    fault: 'replayed-start-executed-twice',
    requirements: ['OCPPJ20-4.1.4', 'F01.FR.01'],
  },
  {
    id: 'SEC_RPC_08_CSMS',
    ocpp: '2.0.1',
    sut: 'csms',
    title: 'Replayed TransactionEvent and MeterValues calls are applied at most once',
    purpose:
      'A CALL repeated with the same message id (an immediate duplicate of the Started and of an Updated TransactionEvent and of a MeterValues, and a late replay of the Started event of a transaction that has ended) is answered or ignored but not applied again: the replayed start does not bring the ended transaction back, so the CSMS still stops the transaction that really runs on the EVSE.',
    hint: 'Make TransactionEvent handling idempotent: remember the message ids and the (transactionId, seqNo) pairs already processed and answer a repeat without changing state; never re-open an ended transaction because its Started event arrives again.',
    fault: 'replayed-txevent-applied-twice',
    requirements: ['OCPPJ20-4.1.4', 'OCPPJ20-4.2.1'],
  },
] as const;

/** How a station version starts and stops a transaction remotely, and shows that one started. */
interface RemoteDriver {
  /** Brings the cable in (the remote start then charges at once). */
  plugIn(requirement: string): Promise<void>;
  /** The remote start request and how its start shows; returns the transaction id. */
  start: { action: string; payload: Payload; started(requirement: string): Promise<string | number> };
  stop(transactionId: string | number, requirement: string): Promise<void>;
  /** Transaction starts the station sent since a mark. */
  startsSince(at: number): unknown[];
  unplug(): Promise<void>;
}

function remoteDriver(ctx: CaseContext): RemoteDriver {
  const { csms, config } = ctx;
  const { connectorId, evseId } = config.ids;
  if (ctx.ocpp === '1.6') {
    return {
      async plugIn(requirement) {
        csms.respondTo('Authorize', { idTagInfo: { status: 'Accepted' } });
        await plugIn(contextOf(ctx, '1.6', 'cs'));
        await csms.expectCall('StatusNotification', { ...statusOf(connectorId, 'Preparing'), requirement });
      },
      start: {
        action: 'RemoteStartTransaction',
        payload: { connectorId, idTag: config.ids.validIdToken.idToken },
        async started(requirement) {
          const transactionId = await acceptStart(
            contextOf(ctx, '1.6', 'cs'),
            await contextOf(ctx, '1.6', 'cs').csms.expectCall('StartTransaction', { requirement }),
          );
          await csms.expectCall('StatusNotification', { ...statusOf(connectorId, 'Charging'), requirement });
          return transactionId;
        },
      },
      async stop(transactionId, requirement) {
        const res = await csms.call('RemoteStopTransaction', { transactionId }, { requirement });
        ctx.expectOneOf(res.status, ['Accepted'], requirement, 'RemoteStopTransaction.conf status');
        await acceptStop(
          contextOf(ctx, '1.6', 'cs'),
          await contextOf(ctx, '1.6', 'cs').csms.expectCall('StopTransaction', {
            where: (p) => p.transactionId === transactionId,
            whereText: `transactionId = ${transactionId}`,
            requirement,
          }),
        );
      },
      startsSince: (at) => callsSince(csms, at).filter((c) => c.action === 'StartTransaction'),
      unplug: () => ctx.given('Idle'),
    };
  }
  return {
    async plugIn() {
      await ctx.given('EVConnectedPreSession');
      csms.respondTo('TransactionEvent', (c) => (c.payload.idToken ? { idTokenInfo: { status: 'Accepted' } } : {}));
      csms.respondTo('Authorize', { idTokenInfo: { status: 'Accepted' } });
    },
    start: {
      action: 'RequestStartTransaction',
      payload: { idToken: validToken(config), remoteStartId: 1 + Math.floor(Math.random() * 1_000_000), evseId },
      async started(requirement) {
        const started = await csms.expectCall('TransactionEvent', {
          where: (p) => p.eventType === 'Started',
          whereText: 'eventType Started',
          requirement,
        });
        return String(started.payload.transactionInfo.transactionId);
      },
    },
    async stop(transactionId, requirement) {
      const res = await csms.call('RequestStopTransaction', { transactionId }, { requirement });
      ctx.expectOneOf(res.status, ['Accepted'], requirement, 'RequestStopTransaction status');
      await csms.expectCall('TransactionEvent', { where: (p) => p.eventType === 'Ended', whereText: 'eventType Ended', requirement });
    },
    startsSince: (at) => callsSince(csms, at).filter((c) => c.action === 'TransactionEvent' && c.payload.eventType === 'Started'),
    unplug: () => ctx.manual('unplug', { evseId, connectorId }, 'Unplug the EV cable from the configured EVSE and connector.'),
  };
}

/** The station side: a remote start that ran and ended, replayed with its message id. */
async function replayRemoteStart(
  ctx: CaseContext,
  [replayed, started]: readonly [string, string, ...string[]],
  stopped: string,
): Promise<void> {
  const { csms } = ctx;
  const driver = remoteDriver(ctx);
  await ctx.given('Booted');
  ctx.step('The EV cable is plugged in');
  await driver.plugIn(started);

  ctx.step(`The harness sends ${driver.start.action}; the station accepts it and starts the transaction`);
  const messageId = ctx.ids.next();
  const frame = serializeCall(messageId, driver.start.action, driver.start.payload);
  const first = await sendAndObserve(ctx, frame, { ids: [messageId], within: ctx.waits.message });
  check(first.kind === 'result' && first.payload.status === 'Accepted', started, `${driver.start.action} Accepted`, describeOutcome(first));
  const transactionId = await driver.start.started(started);

  ctx.step('The harness stops the transaction remotely; the station ends it');
  await driver.stop(transactionId, stopped);

  ctx.step(`The harness replays the identical ${driver.start.action} frame (same message id)`);
  ctx.evidence(frame);
  const before = mark(csms);
  const replay = await sendAndObserve(ctx, frame, { ids: [messageId], within: ctx.waits.message });
  ctx.note(`replay answered with ${describeOutcome(replay)}`);
  const accepted = replay.kind === 'result' && replay.payload.status === 'Accepted';
  if (accepted)
    ctx.nonStrict(replayed, `the replayed ${driver.start.action} was answered Accepted (a reused message id deserves a CALLERROR)`);

  ctx.step('No second transaction starts');
  await csms.wait(accepted ? ctx.waits.silence * 2 : ctx.waits.silence);
  const again = driver.startsSince(before);
  check(again.length === 0, replayed, 'no transaction start after the replayed request', JSON.stringify(again).slice(0, 300));
  check(csms.connection !== undefined, replayed, 'the session survives the replay', describeOutcome(replay));

  ctx.step('The EV is unplugged again');
  await driver.unplug();
}

/** A duplicate CALL: the same frame again; the session must stay open. */
async function duplicate(ctx: CaseContext, frame: string, id: string, what: string, requirement: string) {
  const out = await sendAndObserve(ctx, frame, { ids: [id], requirement });
  ctx.note(`${what}: ${describeOutcome(out)}`);
  check(!out.closed, requirement, `the session stays open after ${what}`, `closed (code ${out.closed?.code})`);
  return out;
}

/** The 1.6 central system: it assigns the transaction ids, so a replay is judged by the id it answers. */
async function replayStartTransaction16(ctx: CaseContext, [replayed, started, stopped]: readonly string[]): Promise<void> {
  const { station, config } = ctx;
  const { connectorId } = config.ids;
  await ctx.given('Booted');
  const payload = { connectorId, idTag: config.ids.validIdToken.idToken, meterStart: 1000, timestamp: ctx.nowIso() };
  const messageId = ctx.ids.next();
  const frame = serializeCall(messageId, 'StartTransaction', payload);
  const sameTransaction = (out: Awaited<ReturnType<typeof duplicate>>, transactionId: number, when: string) => {
    if (out.kind !== 'result') return ctx.note(`the ${when} was refused or ignored (${describeOutcome(out)})`);
    if (out.payload.transactionId !== transactionId) ctx.evidence(frame);
    check(
      out.payload.transactionId === transactionId,
      replayed,
      `a CALLERROR, or the same transactionId ${transactionId} again, for the ${when}`,
      `transactionId ${JSON.stringify(out.payload.transactionId)}: a second transaction`,
    );
  };

  ctx.step('The harness plugs in and starts a transaction; the central system assigns a transactionId');
  await statusNotification16(contextOf(ctx, '1.6', 'csms'), 'Preparing');
  const first = await station.call('StartTransaction', payload, { messageId, requirement: started });
  ctx.expectOneOf(first.idTagInfo?.status, ['Accepted'], started, 'StartTransaction.conf idTagInfo.status');
  const transactionId = present(first.transactionId as number | undefined, started, 'StartTransaction.conf transactionId', first);

  ctx.step('The harness sends the same StartTransaction frame again at once, same message id');
  sameTransaction(
    await duplicate(ctx, frame, messageId, 'the duplicated StartTransaction', replayed),
    transactionId,
    'duplicated StartTransaction',
  );

  ctx.step('The harness sends a MeterValues of the transaction twice with the same message id');
  const mvId = ctx.ids.next();
  const mv = serializeCall(mvId, 'MeterValues', {
    connectorId,
    transactionId,
    meterValue: [{ timestamp: ctx.nowIso(), sampledValue: [{ value: '1100' }] }],
  });
  await station.sendRaw(mv);
  await station.awaitResponse(mvId, 'MeterValues', station.connection, { requirement: started });
  await duplicate(ctx, mv, mvId, 'the duplicated MeterValues', replayed);

  ctx.step('The transaction is stopped and confirmed');
  await station.call(
    'StopTransaction',
    { transactionId, meterStop: 2500, timestamp: ctx.nowIso(), reason: 'Local' },
    { requirement: stopped },
  );

  ctx.step('An attacker replays the StartTransaction of the stopped transaction (same message id, same content)');
  sameTransaction(
    await duplicate(ctx, frame, messageId, 'the replayed StartTransaction', replayed),
    transactionId,
    'replayed StartTransaction of a stopped transaction',
  );
}

/** The 2.0.1 CSMS: stations assign the transaction ids, so a replay is judged by which transaction the CSMS still believes runs. */
async function replayTransactionEvents(ctx: CaseContext, [replayed, answered]: readonly string[]): Promise<void> {
  const { station, config } = ctx;
  const { evseId, connectorId, validIdToken } = config.ids;
  await ctx.given('Booted');
  const event = (id: string, payload: Payload) => JSON.stringify([2, id, 'TransactionEvent', payload]);
  const send = async (frame: string, id: string, what: string) => {
    await station.sendRaw(frame);
    const res = await station.awaitResponse(id, what, station.connection, { requirement: answered });
    check(
      res.kind === 'result',
      answered,
      `a TransactionEventResponse for the ${what}`,
      res.kind === 'error' ? `CALLERROR ${res.errorCode}` : '',
    );
  };

  ctx.step('The station starts transaction T1 (the Started event is kept for a replay), and sends it twice at once');
  const t1 = `sec08-${ctx.ids.next().slice(0, 12)}`;
  const startedId = ctx.ids.next();
  const startedFrame = event(startedId, {
    eventType: 'Started',
    timestamp: ctx.nowIso(),
    triggerReason: 'Authorized',
    seqNo: 0,
    transactionInfo: { transactionId: t1, chargingState: 'EVConnected' },
    evse: { id: evseId, connectorId },
    idToken: validToken(config),
  });
  await send(startedFrame, startedId, 'Started event');
  await duplicate(ctx, startedFrame, startedId, 'the duplicated Started event', replayed);

  ctx.step('The station sends an Updated event with a meter value, then the identical CALL again');
  const updatedId = ctx.ids.next();
  const updated = event(updatedId, {
    eventType: 'Updated',
    timestamp: ctx.nowIso(),
    triggerReason: 'MeterValuePeriodic',
    seqNo: 1,
    transactionInfo: { transactionId: t1, chargingState: 'Charging' },
    meterValue: [energyReading(contextOf(ctx, '2.0.1', 'csms'), 1000, 'Sample.Periodic')],
  });
  await send(updated, updatedId, 'Updated event');
  await duplicate(ctx, updated, updatedId, 'the duplicated Updated event', replayed);

  ctx.step('The station sends a MeterValues CALL twice with the same message id');
  const mvId = ctx.ids.next();
  const mv = JSON.stringify([
    2,
    mvId,
    'MeterValues',
    { evseId, meterValue: [energyReading(contextOf(ctx, '2.0.1', 'csms'), 1100, 'Sample.Periodic')] },
  ]);
  await station.sendRaw(mv);
  await station.awaitResponse(mvId, 'MeterValues', station.connection, { requirement: answered });
  await duplicate(ctx, mv, mvId, 'the duplicated MeterValues', replayed);

  ctx.step('Transaction T1 ends; transaction T2 starts on the same EVSE');
  const endedId = ctx.ids.next();
  await send(
    event(endedId, {
      eventType: 'Ended',
      timestamp: ctx.nowIso(),
      triggerReason: 'EVCommunicationLost',
      seqNo: 2,
      transactionInfo: { transactionId: t1, chargingState: 'Idle', stoppedReason: 'EVDisconnected' },
      meterValue: [energyReading(contextOf(ctx, '2.0.1', 'csms'), 1200, 'Transaction.End')],
    }),
    endedId,
    'Ended event',
  );
  const t2 = newTx(contextOf(ctx, '2.0.1', 'csms'), `sec08-${ctx.ids.next().slice(0, 12)}`);
  await txEvent(contextOf(ctx, '2.0.1', 'csms'), 'Started', 'Authorized', {
    chargingState: 'EVConnected',
    idToken: validIdToken,
    requirement: answered,
  });

  ctx.step('An attacker replays the Started event of T1 (same message id, same content)');
  await duplicate(ctx, startedFrame, startedId, 'the replayed Started event of T1', replayed);

  ctx.step('The operator stops the transaction running on the EVSE: the CSMS picks T2, not the replayed T1');
  await ctx.manual(
    'csmsSend',
    { message: 'RequestStopTransaction', stationId: config.stationId, evseId },
    `Stop the transaction that is running on EVSE ${evseId} of station ${config.stationId}`,
  );
  const stop = await station.expectCall('RequestStopTransaction', { requirement: replayed });
  if (stop.payload.transactionId !== t2.transactionId) ctx.evidence(startedFrame);
  check(
    stop.payload.transactionId === t2.transactionId,
    replayed,
    `RequestStopTransaction for the running transaction ${t2.transactionId}`,
    stop.payload.transactionId === t1
      ? `transactionId ${t1}: the replayed Started event re-opened the ended transaction`
      : `transactionId ${JSON.stringify(stop.payload.transactionId)}`,
  );
  await station.reply(stop, { status: 'Accepted' });

  ctx.step('Transaction T2 ends after the remote stop');
  await txEvent(contextOf(ctx, '2.0.1', 'csms'), 'Ended', 'RemoteStop', {
    chargingState: 'Idle',
    stoppedReason: 'Remote',
    requirement: answered,
  });
}

export default defineCaseFamily(ROWS, (row) =>
  defineCase(
    {
      ...row,
      requirements: [...row.requirements],
      block: 'RPC',
      suite: 'security',
      profiles: ['Security'],
      rule: 'SEC-RPC-08',
      severity: 'high',
      cwe: 'CWE-294',
    },
    async (ctx) => {
      const [replayed, started, stopped = started] = row.requirements;
      if (row.sut === 'cs') return replayRemoteStart(untypedContext(ctx), [replayed, started], stopped);
      if (row.ocpp === '1.6') return replayStartTransaction16(untypedContext(ctx), row.requirements);
      return replayTransactionEvents(untypedContext(ctx), row.requirements);
    },
  ),
);
