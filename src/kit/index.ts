/**
 * The case kit: what case bodies use besides the DSL (src/dsl.ts). Cases import from here; each
 * topic is one module.
 */

/**
 * observe: send a frame and observe the outcome, for both versions and both harness roles:
 * sendAndObserve (an answer, a CALLERROR code, a close, or silence, bounded by a timeout or by a
 * fence call), describeOutcome, expectReachable / livenessCall / fenceCall (is the session still
 * serving), answerFor, callArrivedOn, readAnswer, closedText, waitClosed, waitUntil.
 */
export * from './observe.js';

/** probes: several frames back to back then a fence (sendProbes, FrameWatch), judgeNotExecuted, FRAMING_CODES_16. */
export * from './probes.js';

/** raw: raw WebSocket frames and upgrades (rawUpgrade, encodeWsFrame, parseWsFrames, watchRawSocket) and RawStation. */
export * from './raw.js';

/** floods: attack traffic: paddedCall, fragmentFlood, deflateBomb, deflateWindowBits, startDribble (slowloris). */
export * from './floods.js';

/** dial: how the harness station dials a CSMS: stationUrlFor, identityUrl, ws/wss targets, connectOptionsAt, secureDial, authHeaders, dialOutcome. */
export * from './dial.js';

/** tls: TLS attempts seen by the mock CSMS, the negotiated session of a harness connection, OCPP cipher suites. */
export * from './tls.js';

/**
 * security-profiles: passwords and AuthorizationKeys (made, recognised, masked in logs), the
 * station's own reconnects and upgrade requests, network connection profiles.
 */
export * from './security-profiles.js';

/** security-events: the 2.0.1 critical and standard security event names, the 1.6 spellings 2.0.1 renamed. */
export * from './security-events.js';

/**
 * certificates: the test PKI's building blocks (CSRs, inspection, hash data, audits), CA
 * certificates made per case, renewal (triggerCsr, renewStationCertificate), issued-chain audits,
 * and the harness station's own certificate store.
 */
export * from './certificates.js';

/** installed-certificates: the harness as CSMS installing, listing and deleting a station's CA certificates (block M, TC_075). */
export * from './installed-certificates.js';

/** firmware: a signer under the manufacturer root, a file server, firmware status sequences, download and signature checks. */
export * from './firmware.js';

/** logs: the upload server and GetLog with its status notifications and file. */
export * from './logs.js';

/** negative-matrix: schema-violating requests sent one by one and judged; the fuzz building blocks. */
export * from './negative-matrix.js';

/** central-system16: the harness as 1.6 central system: the case's session, start/stop answers, manual steps, configuration markers. */
export * from './central-system16.js';

/** charge-point16: the harness as 1.6 charge point: its memory and the requests it sends. */
export * from './charge-point16.js';

/** csms201: the harness as 2.0.1 CSMS: answers, marks in the received stream, variables, the running transaction. */
export * from './csms201.js';

/** station201: the harness as 2.0.1 station: transaction events with seqNo, connector status, boots, calls on a given connection. */
export * from './station201.js';
