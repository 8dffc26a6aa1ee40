import { defineRequirements } from './sources.js';

/** RFC 6455, the WebSocket protocol under OCPP-J. */
export const RFC6455 = defineRequirements('RFC6455', [
  ['RFC6455-4.1', 'MUST', 'A client fails the connection when the 101 answer names a subprotocol it did not offer.'],
  ['RFC6455-5.1', 'MUST', 'A server fails the connection on an unmasked frame from the client.'],
  ['RFC6455-5.2', 'MUST', 'An endpoint fails the connection on a frame with RSV bits set that no negotiated extension defines.'],
  [
    'RFC6455-5.5',
    'MUST',
    'Control frames carry at most 125 bytes and are never fragmented, and an endpoint fails the connection on one that breaks this.',
  ],
  [
    'RFC6455-7.4.1',
    'MUST',
    'An endpoint that closes for a reason sends the fitting status code: 1002 protocol error, 1003 unacceptable data, 1007 invalid payload, 1008 policy, 1009 too big.',
  ],
  ['RFC6455-8.1', 'MUST', 'An endpoint fails the connection on a text message that is not valid UTF-8.'],
  [
    'RFC6455-10.4',
    'MUST',
    'An endpoint limits the frame and message sizes it accepts, so fragment floods and compression bombs cannot exhaust its memory.',
  ],
]);
