import { defineCase } from '../../../../src/dsl.js';
import { encodeWsFrame, WS_OPCODE, waitUntil } from '../../../../src/kit/index.js';

/** Frames RFC 6455 makes the receiver fail the connection on: [what, bytes, expected close code, requirement]. */
function protocolErrors(): ReadonlyArray<readonly [string, Buffer, number, string]> {
  return [
    ['a text frame with invalid UTF-8', encodeWsFrame({ opcode: WS_OPCODE.text, payload: Buffer.from([0x5b, 0x32, 0x2c, 0x22, 0xc3, 0x28, 0xff, 0xfe, 0x22, 0x5d]) }), 1007, 'RFC6455-8.1'],
    ['an unmasked client frame', encodeWsFrame({ opcode: WS_OPCODE.text, payload: '[2,"sec-rpc-15-a","Heartbeat",{}]', mask: false }), 1002, 'RFC6455-5.1'],
    ['a ping with a 126-byte payload', encodeWsFrame({ opcode: WS_OPCODE.ping, payload: Buffer.alloc(126, 0x61) }), 1002, 'RFC6455-5.5'],
    ['a fragmented ping (FIN not set)', encodeWsFrame({ opcode: WS_OPCODE.ping, payload: 'x', fin: false }), 1002, 'RFC6455-5.5'],
    ['a text frame with the RSV2 and RSV3 bits set', encodeWsFrame({ opcode: WS_OPCODE.text, payload: '[2,"sec-rpc-15-b","Heartbeat",{}]', rsv: 3 }), 1002, 'RFC6455-5.2'],
  ];
}

export default defineCase(
  {
    id: 'SEC_RPC_15_CSMS',
    title: 'WebSocket frame abuse toward the CSMS',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'RPC',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-RPC-15',
    severity: 'high',
    cwe: 'CWE-20',
    requirements: ['OCPPJ20-4.1.2', 'RFC6455-8.1', 'RFC6455-5.1', 'RFC6455-5.5', 'RFC6455-5.2'],
    purpose:
      'A binary frame is ignored, answered with a CALLERROR or closed with 1003, and the session keeps working otherwise; invalid UTF-8 in a text frame, an unmasked client frame, an oversized or fragmented control frame and undefined RSV bits make the CSMS fail that one connection (close 1007 or 1002) while it keeps accepting the station.',
    hint: 'Use a WebSocket stack that enforces RFC 6455 (masking, control-frame limits, RSV bits, UTF-8 validation) and closes with the matching code; treat a binary message as unsupported data (ignore it or close with 1003) instead of passing it to the OCPP parser.',
    fault: 'binary-frame-crash',
  },
  async (ctx) => {
    const { station, config } = ctx;
    await ctx.given('Booted');

    ctx.step('The station sends a binary frame holding a Heartbeat CALL; the CSMS ignores it, answers a CALLERROR, or closes with 1003');
    const conn = station.connection!;
    const binary = Buffer.from('[2,"sec-rpc-15-bin","Heartbeat",{}]', 'utf8');
    await conn.sendBinary(binary);
    const hb = await station.callMayError('Heartbeat', {}, { requirement: 'OCPPJ20-4.1.2' }).catch(() => undefined);
    if (hb) ctx.note(`after the binary frame the session still answers (Heartbeat ${hb.kind === 'result' ? 'CALLRESULT' : `CALLERROR ${hb.errorCode}`})`);
    else {
      await waitUntil(ctx, () => conn.closed !== undefined, config.timeouts.messageMs);
      const code = conn.closed?.code;
      if (code !== 1003) ctx.evidence(`<binary ${binary.toString('hex')}>`);
      ctx.check(code === 1003, 'OCPPJ20-4.1.2', 'the session keeps working after a binary frame, or is closed with 1003 (unsupported data)', code === undefined ? 'the session stopped answering' : `closed with code ${code}`);
    }

    for (const [what, bytes, expected, requirement] of protocolErrors()) {
      ctx.step(`The station sends ${what}; the CSMS closes that connection with ${expected}`);
      const c = station.connection ?? (await station.connect({ requirement: 'OCPPJ20-4.1.2' }));
      c.writeRawBytes(bytes, what);
      const closed = await waitUntil(ctx, () => c.closed !== undefined, config.timeouts.messageMs);
      const code = c.closed?.code;
      ctx.note(`${what}: ${closed ? `closed with code ${code}` : 'connection still open'}`);
      if (!closed || code !== expected) ctx.evidence(`<raw ${bytes.toString('hex').slice(0, 128)}> (${what})`);
      ctx.check(closed, requirement, `the CSMS fails the connection after ${what}`, `still open after ${config.timeouts.messageMs} ms`);
      if (code !== expected) {
        ctx.check(code !== 1011 && code !== 1006, requirement, `close code ${expected} after ${what}`, `close code ${code}${code === 1006 ? ' (the TCP connection dropped without a close frame)' : ' (server error)'}`);
        ctx.nonStrict(requirement, `${what} closed with ${code}; ${expected} is the code RFC 6455 gives this error`);
      }
      ctx.step(`After ${what} the station can connect again and is served`);
      await station.connect({ requirement: 'OCPPJ20-4.1.2' });
      await station.call('Heartbeat', {}, { requirement: 'OCPPJ20-4.1.2' });
    }
  },
);
