/**
 * The case kit: what case bodies use besides the DSL (src/dsl.ts: defineCase, the context, the
 * verdicts, frames and error codes). Cases import from here; each topic is one module.
 */

/**
 * observe: send a frame, observe the outcome, for both versions and both harness roles.
 * sendAndObserve (text or raw bytes; the wait bounded by `within` or by a fence call) gives an
 * Outcome: an answer (CALLRESULT, or CALLERROR with its code), the connection closed, or silence;
 * describeOutcome words it. expectReachable / livenessCall / fenceCall: is the session still
 * serving. answerFor, callArrivedOn, readAnswer, rawHead, closedText, waitClosed, waitUntil,
 * harnessEndpoint, heartbeatIntervalOf (a station's HeartbeatInterval in either version),
 * servedAgain (after an attack: a station reconnected, a CSMS dialled again, either serving).
 */
export * from './observe.js';

/** probes: frames sent back to back then a fence (sendProbes, FrameWatch, Probe), judgeNotExecuted. */
export * from './probes.js';

/** error-verdicts: the error-code table's judgement (judgeCallError, judgeSilence, errorExpectation, Malformation); matrix-rows: RowVerdicts (every row recorded before the verdict). */
export * from './error-verdicts.js';
export * from './matrix-rows.js';

/**
 * frame-probes: the malformed-frame rules (RPC-01 to RPC-05) for every version and role:
 * frameProbeRule (a rule's whole body), probeCarrier (the request probes carry, and the check that none had an effect),
 * sendFrameProbes (one at a time, each fenced, each a row judged by the error-code table), FrameProbe, ProbeJudgement.
 */
export * from './frame-probes.js';

/** raw: rawUpgrade, encodeWsFrame, WS_OPCODE, parseWsFrames, watchRawSocket (a socket after a raw 101), RawStation (a client that never answers pings). */
export * from './raw.js';

/** floods: attack traffic: paddedCall (a call of any size), fragmentFlood, deflateBomb, deflateWindowBits, startDribble (slowloris). */
export * from './floods.js';

/** dial: the harness station dialling a CSMS: stationUrlFor, identityUrl, targetWith / wssTarget / wsTarget, connectOptionsAt (any profile), secureDial, authHeaders, dialOutcome. */
export * from './dial.js';

/** tls: the station's TLS attempts at the mock CSMS (tlsAttemptsSince, expectTlsAttemptAfter), clientTlsSession, OCPP_SUITES, isInsecureSuite, describeProbe. */
export * from './tls.js';

/**
 * security-profiles: parseBasicAuth, randomPassword, newAuthorizationKey, isAuthorizationKey, revealsSecret (a secret in any encoding),
 * maskPasswordsFrom / maskAuthorizationKeysFrom (secrets never reach a log), the station's own
 * reconnects (dropConnection, awaitOwnReconnect, reconnectWindow), observeUpgrades,
 * connectionDataFor, freeSlot.
 */
export * from './security-profiles.js';

/** security-events: CRITICAL_SECURITY_EVENTS_201, ALL_SECURITY_EVENTS_201, SECURITY_EVENTS_16_ONLY, securityEventNames. */
export * from './security-events.js';

/**
 * certificates: the PKI building blocks (createCsr, parseCsr, inspectCertificate, verifyChain,
 * certificateHashData, sameHashData, auditCertificate, issueCertificate ...), CA certificates made
 * per case (freshRoot, freshRootCertificate), hashDataText, renewal (triggerCsr,
 * renewStationCertificate), issuedCertificateProblems, and the harness station's certificate side
 * (STATION_INSTALLED_ROOTS, expectGetInstalledCertificateIds, installedCertificateChain,
 * checkInstallCertificate, installRootThenList16).
 */
export * from './certificates.js';

/**
 * installed-certificates: the harness as CSMS managing a station's CA certificates:
 * installCertificate / installAccepted, listInstalledCertificates, checkAcceptedOfTypes,
 * findListed, isListed, expectedHash, hashDifferences, deleteCertificate, cleanUpCertificate;
 * 1.6: installedCertificateIds16, installRootAndFindIt16.
 */
export * from './installed-certificates.js';

/** firmware: firmwareSigner16, serveFile16, firmwareStatuses16, FIRMWARE_FINAL_16; as a charge point: downloadFile, verifyFirmwareSignature. */
export * from './firmware.js';

/** firmware201: startFirmwareServer / withFirmwareServer (the trusted harness repository), answerFirmwareUpdate201, firmwareCourse201, checkFirmwareOrder, checkFirmwareRequestIds, expectSecurityEvent201. */
export * from './firmware201.js';

/** logs: UploadServer, startUploadServer, fetchLog (GetLog, its status notifications and the file). */
export * from './logs.js';

/** negative-matrix: negativeMatrix, runNegativeMatrix (any version), MatrixShape, MatrixJudgement, refusalStatus; the fuzz blocks actionsFor, generateValid, mutations, expectedErrorCodes, rng. */
export * from './negative-matrix.js';

