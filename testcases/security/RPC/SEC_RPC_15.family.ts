import {
  check,
  defineCase,
  defineCaseFamily,
  present,
  serializeCall,
  type CaseContext,
  type OcppConnection,
  untypedContext,
} from '../../../src/dsl.js';
import {
  WS_OPCODE,
  deflateWindowBits,
  encodeWsFrame,
  expectReachable,
  fenceCall,
  harnessEndpoint,
  livenessCall,
} from '../../../src/kit/index.js';

/**
 * SEC-RPC-15, WebSocket frames RFC 6455 forbids (or OCPP-J does not use), for both roles: the
 * union of the former cases' frames. Masking depends on the direction: the harness masks as a
 * client (SUT a CSMS) and not as a server (SUT a station), and the wrong-masking probe inverts
 * that. A binary frame may be ignored; every other frame makes the SUT fail that connection with
 * the matching close code; afterwards the SUT is reachable again.
 */

const ROWS = [
  {
    id: 'SEC_RPC_15_CS',
    sut: 'cs',
    title: 'WebSocket frame abuse from the CSMS side',
    purpose:
      'Frames a server must not send (binary data where OCPP-J uses text, invalid UTF-8, RSV bits without an extension, a fragmented or oversized control frame, a masked frame) never crash the station: it fails the connection with the matching close code (or ignores the binary frame) and reconnects.',
    hint: 'Use a WebSocket stack that enforces RFC 6455 on the client side (close 1002/1007, 1003 for binary) and keep the OCPP layer alive across such closes: reconnect with back-off.',
    requirements: ['OCPPJ20-4.1.2', 'RFC6455-8.1', 'RFC6455-5.2', 'RFC6455-5.5', 'RFC6455-5.1'],
  },
  {
    id: 'SEC_RPC_15_CSMS',
    sut: 'csms',
    title: 'WebSocket frame abuse toward the CSMS',
    purpose:
      'A binary frame is ignored, answered with a CALLERROR or closed with 1003, and the session keeps working otherwise; invalid UTF-8 in a text frame, an unmasked client frame, an oversized or fragmented control frame and undefined RSV bits make the CSMS fail that one connection (close 1007 or 1002) while it keeps accepting the station.',
    hint: 'Use a WebSocket stack that enforces RFC 6455 (masking, control-frame limits, RSV bits, UTF-8 validation) and closes with the matching code; treat a binary message as unsupported data (ignore it or close with 1003) instead of passing it to the OCPP parser.',
    requirements: ['OCPPJ20-4.1.2', 'RFC6455-8.1', 'RFC6455-5.1', 'RFC6455-5.5', 'RFC6455-5.2'],
  },
] as const;

interface Abuse {
  what: string;
  requirement: string;
  bytes: (text: string, mask: boolean) => Buffer;
  /** Close codes that fit (permessage-deflate negotiated or not). */
  codes: (deflate: boolean) => number[];
  /** Whether keeping the session (ignoring the frame) is conformant too. */
  mayStay: boolean;
}

const ABUSES: Abuse[] = [
  {
    what: 'a binary frame holding a CALL',
    requirement: 'OCPPJ20-4.1.2',
    bytes: (t, mask) => encodeWsFrame({ opcode: WS_OPCODE.binary, payload: Buffer.from(t), mask }),
    codes: () => [1003, 1002],
    mayStay: true,
  },
  {
    what: 'a text frame with invalid UTF-8',
    requirement: 'RFC6455-8.1',
    bytes: (_t, mask) =>
      encodeWsFrame({ opcode: WS_OPCODE.text, payload: Buffer.from([0x5b, 0x32, 0x2c, 0x22, 0xc3, 0x28, 0xff, 0xfe, 0x22, 0x5d]), mask }),
    codes: () => [1007],
    mayStay: false,
  },
  // Where permessage-deflate was negotiated (a station may offer it to a CSMS), RSV1 marks a
  // compressed frame, and this one does not inflate: invalid data (1007) fits as well.
  {
    what: 'a text frame with RSV1 set whose payload is not compressed',
    requirement: 'RFC6455-5.2',
    bytes: (t, mask) => encodeWsFrame({ opcode: WS_OPCODE.text, payload: t, rsv: 4, mask }),
    codes: (deflate) => (deflate ? [1002, 1007] : [1002]),
    mayStay: false,
  },
  {
    what: 'a text frame with the RSV2 and RSV3 bits set',
    requirement: 'RFC6455-5.2',
    bytes: (t, mask) => encodeWsFrame({ opcode: WS_OPCODE.text, payload: t, rsv: 3, mask }),
    codes: () => [1002],
    mayStay: false,
  },
  {
    what: 'a fragmented ping (control frame without FIN)',
    requirement: 'RFC6455-5.5',
    bytes: (_t, mask) => encodeWsFrame({ opcode: WS_OPCODE.ping, payload: 'x', fin: false, mask }),
    codes: () => [1002],
    mayStay: false,
  },
  {
    what: 'a ping with a 126-byte payload',
    requirement: 'RFC6455-5.5',
    bytes: (_t, mask) => encodeWsFrame({ opcode: WS_OPCODE.ping, payload: Buffer.alloc(126, 0x61), mask }),
    codes: () => [1002],
    mayStay: false,
  },
  {
    what: 'a frame with the wrong masking for its direction',
    requirement: 'RFC6455-5.1',
    bytes: (t, mask) => encodeWsFrame({ opcode: WS_OPCODE.text, payload: t, mask: !mask }),
    codes: () => [1002],
    mayStay: false,
  },
];

