import { defineCase, defineCaseFamily } from '../../../src/dsl.js';
import { frameProbeRule, type Carrier, type FrameProbe } from '../../../src/kit/index.js';

/**
 * SEC-RPC-02, JSON arrays shaped almost like a CALL, for both versions and roles. The probes are
 * the union of what the four former cases sent, each carrying the request of this version and
 * role (kit: probeCarrier); a SUT that repairs the shape would execute it.
 */

const SHAPES =
  'a fifth element (a string or an object), no payload, only type and id, an empty array, the message type as a string, a fraction or a boolean, the payload as an array, a string or null, the action as a number';

const ROWS = [
  {
    id: 'SEC16_RPC_02_CS',
    ocpp: '1.6',
    sut: 'cs',
    title: 'CALL frames with a wrong shape are not executed',
    severity: 'medium',
    purpose: `Each probe is a ChangeConfiguration that would set a marker value, framed wrongly: ${SHAPES}. The charge point answers with a CALLERROR or ignores the frame; it never answers with a CALLRESULT and the marker value is not stored.`,
    hint: 'Check the frame shape before dispatching: exactly [2, "<id>", "<Action>", {payload}] with an integer message type. Anything else gets a CALLERROR (FormationViolation or ProtocolError) and is not executed; do not "repair" frames by ignoring extra elements.',
    fault: 'cp-lenient-frame-arity',
    requirements: ['OCPPJ16-4.2.1', 'OCPPJ16-4.1.3', 'OCPPJ16-4.2.3'],
  },
  {
    id: 'SEC16_RPC_02_CSMS',
    ocpp: '1.6',
    sut: 'csms',
    title: 'CALL frames with a wrong shape are not executed',
    severity: 'medium',
    purpose: `Authorize and StartTransaction requests for the valid idTag are framed wrongly: ${SHAPES}. The central system answers with a CALLERROR or ignores the frame; it never answers with a CALLRESULT (which would mean it authorized or started something from a broken frame).`,
    hint: 'Check the frame shape before dispatching: exactly [2, "<id>", "<Action>", {payload}] with an integer message type. Anything else gets a CALLERROR (FormationViolation or ProtocolError) and is not processed; do not ignore extra elements.',
    fault: 'cs-lenient-frame-arity',
    requirements: ['OCPPJ16-4.2.1', 'OCPPJ16-4.1.3', 'OCPPJ16-4.2.3'],
  },
  {
    id: 'SEC_RPC_02_CS',
    ocpp: '2.0.1',
    sut: 'cs',
    title: 'Wrong arity and non-integer message types toward the station',
    severity: 'high',
    purpose: `Frames that look like a Reset CALL but are not valid RPC messages (${SHAPES}) are answered with a CALLERROR or ignored; the station never performs the reset.`,
    hint: 'Check the element count and that the message type id is an integer before dispatching; answer RpcFrameworkError (or FormatViolation) and do not execute the action.',
    fault: 'arity-tolerated',
    requirements: ['OCPPJ20-4.2.1', 'OCPPJ20-4.2.3'],
  },
  {
    id: 'SEC_RPC_02_CSMS',
    ocpp: '2.0.1',
    sut: 'csms',
    title: 'Malformed RPC arrays toward the CSMS: arity, type id, payload type',
    severity: 'medium',
    purpose: `A JSON array that is not a well-formed CALL (${SHAPES}) is not executed: the CSMS answers with a CALLERROR (under the frame's id, or "-1") or ignores it, and keeps the session.`,
    hint: 'Check the shape of every frame before dispatching it: exactly [2, id, action, {payload}] with an integer type id and an object payload. Reject anything else with RpcFrameworkError (or FormatViolation) and do not run the action.',
    fault: 'lenient-rpc-arity',
    requirements: ['OCPPJ20-4.2.1', 'OCPPJ20-4.2.3'],
  },
] as const;

/** Arrays shaped almost like a CALL of the carried request (the second request where the former 1.6 central-system case used StartTransaction). */
function probes(next: () => string, carrier: Carrier): FrameProbe[] {
  const { action, payload, alt } = carrier;
  const shape = (label: string, build: (id: string) => unknown[]): FrameProbe => {
    const id = next();
    return { label, text: JSON.stringify(build(id)), id };
  };
  return [
    shape('a fifth element', (id) => [2, id, action, payload, 'extra']),
    shape('a fifth element that is an object', (id) => [2, id, alt.action, alt.payload, {}]),
    shape('no payload element', (id) => [2, id, action]),
    shape('only type and id', (id) => [2, id]),
    { label: 'an empty array', text: '[]' },
    shape('message type "2" as a string', (id) => ['2', id, action, payload]),
    shape('message type 2.5', (id) => [2.5, id, action, payload]),
    shape('message type true', (id) => [true, id, action, payload]),
    // The error-code table's payload row: RpcFrameworkError or FormatViolation (2.x), FormationViolation ... (1.6).
    { ...shape('the payload as an array', (id) => [2, id, action, [payload]]), malformation: 'payload-not-object' },
    {
      ...shape('the payload as a JSON string', (id) => [2, id, alt.action, JSON.stringify(alt.payload)]),
      malformation: 'payload-not-object',
    },
    { ...shape('the payload as null', (id) => [2, id, action, null]), malformation: 'payload-not-object' },
    shape('the action as a number', (id) => [2, id, 5, alt.payload]),
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
      rule: 'SEC-RPC-02',
      cwe: 'CWE-20',
    },
    async (ctx) => {
      const [executed] = row.requirements;
      const code = row.requirements[row.requirements.length - 1];
      await frameProbeRule(ctx, (carrier) => probes(() => ctx.ids.next(), carrier), {
        session: executed,
        executed,
        code,
        malformation: 'not-rpc',
      });
    },
  ),
);
