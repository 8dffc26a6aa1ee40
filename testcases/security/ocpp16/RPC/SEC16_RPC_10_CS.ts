import { defineCase, type Payload, serializeCall } from '../../../../src/dsl.js';
import { fenceCall } from '../../../../src/kit/index.js';

function keysIn(p: Payload): string[] {
  const known = Array.isArray(p.configurationKey) ? (p.configurationKey as Payload[]).map((k) => String(k.key)) : [];
  return [...known, ...(Array.isArray(p.unknownKey) ? (p.unknownKey as string[]) : [])];
}

export default defineCase(
  {
    id: 'SEC16_RPC_10_CS',
    title: 'Pipelined and crossing CALLs: answered and correlated, no deadlock',
    ocpp: '1.6',
    sut: 'cs',
    block: 'RPC',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-RPC-10',
    severity: 'medium',
    cwe: 'CWE-833',
    requirements: ['OCPPJ16-4.1.1', 'OCPPJ16-4.1.4'],
    purpose:
      'Two GetConfiguration CALLs for different keys are sent back to back without waiting; each answer must carry its own message id and the key that call asked for. Then, while a CALL of the charge point (a triggered Heartbeat) is left unanswered, the harness sends a GetConfiguration: CALLs crossing in both directions are legal and the charge point must answer it rather than wait for its own. Meanwhile it should keep to one outstanding CALL of its own.',
    hint: 'Handle inbound CALLs independently of your own outstanding CALL (a crossing CALL is legal) and correlate every answer by message id; queue your own CALLs so only one is outstanding at a time.',
    fault: 'cp-ignores-calls-while-own-call-pending',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('Booted');
    const conn = csms.connection!;

    ctx.step('The harness triggers a Heartbeat and holds its answer back');
    csms.stopResponding('Heartbeat');
    const last = csms.receivedCalls('Heartbeat').at(-1);
    const trig = await csms.call('TriggerMessage', { requestedMessage: 'Heartbeat' }, { requirement: 'OCPPJ16-4.1.1' });
    if (trig.status !== 'Accepted') {
      ctx.note(`TriggerMessage Heartbeat answered ${trig.status}: the crossing-call part cannot be exercised`);
      csms.respondTo('Heartbeat', () => ({ currentTime: ctx.nowIso() }));
    } else {
      const held = await csms.expectCall('Heartbeat', { after: last, requirement: 'OCPPJ16-4.1.1' });

      ctx.step('While its Heartbeat is unanswered, the charge point answers a GetConfiguration from the harness');
      await fenceCall(ctx, csms, held.conn, 'GetConfiguration', { key: ['HeartbeatInterval'] }, 'OCPPJ16-4.1.1', true);

      ctx.step('It sends no further CALL while its own is outstanding (SHOULD)');
      await csms.wait(Math.min(config.timeouts.silenceMs, 500));
      const more = csms.receivedCalls().filter((c) => c.at > held.at && c.conn === held.conn);
      if (more.length) ctx.nonStrict('OCPPJ16-4.1.1', `sent ${more.map((c) => c.action).join(', ')} while its Heartbeat was unanswered`);

      await csms.reply(held, { currentTime: ctx.nowIso() });
      csms.respondTo('Heartbeat', () => ({ currentTime: ctx.nowIso() }));
    }

    ctx.step('Two GetConfiguration CALLs are sent back to back; each answer matches its own request');
    const [a, b] = [ctx.ids.next(), ctx.ids.next()];
    await conn.send(serializeCall(a, 'GetConfiguration', { key: ['HeartbeatInterval'] }));
    await conn.send(serializeCall(b, 'GetConfiguration', { key: ['MeterValueSampleInterval'] }));
    const [ra, rb] = await Promise.all([
      csms.awaitResponse(a, 'GetConfiguration HeartbeatInterval', conn, { requirement: 'OCPPJ16-4.1.4' }),
      csms.awaitResponse(b, 'GetConfiguration MeterValueSampleInterval', conn, { requirement: 'OCPPJ16-4.1.4' }),
    ]);
    ctx.check(ra.kind === 'result' && keysIn(ra.payload).includes('HeartbeatInterval') && !keysIn(ra.payload).includes('MeterValueSampleInterval'), 'OCPPJ16-4.1.4', 'the answer with the first id reports HeartbeatInterval only', ra);
    ctx.check(rb.kind === 'result' && keysIn(rb.payload).includes('MeterValueSampleInterval') && !keysIn(rb.payload).includes('HeartbeatInterval'), 'OCPPJ16-4.1.4', 'the answer with the second id reports MeterValueSampleInterval only', rb);
  },
);
