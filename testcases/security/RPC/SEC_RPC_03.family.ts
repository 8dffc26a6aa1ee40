import { defineCase, defineCaseFamily } from '../../../src/dsl.js';
import { frameProbeRule, type Carrier, type FrameProbe } from '../../../src/kit/index.js';

/**
 * SEC-RPC-03, message type ids the version does not define, for both versions and roles. The
 * probes are the union of the former cases: CALL-shaped frames of the carried request (kit:
 * probeCarrier) with each unknown type id, and the 2.1 CALLRESULTERROR shape of type 5.
 */

/** Message type ids neither 1.6 nor 2.0.1 defines (5 and 6 exist only in 2.1). */
const TYPES = [0, 1, 5, 6, 7, 99, -1];

const ROWS = [
  {
    id: 'SEC16_RPC_03_CS',
    ocpp: '1.6',
    sut: 'cs',
    title: 'Frames with a message type 1.6 does not define are ignored, never executed',
    severity: 'medium',
    purpose:
      'The harness sends CALL-shaped frames carrying a ChangeConfiguration to a marker value but with message type 0, 1, 5, 6, 7, 99 or -1, and a 2.1 CALLRESULTERROR (type 5). OCPP-J 1.6 knows only 2, 3 and 4 (5 and 6 are 2.1 frame types); the charge point ignores the payload of the others (a CALLERROR is tolerated), answers no CALLRESULT and stores nothing.',
    hint: 'Dispatch on the exact message type: 2 is a CALL, 3 and 4 answer one of your own calls; drop every other type (or answer a CALLERROR) without looking at the rest of the frame. Do not treat newer-version types such as 6 (SEND) as calls.',
    fault: 'cp-executes-send-type-6',
    requirements: ['OCPPJ16-4.1.3', 'OCPPJ16-4.2.3'],
  },
  {
    id: 'SEC16_RPC_03_CSMS',
    ocpp: '1.6',
    sut: 'csms',
    title: 'Frames with a message type 1.6 does not define are ignored, never executed',
    severity: 'medium',
    purpose:
      'The harness sends CALL-shaped Authorize frames for the valid idTag with message type 0, 1, 5, 6, 7, 99 or -1, and a 2.1 CALLRESULTERROR (type 5). OCPP-J 1.6 knows only 2, 3 and 4; the central system ignores the payload of any other type (a CALLERROR is tolerated) and never answers one with a CALLRESULT.',
    hint: 'Dispatch on the exact message type: 2 is a CALL, 3 and 4 answer one of your own calls; drop every other type (or answer a CALLERROR) without processing the rest of the frame. Do not treat newer-version types such as 6 (SEND) as calls on a 1.6 connection.',
    fault: 'cs-unknown-type-handled-as-call',
    requirements: ['OCPPJ16-4.1.3', 'OCPPJ16-4.2.3'],
  },
  {
    id: 'SEC_RPC_03_CS',
    ocpp: '2.0.1',
    sut: 'cs',
    title: 'Unknown message type ids toward the station',
    severity: 'high',
    purpose:
      'A frame with a message type id that 2.0.1 does not define (0, 1, 5, 6, 7, 99, -1; a 2.1 CALLRESULTERROR) carries no request: the station ignores it or answers MessageTypeNotSupported, and in particular does not perform the Reset its payload names.',
    hint: 'Dispatch on the exact message type id: only 2 is a request. Ignore other ids or answer CALLERROR MessageTypeNotSupported; never treat them as a CALL.',
    fault: 'unknown-type-executed-as-call',
    requirements: ['OCPPJ20-4.1.3', 'OCPPJ20-4.4'],
  },
  {
    id: 'SEC_RPC_03_CSMS',
    ocpp: '2.0.1',
    sut: 'csms',
    title: 'Unknown message type ids toward the CSMS',
    severity: 'medium',
    purpose:
      'Frames with a message type id 2.0.1 does not have (0, 1, 5, 6, 7, 99, -1; a 2.1 CALLRESULTERROR) are ignored or answered with MessageTypeNotSupported; in particular a 2.1 SEND is not executed as a CALL on a 2.0.1 connection, and the session stays usable.',
    hint: 'Dispatch on the exact message type ids 2, 3 and 4 only. Drop any other type, or answer MessageTypeNotSupported, without looking at the action or payload it carries.',
    fault: 'unknown-message-type-executed',
    requirements: ['OCPPJ20-4.1.3', 'OCPPJ20-4.2.3'],
  },
] as const;

function probes(next: () => string, carrier: Carrier): FrameProbe[] {
  const typed = TYPES.map((type): FrameProbe => {
    const id = next();
    return { label: `message type ${type}`, text: carrier.frame(type, id), id };
  });
  const id = next();
  return [...typed, { label: 'message type 5 shaped as a 2.1 CALLRESULTERROR', text: JSON.stringify([5, id, 'GenericError', '', {}]), id }];
}

export default defineCaseFamily(ROWS, (row) =>
  defineCase(
    {
      ...row,
      requirements: [...row.requirements],
      block: 'RPC',
      suite: 'security',
      profiles: ['Security'],
      rule: 'SEC-RPC-03',
      cwe: 'CWE-20',
    },
    async (ctx) => {
      const [executed, code] = row.requirements;
      await frameProbeRule(ctx, (carrier) => probes(() => ctx.ids.next(), carrier), {
        session: executed,
        executed,
        code,
        // The table: 2.0.1 allows ignoring or MessageTypeNotSupported; 1.6 names no code (NotSupported and its framing codes fit).
        malformation: 'unknown-message-type',
      });
    },
  ),
);
