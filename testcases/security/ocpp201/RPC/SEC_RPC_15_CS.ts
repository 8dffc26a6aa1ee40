import { defineCase } from '../../../../src/dsl.js';
import { encodeWsFrame, WS_OPCODE, expectReachable } from '../../../../src/kit/index.js';

interface Abuse {
  what: string;
  requirement: string;
  bytes: () => Buffer;
  /** Close codes a conformant client uses when it fails the connection. */
  codes: number[];
  /** Whether staying connected (ignoring the frame) is also conformant. */
  mayStay: boolean;
}

const TEXT = '[2,"sec-rpc-15","GetVariables",{"getVariableData":[{"component":{"name":"OCPPCommCtrlr"},"variable":{"name":"HeartbeatInterval"}}]}]';

/** Server-to-client frames that break RFC 6455 or OCPP-J (a server frame must not be masked). */
const ABUSES: Abuse[] = [
  { what: 'a binary frame', requirement: 'OCPPJ20-4.1.2', bytes: () => encodeWsFrame({ opcode: WS_OPCODE.binary, payload: Buffer.from(TEXT), mask: false }), codes: [1003, 1002], mayStay: true },
  { what: 'a text frame with invalid UTF-8', requirement: 'RFC6455-8.1', bytes: () => encodeWsFrame({ opcode: WS_OPCODE.text, payload: Buffer.from([0x5b, 0x32, 0x2c, 0xff, 0xfe, 0x5d]), mask: false }), codes: [1007], mayStay: false },
  { what: 'a text frame with RSV1 set (no extension negotiated)', requirement: 'RFC6455-5.2', bytes: () => encodeWsFrame({ opcode: WS_OPCODE.text, payload: TEXT, rsv: 4, mask: false }), codes: [1002], mayStay: false },
  { what: 'a fragmented ping (control frame without FIN)', requirement: 'RFC6455-5.5', bytes: () => encodeWsFrame({ opcode: WS_OPCODE.ping, payload: 'x', fin: false, mask: false }), codes: [1002], mayStay: false },
  { what: 'a masked frame from the server', requirement: 'RFC6455-5.1', bytes: () => encodeWsFrame({ opcode: WS_OPCODE.text, payload: TEXT, mask: true }), codes: [1002], mayStay: false },
];

export default defineCase(
  {
    id: 'SEC_RPC_15_CS',
    title: 'WebSocket frame abuse from the CSMS side',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'RPC',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-RPC-15',
    severity: 'high',
    cwe: 'CWE-20',
    requirements: ['OCPPJ20-4.1.2', 'RFC6455-8.1', 'RFC6455-5.2', 'RFC6455-5.5', 'RFC6455-5.1'],
    purpose:
      'Frames a server must not send (binary data where OCPP-J uses text, invalid UTF-8, RSV bits without an extension, a fragmented control frame, a masked frame) never crash the station: it fails the connection with the matching close code (or ignores the binary frame) and reconnects.',
    hint: 'Use a WebSocket stack that enforces RFC 6455 on the client side (close 1002/1007, 1003 for binary) and keep the OCPP layer alive across such closes: reconnect with back-off.',
    fault: 'binary-frame-crash',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('Booted');
    for (const abuse of ABUSES) {
      ctx.step(`The harness sends ${abuse.what}; the station fails the connection or ignores the frame, and stays available`);
      const conn = csms.connection ?? (await csms.expectConnection({ within: config.timeouts.connectMs + config.timeouts.messageMs, requirement: abuse.requirement }));
      const bytes = abuse.bytes();
      conn.writeRawBytes(bytes, abuse.what);
      ctx.evidence(`${abuse.what}: ${bytes.subarray(0, 48).toString('hex')}`);
      await Promise.race([new Promise<void>((r) => (conn.closed ? r() : conn.onClose(() => r()))), csms.wait(config.timeouts.silenceMs)]);
      if (conn.closed) {
        ctx.note(`${abuse.what}: the station closed with ${conn.closed.code}`);
        if (!abuse.codes.includes(conn.closed.code)) ctx.nonStrict(abuse.requirement, `after ${abuse.what} the station closed with ${conn.closed.code}, not ${abuse.codes.join('/')}`);
      } else {
        ctx.note(`${abuse.what}: the connection stayed open`);
        if (!abuse.mayStay) ctx.nonStrict(abuse.requirement, `the station kept the connection after ${abuse.what}`);
      }
      await expectReachable(ctx, abuse.requirement, `after ${abuse.what}`);
    }
  },
);
