import { check, defineCase, defineCaseFamily, present } from '../../../src/dsl.js';
import {
  WS_OPCODE,
  deflateBomb,
  deflateWindowBits,
  describeOutcome,
  encodeWsFrame,
  fragmentFlood,
  harnessEndpoint,
  livenessCall,
  paddedCall,
  sendAndObserve,
  servedAgain,
} from '../../../src/kit/index.js';

/**
 * SEC-DOS-02, a fragment flood and a permessage-deflate bomb, for both roles: the request is the
 * liveness call of the role (GetVariables to a station, Heartbeat to a CSMS) and masking follows
 * the direction. The flood is answered or refused by a close; the bomb is never inflated and
 * processed. Afterwards the SUT serves the harness again.
 */

/** Bounds: one message of 4000 one-byte fragments, one bomb of 128 MiB inflated (about 130 KB on the wire). */
const FRAGMENTS = 4000;
const BOMB_BYTES = 128 * 1024 * 1024;

const ROWS = [
  {
    id: 'SEC_DOS_02_CS',
    sut: 'cs',
    title: 'Fragment flood and permessage-deflate bomb toward the station',
    cwe: 'CWE-770',
    purpose: `A GetVariables split into ${FRAGMENTS} one-byte WebSocket fragments is assembled and answered, or refused by closing the connection. A compressed (RSV1) frame that would inflate to 128 MiB is never processed: the mock CSMS does not negotiate permessage-deflate, so the station fails the connection with 1002 (had it been negotiated: stops inflating at its limit, 1009). After each, the station is connected again and answers.`,
    hint: 'Limit the fragments and the size of one message (close 1008/1009 above them), refuse RSV1 frames unless permessage-deflate was negotiated, and count the inflated size of compressed messages against the limit; the OCPP layer must reconnect after such a close.',
    fault: 'fragment-flood-crash',
    requirements: ['RFC6455-10.4', 'RFC6455-5.2', 'OCPPJ20-5.3', 'RFC6455-7.4.1'],
    served: 'OCPPJ20-5.3',
  },
  {
    id: 'SEC_DOS_02_CSMS',
    sut: 'csms',
    title: 'Fragment flood and permessage-deflate bomb toward the CSMS',
    cwe: 'CWE-409',
    purpose: `A Heartbeat split into ${FRAGMENTS} one-byte WebSocket fragments is assembled and answered, or refused by closing the connection. A compressed frame that inflates to 128 MiB is never processed: with permessage-deflate negotiated the CSMS stops inflating at its limit and closes (1009); without it, RSV1 is a protocol error and the CSMS fails the connection (1002). After each, the CSMS accepts the station again and answers it.`,
    hint: 'Bound what one message may cost: limit the number of fragments and the message size, count the inflated size of compressed messages against that limit (inflate incrementally, stop and close with 1009 above it), and refuse RSV1 frames unless permessage-deflate was negotiated. With the Node ws library keep maxPayload explicit and ws >= 8.21 (GHSA-96hv-2xvq-fx4p).',
    fault: 'deflate-bomb-crash',
    requirements: ['SEC-DOS-02', 'RFC6455-10.4', 'RFC6455-5.2', 'RFC6455-7.4.1'],
    served: 'SEC-DOS-02',
  },
] as const;

