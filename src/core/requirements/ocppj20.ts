import { defineRequirements } from './sources.js';

/** OCPP 2.0.1 Part 4 (OCPP-J): connection (3.x), RPC framework (4.x), keep-alive and reconnection (5.x). */
export const OCPPJ20 = defineRequirements('OCPPJ20', [
  [
    'OCPPJ20-3.1.1',
    'MUST',
    'The station connects to a URL ending with its identity and no credentials, and the CSMS refuses malformed or unknown identities with a 4xx and no upgrade.',
  ],
  ['OCPPJ20-3.1.2', 'MUST', 'The station offers ocpp2.0.1 as subprotocol, and the session then speaks OCPP 2.0.1.'],
  [
    'OCPPJ20-3.2',
    'MUST',
    'The CSMS answers an upgrade with 101 and one offered subprotocol, or without one (and then closes) when it supports none, and never with a server error.',
  ],
  ['OCPPJ20-4.1.1', 'MUST', "Each side keeps at most one CALL outstanding and goes on answering the other side's CALLs meanwhile."],
  ['OCPPJ20-4.1.2', 'MUST', 'A message is one UTF-8 JSON array, and a receiver stays usable after text that is not a valid message.'],
  ['OCPPJ20-4.1.3', 'MUST', 'A frame of an unknown message type is not executed: it is ignored or answered with MessageTypeNotSupported.'],
  [
    'OCPPJ20-4.1.4',
    'MUST',
    'The message id is a string of at most 36 characters, unique per CALL; a CALL with an invalid or repeated id is not executed, and answers are matched to calls by id.',
  ],
  [
    'OCPPJ20-4.1.7',
    'MUST',
    'A CALL with an unknown action is answered NotImplemented, one for the other direction NotSupported, and neither is executed.',
    'inferred',
  ],
  [
    'OCPPJ20-4.2.1',
    'MUST',
    'A CALL is [2, message id, action, payload object]; a malformed CALL is not executed, and a valid one is answered.',
  ],
  [
    'OCPPJ20-4.2.2',
    'MUST',
    'A CALLRESULT carries the message id of the CALL it answers, and one that answers no outstanding CALL is ignored and changes nothing.',
  ],
  [
    'OCPPJ20-4.2.3',
    'MUST',
    'A CALL that cannot be handled is answered with a CALLERROR with a fitting code, with id "-1" when none was readable, and is not executed.',
  ],
  [
    'OCPPJ20-4.3',
    'MUST',
    'A CALL whose payload breaks the schema is answered with a CALLERROR of the schema family (FormatViolation, PropertyConstraintViolation ...).',
    'inferred',
  ],
  ['OCPPJ20-4.4', 'MUST', 'A station answers a frame of an unknown message type with MessageTypeNotSupported, or ignores it.', 'inferred'],
  ['OCPPJ20-5.2', 'MUST', 'An endpoint detects a silent peer with WebSocket ping and pong and drops the dead connection.'],
  [
    'OCPPJ20-5.3',
    'MUST',
    'A station reconnects after its connection was lost or refused, backing off more between attempts, and the CSMS accepts the reconnected station in place of its old session.',
  ],
]);
