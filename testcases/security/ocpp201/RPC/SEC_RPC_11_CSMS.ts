import { defineCase } from '../../../../src/dsl.js';

/** Malformed answers to a CSMS-initiated TriggerMessage; the id is filled in per call. */
const ANSWERS: ReadonlyArray<readonly [string, (id: string) => string]> = [
  ['a CALLRESULT without its payload', (id) => JSON.stringify([3, id])],
  ['a CALLRESULT whose payload is a string', (id) => JSON.stringify([3, id, 'Accepted'])],
  ['a CALLRESULT with an invalid status and interval -1', (id) => JSON.stringify([3, id, { status: 'Bogus', interval: -1 }])],
  ['a CALLRESULT with a fourth element', (id) => JSON.stringify([3, id, { status: 'Accepted' }, 'extra'])],
  ['a CALLERROR with an unknown code and a 300-character description', (id) => JSON.stringify([4, id, 'NoSuchErrorCode', 'x'.repeat(300), {}])],
  ['a CALLERROR whose details are not an object', (id) => JSON.stringify([4, id, 'GenericError', '', 'details'])],
];

export default defineCase(
  {
    id: 'SEC_RPC_11_CSMS',
    title: 'Malformed CALLRESULT and CALLERROR answers to CSMS calls',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'RPC',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-RPC-11',
    severity: 'high',
    cwe: 'CWE-20',
    requirements: ['OCPPJ20-4.2.2', 'OCPPJ20-4.2.3'],
    purpose:
      'When a station answers a CSMS call with a malformed CALLRESULT or CALLERROR (missing or non-object payload, schema-invalid content, an extra element, an unknown error code, an over-long description, details that are not an object) the CSMS treats the call as failed and stays up: it keeps answering the station and can send it further commands.',
    hint: 'Validate answers like requests: check the frame shape and the response schema before using a field, and turn anything malformed into a failed call (retry or give up) instead of dereferencing it.',
    fault: 'malformed-callresult-crash',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const stationId = config.stationId;
    const trigger = () => ctx.manual('csmsSend', { message: 'TriggerMessage', stationId, requestedMessage: 'Heartbeat' }, `Make the CSMS send TriggerMessage (Heartbeat) to station ${stationId}`);
    await ctx.given('Booted');
    let first = true;
    for (const [what, build] of ANSWERS) {
      if (!first) {
        // A fresh connection, so a CSMS still waiting for the malformed answer is not blocked.
        station.close(1000, 'next variant');
        await station.connect({ requirement: 'OCPPJ20-4.2.2' });
      }
      first = false;
      ctx.step(`The CSMS sends TriggerMessage; the station answers with ${what}`);
      await trigger();
      const call = await station.expectCall('TriggerMessage', { requirement: 'OCPPJ20-4.2.2' });
      call.answered = true;
      const text = build(call.messageId);
      await station.sendRaw(text);
      ctx.step(`After ${what} the CSMS still answers the station`);
      const hb = await station.callMayError('Heartbeat', {}, { requirement: 'OCPPJ20-4.2.2' }).catch((err: unknown) => {
        ctx.evidence(text);
        throw err;
      });
      ctx.note(`after ${what}: Heartbeat answered with ${hb.kind === 'result' ? 'a CALLRESULT' : `CALLERROR ${hb.errorCode}`}`);
    }
    ctx.step('On a fresh connection the CSMS still sends commands, and a well-formed answer is taken');
    station.close(1000, 'final check');
    await station.connect({ requirement: 'OCPPJ20-4.2.2' });
    await trigger();
    const last = await station.expectCall('TriggerMessage', { requirement: 'OCPPJ20-4.2.2' });
    await station.reply(last, { status: 'Accepted' });
    await station.call('Heartbeat', {}, { requirement: 'OCPPJ20-4.2.2' });
  },
);
