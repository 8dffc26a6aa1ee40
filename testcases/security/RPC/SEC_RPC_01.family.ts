import { defineCase, defineCaseFamily } from '../../../src/dsl.js';
import { frameProbeRule, type Carrier, type FrameProbe } from '../../../src/kit/index.js';

/**
 * SEC-RPC-01, text that is not an OCPP-J frame, for both versions and roles. The probes are the
 * union of what the four former cases sent; each is built around the request this version and
 * role carries (kit: probeCarrier), so a lenient parser that repairs the text would execute it.
 */

const PROBES =
  'plain text, an empty message, a cut-off frame, single quotes, a JSON object, a number, null, a JSON string holding a frame, a NaN token, trailing garbage and a byte-order mark before a frame';

const ROWS = [
  {
    id: 'SEC16_RPC_01_CS',
    ocpp: '1.6',
    sut: 'cs',
    title: 'Text that is not an OCPP-J frame is answered or ignored; the session goes on',
    purpose: `The mock central system sends the charge point text frames that are not valid OCPP-J: ${PROBES}. The charge point may answer with a CALLERROR (id "-1" when the id cannot be read) or drop the frame, but it executes nothing and the same WebSocket session keeps answering valid calls.`,
    hint: 'Parse every inbound frame defensively: on a JSON error answer CALLERROR [4,"-1","FormationViolation",...] or drop the frame, and keep the connection open; never let a parse error close the socket or reach the application layer.',
    fault: 'cp-closes-on-invalid-json',
    requirements: ['OCPPJ16-4.1.2', 'OCPPJ16-4.2.3'],
  },
  {
    id: 'SEC16_RPC_01_CSMS',
    ocpp: '1.6',
    sut: 'csms',
    title: 'Text that is not an OCPP-J frame is answered or ignored; the session goes on',
    purpose: `A booted harness charge point sends the central system text frames that are not valid OCPP-J: ${PROBES}. The central system may answer with a CALLERROR (id "-1" when the id cannot be read) or drop the frame, but it executes nothing and keeps serving the same WebSocket session.`,
    hint: 'Catch JSON parse errors per frame: answer CALLERROR [4,"-1","FormationViolation",...] or drop the frame, and keep the connection and the charge point\'s session; one bad frame must not disconnect a charge point.',
    fault: 'cs-closes-on-invalid-json',
    requirements: ['OCPPJ16-4.1.2', 'OCPPJ16-4.2.3'],
  },
  {
    id: 'SEC_RPC_01_CS',
    ocpp: '2.0.1',
    sut: 'cs',
    title: 'Non-JSON and truncated frames toward the station',
    purpose: `Text that is not a JSON array (${PROBES}) must neither crash nor disconnect the station: it answers with a CALLERROR RpcFrameworkError under the id "-1" (OCPP-J 2.0.1 requires the answer; another framework code is accepted with a note), executes nothing and keeps serving the session.`,
    hint: 'Parse every incoming frame defensively. When the text is not a JSON array, answer [4,"-1","RpcFrameworkError","",{}] (do not drop it silently), and keep the WebSocket session open.',
    fault: 'non-json-closes-connection',
    requirements: ['OCPPJ20-4.1.2', 'OCPPJ20-4.2.3'],
  },
  {
    id: 'SEC_RPC_01_CSMS',
    ocpp: '2.0.1',
    sut: 'csms',
    title: 'Non-JSON and truncated frames toward the CSMS',
    purpose: `Text that is not a JSON array (${PROBES}) must not cost the station its session: the CSMS answers with a CALLERROR RpcFrameworkError under the id "-1" (OCPP-J 2.0.1 requires the answer; another framework code is accepted with a note), executes nothing, and keeps answering the station.`,
    hint: 'Parse every frame defensively. When the text is not a JSON array, answer [4,"-1","RpcFrameworkError","",{}] (do not drop it silently), and never close the station connection or stop serving it.',
    fault: 'non-json-closes-connection',
    requirements: ['OCPPJ20-4.1.2', 'OCPPJ20-4.2.3'],
  },
] as const;

/**
 * Texts that are not an OCPP-J message; where one holds a readable message id, an answer may use it.
 * Text that is not JSON is 'unreadable'; JSON that is no array is 'not-rpc' (error-code table).
 */
function probes(next: () => string, carrier: Carrier, peer: string): FrameProbe[] {
  const [cut, nan, garbage, bom] = [next(), next(), next(), next()];
  const { action } = carrier;
  return [
    { label: 'plain text', text: `hello ${peer}` },
    { label: 'an empty message', text: '' },
    { label: 'JSON cut off before the end', text: carrier.frame(2, cut).slice(0, -2), id: cut },
    { label: 'single-quoted strings', text: carrier.frame(2, next()).replaceAll('"', "'") },
    {
      label: 'a JSON object instead of an array',
      text: JSON.stringify({ messageTypeId: 2, messageId: next(), action, payload: carrier.payload }),
      malformation: 'not-rpc',
    },
    { label: 'a JSON number', text: '42', malformation: 'not-rpc' },
    { label: 'JSON null', text: 'null', malformation: 'not-rpc' },
    { label: 'a JSON string holding a frame', text: JSON.stringify(carrier.frame(2, next())), malformation: 'not-rpc' },
    { label: 'a bare NaN token', text: `[2,"${nan}","${action}",{"value":NaN}]`, id: nan },
    { label: 'trailing garbage after a frame', text: `${carrier.frame(2, garbage)}xyz`, id: garbage },
    // Some JSON parsers skip a byte-order mark; OCPP-J text is plain UTF-8 without one.
    { label: 'a byte-order mark before a frame', text: `\ufeff${carrier.frame(2, bom)}`, id: bom },
  ];
}

export default defineCaseFamily(ROWS, (row) =>
  defineCase(
    {
      ...row,
      requirements: [...row.requirements],
      block: 'RPC',
      suite: 'security',
      profiles: ['Security'],
      rule: 'SEC-RPC-01',
      severity: 'medium',
      cwe: 'CWE-20',
    },
    async (ctx) => {
      const [session, unread] = row.requirements;
      const peer = row.sut === 'cs' ? 'charging station' : 'CSMS';
      await frameProbeRule(ctx, (carrier) => probes(() => ctx.ids.next(), carrier, peer), {
        session,
        executed: unread,
        code: unread,
        // 2.0.1 requires RpcFrameworkError under "-1" for text it cannot read; 1.6 lets the receiver drop it.
        malformation: 'unreadable',
      });
    },
  ),
);