export default defineCaseFamily(ROWS, ({ served, ...row }) =>
  defineCase(
    {
      ...row,
      requirements: [...row.requirements],
      ocpp: '2.0.1',
      block: 'DOS',
      suite: 'security',
      profiles: ['Security'],
      rule: 'SEC-DOS-02',
      severity: 'high',
      timeoutMs: 60_000,
    },
    async (ctx) => {
      // The harness is the client (and masks) when the SUT is a CSMS.
      const client = row.sut === 'csms';
      const call = livenessCall(ctx);
      await ctx.given('Booted');

      ctx.step(
        `The harness sends a ${call.action} as ${FRAGMENTS} one-byte fragments; the SUT assembles and answers it, or closes the connection`,
      );
      const id = ctx.ids.next();
      const text = paddedCall(id, call.action, call.payload, FRAGMENTS);
      const flood = fragmentFlood(text, client);
      const floodCulprit = `${text.slice(0, 80)}… (${text.length} bytes sent as ${FRAGMENTS} one-byte WebSocket fragments, ${flood.length} bytes on the wire)`;
      const out = await sendAndObserve(
        ctx,
        { bytes: flood, description: `${call.action} in ${FRAGMENTS} one-byte fragments` },
        { ids: [id], within: ctx.waits.message },
      );
      ctx.note(`fragmented ${call.action}: ${describeOutcome(out)}`);
      if (out.kind === 'silent') ctx.evidence(floodCulprit);
      check(
        out.kind !== 'silent',
        'RFC6455-10.4',
        `an answer to the ${call.action} in ${FRAGMENTS} fragments, or the connection closed`,
        `no answer within ${ctx.waits.message} ms and the connection stayed open`,
      );
      if (out.kind === 'closed' && out.code !== 1008 && out.code !== 1009)
        ctx.nonStrict(
          'RFC6455-7.4.1',
          `the fragment flood closed the connection with ${out.code}; 1008 (policy) or 1009 (too big) tells the peer why`,
        );
      ctx.step('After the fragment flood the SUT serves the harness again');
      await servedAgain(ctx, served, { what: 'after the fragment flood', culprit: floodCulprit });

      const conn = present(harnessEndpoint(ctx).connection, served, 'a connection to the SUT', 'none');
      const bits = deflateWindowBits(conn, client ? 'client' : 'server');
      const negotiated = bits !== undefined;
      ctx.step(
        negotiated
          ? `permessage-deflate was negotiated: the harness sends a compressed ${call.action} that inflates to 128 MiB; the SUT closes the connection (1009) instead of processing it`
          : `permessage-deflate was not negotiated: the harness sends a compressed (RSV1) ${call.action} that would inflate to 128 MiB; the SUT fails the connection with 1002`,
      );
      const bid = ctx.ids.next();
      // The call with an empty customData pad, cut where the pad's value starts.
      const tail = '"}}]';
      const head = JSON.stringify([
        2,
        bid,
        call.action,
        { ...call.payload, customData: { vendorId: 'org.ocpp-harness.sec', pad: '' } },
      ]).slice(0, -tail.length);
      const deflated = await deflateBomb(head, BOMB_BYTES, tail, bits ?? 15);
      const bombCulprit = `text frame with RSV1, ${deflated.length} bytes of DEFLATE inflating to ${head.length + BOMB_BYTES + tail.length} bytes: ${head}AAAA…${tail}`;
      const bomb = await sendAndObserve(
        ctx,
        {
          bytes: encodeWsFrame({ opcode: WS_OPCODE.text, payload: deflated, rsv: 4, mask: client }),
          description: `compressed ${call.action} inflating to ${BOMB_BYTES} bytes`,
        },
        { ids: [bid], within: ctx.waits.message },
      );
      ctx.note(`deflate bomb (${deflated.length} bytes): ${describeOutcome(bomb)}`);
      const requirement = negotiated ? 'RFC6455-10.4' : 'RFC6455-5.2';
      const answered = bomb.kind === 'result' || bomb.kind === 'error';
      if (answered) ctx.evidence(bombCulprit);
      check(
        !answered,
        requirement,
        'the compressed message is refused, not inflated and processed',
        `it was answered: the SUT inflated ${BOMB_BYTES} bytes${negotiated ? '' : ' from a frame whose RSV1 bit no extension allowed'}`,
      );
      if (negotiated) {
        if (bomb.kind === 'silent')
          ctx.nonStrict(
            'RFC6455-10.4',
            `the compressed message got no answer and the connection stayed open for ${ctx.waits.message} ms; closing with 1009 tells the peer why`,
          );
        else if (bomb.kind === 'closed' && bomb.code !== 1009)
          ctx.nonStrict(
            'RFC6455-7.4.1',
            `the deflate bomb closed the connection with ${bomb.code}; 1009 (message too big) is the code for it`,
          );
      } else {
        if (bomb.kind === 'silent') ctx.evidence(bombCulprit);
        check(
          bomb.kind === 'closed',
          'RFC6455-5.2',
          'the SUT fails the connection after a frame with RSV1 set and no extension negotiated',
          `still open after ${ctx.waits.message} ms`,
        );
        if (bomb.code !== 1002)
          ctx.nonStrict(
            'RFC6455-5.2',
            `an RSV1 frame without a negotiated extension closed the connection with ${bomb.code}; 1002 (protocol error) is the code for it`,
          );
      }
      ctx.step('After the deflate bomb the SUT serves the harness again');
      await servedAgain(ctx, served, { what: 'after the deflate bomb', culprit: bombCulprit });
    },
  ),
);
