import { defineCase } from '../../../../src/dsl.js';
import { encodeWsFrame, WS_OPCODE, describeOutcome, expectReachable, sendAndObserve, deflateBomb, deflateWindowBits, fragmentFlood, paddedCall } from '../../../../src/kit/index.js';

/** Bounds: one message of 4000 one-byte fragments (12 KB on the wire), one bomb of 128 MiB inflated (about 130 KB on the wire). */
const FRAGMENTS = 4000;
const BOMB_BYTES = 128 * 1024 * 1024;
const HEARTBEAT_INTERVAL = { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } };

export default defineCase(
  {
    id: 'SEC_DOS_02_CS',
    title: 'Fragment flood and permessage-deflate bomb toward the station',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'DOS',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-DOS-02',
    severity: 'high',
    cwe: 'CWE-770',
    requirements: ['RFC6455-10.4', 'RFC6455-5.2', 'OCPPJ20-5.3', 'RFC6455-7.4.1'],
    purpose:
      `A GetVariables split into ${FRAGMENTS} one-byte WebSocket fragments is assembled and answered, or refused by closing the connection. A compressed (RSV1) frame that would inflate to 128 MiB is never processed: the mock CSMS does not negotiate permessage-deflate, so the station fails the connection with 1002 (had it been negotiated: stops inflating at its limit, 1009). After each, the station is connected again and answers.`,
    hint: 'Limit the fragments and the size of one message (close 1008/1009 above them), refuse RSV1 frames unless permessage-deflate was negotiated, and count the inflated size of compressed messages against the limit; the OCPP layer must reconnect after such a close.',
    fault: 'fragment-flood-crash',
    timeoutMs: 60_000,
  },
  async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('Booted');

    /** The station is connected again (reconnecting if it dropped) and answers a GetVariables. */
    const reachable = async (what: string, culprit: string) => {
      ctx.step(`The station is reachable after ${what}`);
      await expectReachable(ctx, 'OCPPJ20-5.3', `after ${what}`).catch((err: unknown) => {
        ctx.evidence(culprit);
        throw err;
      });
    };

    ctx.step(`The harness sends a GetVariables as ${FRAGMENTS} one-byte fragments; the station assembles and answers it, or closes the connection`);
    const id = ctx.ids.next();
    const text = paddedCall(id, 'GetVariables', { getVariableData: [HEARTBEAT_INTERVAL] }, FRAGMENTS);
    const flood = fragmentFlood(text, false);
    const floodCulprit = `${text.slice(0, 80)}… (${text.length} bytes sent as ${FRAGMENTS} one-byte WebSocket fragments, ${flood.length} bytes on the wire)`;
    const out = await sendAndObserve(ctx, { bytes: flood, description: `GetVariables in ${FRAGMENTS} one-byte fragments` }, { ids: [id], within: config.timeouts.messageMs });
    ctx.note(`fragmented GetVariables: ${describeOutcome(out)}`);
    if (out.kind === 'silent') ctx.evidence(floodCulprit);
    ctx.check(out.kind !== 'silent', 'RFC6455-10.4', `an answer to the GetVariables in ${FRAGMENTS} fragments, or the connection closed`, `no answer within ${config.timeouts.messageMs} ms and the connection stayed open`);
    if (out.kind === 'closed' && out.code !== 1008 && out.code !== 1009) ctx.nonStrict('RFC6455-7.4.1', `the fragment flood closed the connection with ${out.code}; 1008 (policy) or 1009 (too big) tells the CSMS why`);
    await reachable('the fragment flood', floodCulprit);

    const conn = csms.connection!;
    const bits = deflateWindowBits(conn, 'server');
    const negotiated = bits !== undefined;
    ctx.step(
      negotiated
        ? 'permessage-deflate was negotiated: the harness sends a compressed GetVariables that inflates to 128 MiB; the station closes the connection (1009) instead of processing it'
        : 'permessage-deflate was not negotiated: the harness sends a compressed (RSV1) GetVariables that would inflate to 128 MiB; the station fails the connection with 1002',
    );
    const bid = ctx.ids.next();
    const head = `[2,${JSON.stringify(bid)},"GetVariables",{"getVariableData":[${JSON.stringify(HEARTBEAT_INTERVAL)}],"customData":{"vendorId":"org.ocpp-harness.sec","pad":"`;
    const tail = '"}}]';
    const deflated = await deflateBomb(head, BOMB_BYTES, tail, bits ?? 15);
    const bombCulprit = `text frame with RSV1, ${deflated.length} bytes of DEFLATE inflating to ${head.length + BOMB_BYTES + tail.length} bytes: ${head}AAAA…${tail}`;
    const bomb = await sendAndObserve(ctx, { bytes: encodeWsFrame({ opcode: WS_OPCODE.text, payload: deflated, rsv: 4, mask: false }), description: `compressed GetVariables inflating to ${BOMB_BYTES} bytes` }, { ids: [bid], within: config.timeouts.messageMs });
    ctx.note(`deflate bomb (${deflated.length} bytes): ${describeOutcome(bomb)}`);
    const requirement = negotiated ? 'RFC6455-10.4' : 'RFC6455-5.2';
    const answered = bomb.kind === 'result' || bomb.kind === 'error';
    if (answered) ctx.evidence(bombCulprit);
    ctx.check(!answered, requirement, 'the compressed message is refused, not inflated and processed', `it was answered: the station inflated ${BOMB_BYTES} bytes${negotiated ? '' : ' from a frame whose RSV1 bit no extension allowed'}`);
    if (negotiated) {
      if (bomb.kind === 'silent') ctx.nonStrict('RFC6455-10.4', `the compressed message got no answer and the connection stayed open for ${config.timeouts.messageMs} ms; closing with 1009 tells the CSMS why`);
      else if (bomb.kind === 'closed' && bomb.code !== 1009) ctx.nonStrict('RFC6455-7.4.1', `the deflate bomb closed the connection with ${bomb.code}; 1009 (message too big) is the code for it`);
    } else {
      if (bomb.kind === 'silent') ctx.evidence(bombCulprit);
      ctx.check(bomb.kind === 'closed', 'RFC6455-5.2', 'the station fails the connection after a frame with RSV1 set and no extension negotiated', `still open after ${config.timeouts.messageMs} ms`);
      if (bomb.kind === 'closed' && bomb.code !== 1002) ctx.nonStrict('RFC6455-5.2', `an RSV1 frame without a negotiated extension closed the connection with ${bomb.code}; 1002 (protocol error) is the code for it`);
    }
    await reachable('the deflate bomb', bombCulprit);
  },
);
