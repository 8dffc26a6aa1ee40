import { defineCase, CaseFailure, type CallOutcome, type OcppConnection } from '../../../../src/dsl.js';
import { encodeWsFrame, WS_OPCODE, deflateBomb, deflateWindowBits, fragmentFlood, paddedCall } from '../../../../src/kit/index.js';

/** Bounds: one message of 4000 one-byte fragments (28 KB on the wire), one bomb of 128 MiB inflated (about 130 KB on the wire). */
const FRAGMENTS = 4000;
const BOMB_BYTES = 128 * 1024 * 1024;

export default defineCase(
  {
    id: 'SEC_DOS_02_CSMS',
    title: 'Fragment flood and permessage-deflate bomb toward the CSMS',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'DOS',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-DOS-02',
    severity: 'high',
    cwe: 'CWE-409',
    requirements: ['SEC-DOS-02', 'RFC6455-10.4', 'RFC6455-5.2', 'RFC6455-7.4.1'],
    purpose:
      `A Heartbeat split into ${FRAGMENTS} one-byte WebSocket fragments is assembled and answered, or refused by closing the connection. A compressed frame that inflates to 128 MiB is never processed: with permessage-deflate negotiated the CSMS stops inflating at its limit and closes (1009); without it, RSV1 is a protocol error and the CSMS fails the connection (1002). After each, the CSMS accepts the station again and answers it.`,
    hint: 'Bound what one message may cost: limit the number of fragments and the message size, count the inflated size of compressed messages against that limit (inflate incrementally, stop and close with 1009 above it), and refuse RSV1 frames unless permessage-deflate was negotiated. With the Node ws library keep maxPayload explicit and ws >= 8.21 (GHSA-96hv-2xvq-fx4p).',
    fault: 'deflate-bomb-crash',
    timeoutMs: 60_000,
  },
  async (ctx) => {
    const { station, config } = ctx;
    await ctx.given('Booted');

    /** The answer to `id` on `conn`, or undefined when the connection closed or nothing came in time. */
    const answerOn = (conn: OcppConnection, id: string, what: string): Promise<CallOutcome | undefined> =>
      station.awaitResponse(id, what, conn, { within: config.timeouts.messageMs, requirement: 'RFC6455-10.4' }).catch((err: unknown) => {
        if (err instanceof CaseFailure) return undefined;
        throw err;
      });

    /** After an attack: the station connects (again, if it was closed) and its Heartbeat is answered. */
    const served = async (what: string, culprit: string) => {
      ctx.step(`After ${what} the CSMS accepts the station and answers it`);
      if (!station.connection) {
        const dial = await station.tryConnect();
        if (!dial.ok) ctx.evidence(culprit);
        ctx.check(dial.ok, 'SEC-DOS-02', `the station can connect again after ${what}`, dial.ok ? '' : dial.error);
      }
      const hb = await station.callMayError('Heartbeat', {}, { requirement: 'SEC-DOS-02' }).catch((err: unknown) => {
        ctx.evidence(culprit);
        throw err;
      });
      ctx.check(hb.kind === 'result', 'SEC-DOS-02', `a HeartbeatResponse after ${what}`, hb.kind === 'error' ? `CALLERROR ${hb.errorCode}` : '');
    };

    ctx.step(`The station sends a Heartbeat as ${FRAGMENTS} one-byte fragments; the CSMS assembles and answers it, or closes the connection`);
    const conn = station.connection!;
    const id = ctx.ids.next();
    const text = paddedCall(id, 'Heartbeat', {}, FRAGMENTS);
    const flood = fragmentFlood(text, true);
    const floodCulprit = `${text.slice(0, 80)}… (${text.length} bytes sent as ${FRAGMENTS} one-byte WebSocket fragments, ${flood.length} bytes on the wire)`;
    conn.writeRawBytes(flood, `Heartbeat in ${FRAGMENTS} one-byte fragments`);
    const res = await answerOn(conn, id, `Heartbeat in ${FRAGMENTS} fragments`);
    if (res) ctx.note(`fragmented Heartbeat: ${res.kind === 'result' ? `CALLRESULT ${JSON.stringify(res.payload)}` : `CALLERROR ${res.errorCode}`}`);
    else {
      const code = conn.closed?.code;
      ctx.note(`fragmented Heartbeat: ${code === undefined ? 'no answer, connection open' : `connection closed with code ${code}`}`);
      if (code === undefined) ctx.evidence(floodCulprit);
      ctx.check(code !== undefined, 'RFC6455-10.4', `an answer to the Heartbeat in ${FRAGMENTS} fragments, or the connection closed`, `no answer within ${config.timeouts.messageMs} ms and the connection stayed open`);
      if (code !== 1008 && code !== 1009) ctx.nonStrict('RFC6455-7.4.1', `the fragment flood closed the connection with ${code}; 1008 (policy) or 1009 (too big) tells the station why`);
    }
    await served('the fragment flood', floodCulprit);

    const c = station.connection!;
    const bits = deflateWindowBits(c, 'client');
    const negotiated = bits !== undefined;
    ctx.step(
      negotiated
        ? 'permessage-deflate was negotiated: the station sends a compressed Heartbeat that inflates to 128 MiB; the CSMS closes the connection (1009) instead of processing it'
        : 'permessage-deflate was not negotiated: the station sends a compressed (RSV1) Heartbeat that would inflate to 128 MiB; the CSMS fails the connection with 1002',
    );
    if (!negotiated) ctx.note('the CSMS did not accept the permessage-deflate offer of the station');
    const bid = ctx.ids.next();
    const head = `[2,${JSON.stringify(bid)},"Heartbeat",{"customData":{"vendorId":"org.ocpp-harness.sec","pad":"`;
    const tail = '"}}]';
    const deflated = await deflateBomb(head, BOMB_BYTES, tail, bits ?? 15);
    const bombCulprit = `text frame with RSV1, ${deflated.length} bytes of DEFLATE inflating to ${head.length + BOMB_BYTES + tail.length} bytes: ${head}AAAA…${tail}`;
    c.writeRawBytes(encodeWsFrame({ opcode: WS_OPCODE.text, payload: deflated, rsv: 4 }), `compressed Heartbeat inflating to ${BOMB_BYTES} bytes`);
    const bomb = await answerOn(c, bid, 'the compressed Heartbeat');
    const code = c.closed?.code;
    ctx.note(`deflate bomb (${deflated.length} bytes): ${bomb ? `answered (${bomb.kind === 'result' ? 'CALLRESULT' : `CALLERROR ${bomb.errorCode}`})` : code === undefined ? 'no answer, connection open' : `connection closed with code ${code}`}`);
    const requirement = negotiated ? 'RFC6455-10.4' : 'RFC6455-5.2';
    if (bomb) ctx.evidence(bombCulprit);
    ctx.check(bomb === undefined, requirement, 'the compressed message is refused, not inflated and processed', `it was answered: the CSMS inflated ${BOMB_BYTES} bytes${negotiated ? '' : ' from a frame whose RSV1 bit no extension allowed'}`);
    if (negotiated) {
      if (code === undefined) ctx.nonStrict('RFC6455-10.4', `the compressed message got no answer and the connection stayed open for ${config.timeouts.messageMs} ms; closing with 1009 tells the station why`);
      else if (code !== 1009) ctx.nonStrict('RFC6455-7.4.1', `the deflate bomb closed the connection with ${code}; 1009 (message too big) is the code for it`);
    } else {
      if (code === undefined) ctx.evidence(bombCulprit);
      ctx.check(code !== undefined, 'RFC6455-5.2', 'the CSMS fails the connection after a frame with RSV1 set and no extension negotiated', `still open after ${config.timeouts.messageMs} ms`);
      if (code !== 1002) ctx.nonStrict('RFC6455-5.2', `an RSV1 frame without a negotiated extension closed the connection with ${code}; 1002 (protocol error) is the code for it`);
    }
    await served('the deflate bomb', bombCulprit);
  },
);