/**
 * central-system16: the harness as 1.6 central system: session16, acceptStart / acceptStop,
 * statusOf, expectPreparing, plugIn / unplug / presentIdTag, answerSecurityMessages16,
 * freshConnection16, reconnectWithin, ConfigMarker, readConfigValue, reserveNow16,
 * plugInAndStartOnReservation16, localListVersion16, sendLocalList16.
 */
export * from './central-system16.js';

/**
 * charge-point16: the harness as 1.6 charge point: cp16, runningTransaction16, bootNotification16, statusNotification16,
 * startTransaction16, stopTransaction16, operatorCall16, expectField16, expectAbsoluteUrl16, expectFutureDate16,
 * checkChargingProfile16, reconnectWithoutBoot16.
 */
export * from './charge-point16.js';

/**
 * csms201: the harness as 2.0.1 CSMS: answer, transactionEventAnswer, respondToTransactionEvents,
 * mark / callsSince / expectAfter / checkNothingSince, getVariable,
 * startedTransaction, validToken, meterIntervalS, freshRequestId, acceptFreshBoot.
 */
export * from './csms201.js';
/** reports201: a 2.0.1 station's NotifyReport stream read as one report (collectReport, actualAttribute). */
export * from './reports201.js';

/** provisioning201: block B as CSMS, unsupportedAttribute (a variable and an attribute type the station's FullInventory lacks). */
export * from './provisioning201.js';

/**
 * station201: the harness as 2.0.1 station: txEvent (contiguous seqNo), newTx / currentTx,
 * connectorStatus, energyReading, expectIdTokenStatus, bootPayload, freshIdentity, callOn,
 * connectAndBoot, closeAndWait, reconnectAndBoot.
 */
export * from './station201.js';

/**
 * restore: settings a case changes, each restored at case end by a post-condition: setVariable
 * (2.0.1), changeConfiguration16 (1.6), setBasicAuthPassword201 / changeAuthorizationKey16.
 */
export * from './restore.js';

/** left-running: what a case leaves running ended at case end (endWhatIsLeftRunning201 / 16, openTransactions201, cable201, unplug201). */
export * from './left-running.js';

/**
 * preconditions: configuration a case relies on, set first (checked) and restored afterwards:
 * withVariables201 / withVariable201 (2.0.1 variables; a value the station refuses makes the case
 * not-applicable), VariableNeed, members, and the transaction needs START_WHEN_CHARGING,
 * STOP_ON_UNPLUG, STOP_ON_DEAUTHORIZE; booting through Pending: bootThroughPending,
 * expectBootAccepted201.
 */
export * from './preconditions.js';

/** authorization201: the harness as 2.0.1 station authorizing at a CSMS: authorize201, expectGroup, expectAcceptedInGroup, expectSendLocalList, checkListVersion. */
export * from './authorization201.js';
/** operator201: the operator of a 2.0.1 CSMS: operatorSends (csmsSend and the request it causes), expectNoResend, sameInstant, configuredDisplayMessage, displayWindow, checkDisplayWindow. */
export * from './operator201.js';
/**
 * smart-charging201: the harness as 2.0.1 station facing a CSMS's smart charging: operatorSetProfile,
 * checkProfileShape, checkLimit, checkTxProfile, firstSchedule, evScheduleOf, notifyEvSchedule,
 * evChargingNeeds, iso15118SmartCharging (the ISO15118SmartCharging reusable state).
 */
export * from './smart-charging201.js';
/** auth201: block C as CSMS: presentToken, secondToken, cacheToken (IdTokenCached), sessionFor / endSession, clearAuthCache, ensureOptionalVariable201. */
export * from './auth201.js';
/** customer-info201: block N as CSMS: askCustomerInformation, customerReport (the NotifyCustomerInformation parts), servedCustomer, unknownCustomer. */
export * from './customer-info201.js';
/** log-upload201: GetLog as CSMS to misbehaving destinations: startHoldingServer (never answers), refusedLocation (nobody listens), requestDiagnosticsLog, uploadOutcome. */
export * from './log-upload201.js';
/** tx-points201: TxStartPoint / TxStopPoint cases as CSMS: onlyTxPoint, parking bay and EV-suspend steps, eventsOf, expectCharging, checkNoStartBefore. */
export * from './tx-points201.js';

/** availability201: ChangeAvailability per scope (station, EVSE, connector) for station cases: changeAvailability201, availabilityTarget, onOurConnector, idleStatus, operativeAfterCase. */
export * from './availability201.js';

/** local-auth16: switchOn16 (a boolean 1.6 key on for the case), startSession16 (a start with or without Authorize first). */
export * from './local-auth16.js';

/** smart-charging16: chargingProfile16, setChargingProfile16 (cleared at case end), expectCompositeLimit16. */
export * from './smart-charging16.js';
/** offline201: the station offline as OCTT makes it (whileOffline: connection dropped, reconnects refused), seqNoOf. */
export * from './offline201.js';

/** sessions16: remoteStartFirst16 (remote start accepted before the cable), chargingSampled16 (short sample interval, then Charging). */
export * from './sessions16.js';
