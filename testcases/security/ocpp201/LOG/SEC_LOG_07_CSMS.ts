import { defineCase, serializeCall, type CallOutcome } from '../../../../src/dsl.js';
import { ALL_SECURITY_EVENTS_201 } from '../../../../src/kit/index.js';

/** Bounded burst of notifications sent without waiting. */
const BURST = 20;

export default defineCase(
  {
    id: 'SEC_LOG_07_CSMS',
    title: 'Every SecurityEventNotification is acknowledged',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'LOG',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-LOG-07',
    severity: 'medium',
    cwe: 'CWE-778',
    requirements: ['A04.FR.03', 'A04.FR.01'],
    purpose:
      'The CSMS acknowledges (an empty SecurityEventNotificationResponse) each security event a station reports: every standard 2.0.1 type, a proprietary type, a techInfo of the full 255 characters, and a burst of 20 notifications sent at once, so the station can drop them from its queue.',
    hint: 'Answer every SecurityEventNotificationRequest with {} once it is stored, whatever its type (the list of types is open) and however many arrive together; raise an alert for the critical ones.',
    fault: 'securityevent-proprietary-rejected',
  },
  async (ctx) => {
    const { station } = ctx;
    await ctx.given('Booted');
    const ack = (what: string, res: CallOutcome, text: string) => {
      if (res.kind === 'error') ctx.evidence(text);
      ctx.check(
        res.kind === 'result',
        'A04.FR.03',
        `an acknowledgement ({}) of ${what}`,
        res.kind === 'error' ? `CALLERROR ${res.errorCode} "${res.errorDescription}"` : '',
      );
      const keys = Object.keys((res as { payload: object }).payload).filter((k) => k !== 'customData');
      ctx.check(
        keys.length === 0,
        'A04.FR.03',
        `an empty SecurityEventNotificationResponse for ${what}`,
        JSON.stringify((res as { payload: object }).payload),
      );
    };
    const send = async (what: string, payload: Record<string, unknown>) => {
      const id = ctx.ids.next();
      const text = serializeCall(id, 'SecurityEventNotification', payload);
      await station.sendRaw(text);
      ack(
        what,
        await station.awaitResponse(id, `SecurityEventNotification (${what})`, station.connection, { requirement: 'A04.FR.03' }),
        text,
      );
    };

    ctx.step(`The station reports each of the ${ALL_SECURITY_EVENTS_201.length} standard security event types`);
    for (const type of ALL_SECURITY_EVENTS_201) await send(type, { type, timestamp: ctx.nowIso(), techInfo: `harness test event ${type}` });

    ctx.step('The station reports a proprietary event type');
    await send('a proprietary type', {
      type: 'org.ocpp-harness.EnclosureProbe',
      timestamp: ctx.nowIso(),
      techInfo: 'vendor-specific security event',
    });

    ctx.step('The station reports an event with a techInfo of 255 characters');
    await send('a 255-character techInfo', { type: 'InvalidMessages', timestamp: ctx.nowIso(), techInfo: 'T'.repeat(255) });

    ctx.step(`The station reports ${BURST} events at once`);
    const conn = station.connection!;
    const ids = Array.from({ length: BURST }, () => ctx.ids.next());
    const texts = ids.map((id, i) =>
      serializeCall(id, 'SecurityEventNotification', {
        type: i % 2 ? 'InvalidMessages' : 'AttemptedReplayAttacks',
        timestamp: ctx.nowIso(),
        techInfo: `burst ${i + 1} of ${BURST}`,
      }),
    );
    await Promise.all(texts.map((t) => conn.send(t)));
    for (const [i, id] of ids.entries()) {
      ack(
        `burst notification ${i + 1}`,
        await station.awaitResponse(id, 'SecurityEventNotification (burst)', conn, { requirement: 'A04.FR.03' }),
        texts[i],
      );
    }
    ctx.note('whether the CSMS stored or alerted on the events is not visible on the wire');
  },
);
