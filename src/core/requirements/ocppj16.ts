import { defineRequirements } from './sources.js';

/** OCPP-J 1.6: the WebSocket connection (3.x) and the RPC framework (4.x). */
export const OCPPJ16 = defineRequirements('OCPPJ16', [
  [
    'OCPPJ16-3.1.1',
    'MUST',
    'The connection URL ends with the charge point identity, and the Central System binds the connection to that identity, refusing malformed identities without an upgrade.',
  ],
  ['OCPPJ16-3.1.2', 'MUST', 'The charge point offers the subprotocol ocpp1.6 in its upgrade request.'],
  [
    'OCPPJ16-3.2',
    'MUST',
    'The Central System answers the upgrade with 101 and the agreed subprotocol, or without one when it supports none of the offered ones, and then closes.',
  ],
  ['OCPPJ16-4.1.1', 'MUST', "Each side keeps at most one CALL outstanding and goes on answering the other side's CALLs meanwhile."],
  ['OCPPJ16-4.1.2', 'MUST', 'A message is a UTF-8 JSON array, and a receiver stays usable after text that is not a valid message.'],
  [
    'OCPPJ16-4.1.3',
    'MUST',
    'The first element is the message type (2 CALL, 3 CALLRESULT, 4 CALLERROR); a frame of any other type is never executed.',
  ],
  [
    'OCPPJ16-4.1.4',
    'MUST',
    'The message id is a string of at most 36 characters, unique per CALL, and a receiver executes no CALL with an invalid or repeated id a second time.',
  ],
  ['OCPPJ16-4.2.1', 'MUST', 'A CALL is [2, message id, action, payload object], and a receiver executes no CALL of another shape.'],
  [
    'OCPPJ16-4.2.2',
    'MUST',
    'A CALLRESULT carries the message id of the CALL it answers, and one that answers no outstanding CALL is ignored.',
  ],
  [
    'OCPPJ16-4.2.3',
    'MUST',
    'A CALL that cannot be handled is answered with a CALLERROR with a fitting code (NotImplemented, NotSupported, FormationViolation ...) and is not executed.',
  ],
]);
