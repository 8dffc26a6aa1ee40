import { defineRequirements } from './sources.js';

/**
 * Rules of our own security catalogue (shared/reference/security-catalogue.md §4), each the pass
 * criterion of a security case. A case's `rule` names one of these, and so does every finding.
 * SEC-LIVE-01 is the liveness probe the runner adds after each security case (catalogue §5.2).
 */
export const SECURITY_CATALOGUE = defineRequirements('SEC', [
  [
    'SEC-TLS-01',
    'MUST',
    'The CSMS completes a TLS 1.2 handshake for each of the four OCPP suites, serving an EC certificate for the ECDSA suites and an RSA one for the RSA suites.',
  ],
  [
    'SEC-TLS-03',
    'MUST',
    'The CSMS refuses a TLS handshake in which the client offers only weak suites (NULL, EXPORT, RC4, 3DES, anonymous, CBC-SHA1).',
  ],
  [
    'SEC-TLS-05',
    'MUST',
    'The CSMS server certificate chains to the configured root, names the host, has a strong key and hash, and is no wildcard.',
  ],
  [
    'SEC-TLS-06',
    'MUST',
    'The CSMS refuses a TLS-registered station that connects over plain ws://, or on profile 3 without a client certificate.',
  ],
  [
    'SEC-TLS-08',
    'MUST',
    'A station refuses a CSMS that offers only CBC-SHA1 or static-RSA CBC suites, and sends no upgrade over such a session.',
  ],
  [
    'SEC-TLS-09',
    'MUST',
    'A station aborts TLS before any upgrade for every invalid server certificate, and reports the invalid certificate as a security event once connected to a valid server.',
  ],
  [
    'SEC-TLS-10',
    'MUST',
    'The station ClientHello offers no TLS version below 1.2, no NULL, EXPORT, RC4, 3DES or anonymous suite, and no compression.',
  ],
  [
    'SEC-AUTH-01',
    'MUST',
    'The CSMS answers an upgrade without an Authorization header for a profile 1 or 2 identity with 401 and no WebSocket.',
  ],
  [
    'SEC-AUTH-03',
    'MUST',
    'The CSMS answers malformed Basic headers (not Base64, no colon, oversized, non-ASCII, duplicated) with 400 or 401, never a server error, and still accepts valid ones.',
  ],
  [
    'SEC-AUTH-08',
    'MUST',
    'The Basic-auth password (AuthorizationKey on 1.6) can never be read back, by GetVariables, a base report or GetConfiguration.',
  ],
  [
    'SEC-CERT-03',
    'MUST',
    'A station rejects a CertificateSigned with a foreign, expired, not yet valid, mismatched, weak or garbled certificate and keeps its current one.',
  ],
  [
    'SEC-CERT-06',
    'MUST',
    'The CSMS as CA issues no certificate for a CSR with another station serial, a wrong organization, CA rights, a weak key or a broken signature.',
  ],
  [
    'SEC-CERT-07',
    'MUST',
    'A certificate the CSMS issues for a valid CSR chains to the CSO root, names the serial and the CSO, is valid now, has no CA rights and carries the CSR key.',
  ],
  [
    'SEC-RPC-01',
    'MUST',
    'A frame that is not JSON, is truncated, or is a JSON scalar or object gets a CALLERROR with id "-1" or is dropped, and the session stays usable.',
  ],
  [
    'SEC-RPC-02',
    'MUST',
    'A frame with the wrong number of elements, a non-integer message type or a payload that is not an object is refused like an unreadable frame, and nothing is executed.',
  ],
  [
    'SEC-RPC-03',
    'MUST',
    'A frame with a message type the version does not define is ignored or answered MessageTypeNotSupported, without any state change.',
  ],
  ['SEC-RPC-04', 'MUST', 'A CALL whose message id is too long, empty, not a string or null gets a CALLERROR and is not executed.'],
  [
    'SEC-RPC-05',
    'MUST',
    'A CALL with an unknown, wrong-direction or wrongly cased action is answered NotImplemented or NotSupported, without side effects.',
  ],
  [
    'SEC-RPC-06',
    'MUST',
    'A CALL whose payload breaks the schema is answered with a CALLERROR of the matching family and is neither accepted nor executed.',
  ],
  [
    'SEC-RPC-07',
    'MUST',
    'Boundary and hostile values inside otherwise valid messages cause no crash, reboot or hang, and are refused or stored harmlessly, never executed.',
  ],
  ['SEC-RPC-08', 'MUST', 'A CALL replayed with the same message id is applied at most once.'],
  ['SEC-RPC-09', 'MUST', 'A CALLRESULT or CALLERROR that answers no outstanding CALL is ignored and changes no state.'],
  [
    'SEC-RPC-10',
    'MUST',
    'Back-to-back and crossing CALLs cause no deadlock, every answer carries the id of its call, and the SUT keeps one CALL of its own outstanding.',
  ],
  ['SEC-RPC-11', 'MUST', 'A malformed CALLRESULT or CALLERROR answer counts as a failed call or is retried, and crashes nothing.'],
  [
    'SEC-RPC-12',
    'MUST',
    'The CSMS selects exactly one offered subprotocol and speaks it; for offers it does not support it upgrades without a subprotocol and closes.',
  ],
  ['SEC-RPC-13', 'MUST', 'A station fails a connection whose 101 answer names a subprotocol it did not offer, or none.'],
  [
    'SEC-RPC-14',
    'MUST',
    'The CSMS refuses URL identities that are unknown, too long or hold a colon, encoded separators, dot segments, NUL or a query with a 4xx, never a 101 or a server error.',
  ],
  [
    'SEC-RPC-15',
    'MUST',
    'Binary frames, invalid UTF-8, unmasked client frames, oversized or fragmented control frames and RSV bits meet the fitting close code or CALLERROR, without a crash.',
  ],
  [
    'SEC-RPC-16',
    'MUST',
    'The CSMS answers calls of a station whose boot it rejected with CALLERROR SecurityError and processes no call before it accepted the station.',
  ],
  [
    'SEC-DOS-01',
    'MUST',
    'An oversized message is answered or refused (close 1009 or CALLERROR) with memory bounded, and the peer can reconnect and is served afterwards.',
  ],
  [
    'SEC-DOS-02',
    'MUST',
    'A fragment flood or a permessage-deflate bomb gets the connection closed with memory bounded, and the peer can reconnect and is served afterwards.',
  ],
  ['SEC-DOS-03', 'MUST', 'A flood of valid calls leaves the SUT alive and serving, and other connections keep working.'],
  [
    'SEC-DOS-04',
    'MUST',
    'Parallel bogus upgrades and slowly sent headers are rejected cheaply while the legitimate station still connects and boots.',
  ],
  [
    'SEC-DOS-05',
    'MUST',
    'Large but schema-valid payloads are processed or refused within documented limits, without exhausting memory or losing the session.',
  ],
  ['SEC-DOS-06', 'MUST', "A session that stopped answering pings is detected and dropped, and calls go to the station's new session."],
  [
    'SEC-DOS-07',
    'MUST',
    'A station refused or disconnected again and again reconnects with a randomised back-off that grows up to a limit and resets after a success.',
  ],
  [
    'SEC-DOS-08',
    'MUST',
    'A second connection with the same identity and valid credentials meets one deterministic policy (refuse the new or replace the old), and calls reach exactly one session.',
  ],
  [
    'SEC-ID-01',
    'MUST',
    'An attacker with the station identity but no or wrong credentials is refused, and the live session of the station stays open and keeps receiving calls.',
  ],
  [
    'SEC-ID-02',
    'MUST',
    'A silent clone with valid credentials does not shadow the live station: the CSMS keeps one session for the identity and calls only that one.',
  ],
  ['SEC-ID-03', 'MUST', 'No identity gets a working session without credentials, and an unknown identity is refused rather than booted.'],
  ['SEC-ID-04', 'MUST', 'An authenticated station can neither act on nor change the transactions and EVSEs of another station.'],
  [
    'SEC-ID-05',
    'MUST',
    'A station uses one identity in the URL and as Basic user name, puts no secret in the URL, and boots again after switching its connection profile.',
  ],
  [
    'SEC-ID-06',
    'SHOULD',
    'File locations the CSMS sends for firmware and logs carry no user:password credentials or passwords in the query, and use secure schemes.',
  ],
  [
    'SEC-FW-05',
    'MUST',
    'A station refuses hostile firmware locations (insecure or local schemes, internal targets, overlong or injected text) with no download, install or reboot.',
  ],
  ['SEC-LOG-01', 'MUST', 'A station reports its start-up and its resets as security events (StartupOfTheDevice, ResetOrReboot).'],
  ['SEC-LOG-02', 'MUST', 'A critical security event raised while offline is delivered after reconnecting, with its original timestamp.'],
  ['SEC-LOG-03', 'MUST', 'Security events use the exact standard type names of the negotiated OCPP version.'],
  [
    'SEC-LOG-04',
    'MUST',
    'The security log uploaded on GetLog holds the non-critical events too, and the upload is reported under one requestId.',
  ],
  ['SEC-LOG-05', 'MUST', 'Uploaded security and diagnostics logs contain no password and no private key.'],
  ['SEC-LOG-06', 'MUST', 'A station refused with 401 logs FailedToAuthenticateAtCsms, keeps backing off and does not lock itself out.'],
  [
    'SEC-LOG-07',
    'MUST',
    'The CSMS acknowledges every SecurityEventNotification (standard, proprietary, long or in a burst) with an empty response.',
  ],
  ['SEC-LOG-08', 'MUST', 'Opening the enclosure and local maintenance logins, good or bad, are recorded as security events.'],
  ['SEC-LIVE-01', 'MUST', 'After an attack the SUT still answers a valid call: it did not crash, hang or run out of resources.'],
]);
