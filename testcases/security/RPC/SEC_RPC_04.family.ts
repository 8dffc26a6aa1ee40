import { defineCase, defineCaseFamily } from '../../../src/dsl.js';
import { frameProbeRule, type Carrier, type FrameProbe } from '../../../src/kit/index.js';

/**
 * SEC-RPC-04, message ids that are not a string of 1 to 36 characters, for both versions and
 * roles: the union of the former cases' ids, each on a CALL of the carried request (kit:
 * probeCarrier). A CALLRESULT under the id, whatever its JSON type, means it was executed.
 */

/** Length of the oversized message id (bounded: the point is the length check, not memory). */
const HUGE_ID = 65_536;

const IDS = '37 characters, 64 KiB, empty, a number, null, an object, an array';

const ROWS = [
  {
    id: 'SEC16_RPC_04_CS',
    ocpp: '1.6',
    sut: 'cs',
    title: 'CALLs with an invalid message id are refused and not executed',
    severity: 'medium',
    purpose: `Each probe is a ChangeConfiguration to a marker value whose message id is not a string of at most 36 characters: ${IDS}. The charge point answers a CALLERROR (with id "-1" when it cannot use the id) or drops the frame; it sends no CALLRESULT and does not store the marker.`,
    hint: 'Validate the message id before anything else: a string of 1 to 36 characters. Refuse any other id with a CALLERROR and do not execute the call; a long id is also a cheap way to inflate memory in id-keyed tables.',
    fault: 'cp-accepts-long-message-id',
    requirements: ['OCPPJ16-4.1.4', 'OCPPJ16-4.2.3'],
  },
  {
    id: 'SEC16_RPC_04_CSMS',
    ocpp: '1.6',
    sut: 'csms',
    title: 'CALLs with an invalid message id are refused and not executed',
    severity: 'medium',
    purpose: `Each probe is an Authorize for the valid idTag whose message id is not a string of at most 36 characters: ${IDS}. The central system answers a CALLERROR (id "-1" when it cannot use the id) or drops the frame; it never authorizes from such a frame.`,
    hint: 'Validate the message id before anything else: a string of 1 to 36 characters. Refuse any other id with a CALLERROR and do not process the call; bound what you store per id.',
    fault: 'cs-accepts-overlong-message-id',
    requirements: ['OCPPJ16-4.1.4', 'OCPPJ16-4.2.3'],
  },
  {
    id: 'SEC_RPC_04_CS',
    ocpp: '2.0.1',
    sut: 'cs',
    title: 'Invalid message ids toward the station',
    severity: 'high',
    purpose: `A message id must be a string of at most 36 characters. A Reset CALL whose id is ${IDS} is rejected with a CALLERROR (or ignored) and never executed.`,
    hint: 'Validate the message id (a non-empty string of at most 36 characters) before dispatching; answer RpcFrameworkError, using "-1" when the id cannot be used, and do not run the action.',
    fault: 'long-message-id-accepted',
    requirements: ['OCPPJ20-4.1.4', 'OCPPJ20-4.2.3'],
  },
  {
    id: 'SEC_RPC_04_CSMS',
    ocpp: '2.0.1',
    sut: 'csms',
    title: 'Invalid message ids toward the CSMS',
    severity: 'medium',
    purpose: `A CALL whose message id is not a string of 1 to 36 characters (${IDS}) is not executed: the CSMS answers with a CALLERROR (under the id when it can be read, else "-1") and keeps the session.`,
    hint: 'Validate the message id (a string of 1 to 36 characters) before dispatching; reject others with RpcFrameworkError and never run the action or store the id.',
    fault: 'long-message-id-accepted',
    requirements: ['OCPPJ20-4.1.4', 'OCPPJ20-4.2.3'],
  },
] as const;

function probes(next: () => string, carrier: Carrier): FrameProbe[] {
  const ids: ReadonlyArray<readonly [string, unknown]> = [
    ['a 37-character id', 'L'.repeat(37)],
    [`a ${HUGE_ID}-character id`, 'H'.repeat(HUGE_ID)],
    ['an empty id', ''],
    ['a numeric id', 12345],
    ['a null id', null],
    ['an object id', { id: next() }],
    ['an array id', [next()]],
  ];
  return ids.map(([label, id]) => ({ label, text: carrier.frame(2, id), id }));
}

export default defineCaseFamily(ROWS, (row) =>
  defineCase(
    {
      ...row,
      requirements: [...row.requirements],
      block: 'RPC',
      suite: 'security',
      profiles: ['Security'],
      rule: 'SEC-RPC-04',
      cwe: 'CWE-20',
    },
    async (ctx) => {
      const [executed, code] = row.requirements;
      await frameProbeRule(ctx, (carrier) => probes(() => ctx.ids.next(), carrier), {
        session: executed,
        executed,
        code,
        // The table: 2.0.1 requires RpcFrameworkError (the id could not be read) under "-1"; 1.6 names no answer.
        malformation: 'bad-message-id',
      });
    },
  ),
);