const closedBy = (conn: OcppConnection, ms: number) =>
  Promise.race([
    new Promise<boolean>((r) => (conn.closed ? r(true) : conn.onClose(() => r(true)))),
    new Promise<boolean>((r) => setTimeout(() => r(false), ms)),
  ]);

/** One abusive frame on the current connection, judged, and the SUT reachable again afterwards. */
async function abuse(ctx: CaseContext, a: Abuse, session: string): Promise<void> {
  const endpoint = harnessEndpoint(ctx);
  if (!endpoint.connection) await expectReachable(ctx, session, `before ${a.what}`);
  const conn = present(endpoint.connection, session, 'a connection to the SUT', 'none');
  const fence = livenessCall(ctx);
  const bytes = a.bytes(serializeCall(ctx.ids.next(), fence.action, fence.payload), ctx.meta.sut === 'csms');
  conn.writeRawBytes(bytes, a.what);
  const evidence = `<raw ${bytes.subarray(0, 48).toString('hex')}> (${a.what})`;
  const closed = await closedBy(conn, ctx.waits.silence);
  if (!closed) {
    ctx.note(`${a.what}: the connection stayed open`);
    if (!a.mayStay) ctx.evidence(evidence);
    check(a.mayStay, a.requirement, `the SUT fails the connection after ${a.what}`, `still open after ${ctx.waits.silence} ms`);
    await fenceCall(ctx, endpoint, conn, fence.action, fence.payload, a.requirement, true);
  } else {
    const code = conn.closed?.code;
    const codes = a.codes(deflateWindowBits(conn, ctx.meta.sut === 'csms' ? 'client' : 'server') !== undefined);
    ctx.note(`${a.what}: closed with code ${code}`);
    if (code === 1011 || code === 1006) ctx.evidence(evidence);
    check(
      code !== 1011 && code !== 1006,
      a.requirement,
      `close code ${codes.join(' or ')} after ${a.what}`,
      `close code ${code}${code === 1006 ? ' (the TCP connection dropped without a close frame)' : ' (server error)'}`,
    );
    if (code === undefined || !codes.includes(code))
      ctx.nonStrict(a.requirement, `${a.what} closed with ${code}; ${codes.join(' or ')} is the code RFC 6455 gives it`);
  }
  ctx.step(`After ${a.what} the SUT is reachable again`);
  await expectReachable(ctx, session, `after ${a.what}`);
}

export default defineCaseFamily(ROWS, (row) =>
  defineCase(
    {
      ...row,
      requirements: [...row.requirements],
      ocpp: '2.0.1',
      block: 'RPC',
      suite: 'security',
      profiles: ['Security'],
      rule: 'SEC-RPC-15',
      severity: 'high',
      cwe: 'CWE-20',
      fault: 'binary-frame-crash',
    },
    async (ctx) => {
      await ctx.given('Booted');
      for (const a of ABUSES) {
        ctx.step(
          `The harness sends ${a.what}; the SUT fails the connection with the matching code${a.mayStay ? ' or ignores the frame' : ''}`,
        );
        await abuse(untypedContext(ctx), a, row.requirements[0]);
      }
    },
  ),
);
