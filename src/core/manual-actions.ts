/**
 * The shared vocabulary of manual actions. Cases ask for these by name through ctx.manual();
 * adapter scripts (OCPP_ACTION) and the reference peers' perform() switch on the same names.
 * A peer's perform() must return as soon as the action has been *started*: the case then
 * waits for (and answers) the messages the action causes.
 *
 * When the SUT is a charging station:
 *   plugIn          { evseId, connectorId }          the EV cable is plugged in
 *   unplug          { evseId, connectorId }          the EV cable is unplugged
 *   presentIdToken  { idToken, type, evseId }        a driver presents an RFID card / token
 *   reboot          {}                               the station is power-cycled
 *   tamper          {}                               the enclosure is opened (the station's tamper
 *                                                    detection trips)
 *   maintenanceLogin { success }                     someone logs in to the station's local
 *                                                    maintenance port with the right password
 *                                                    (success true) or a wrong one (false)
 *   enterParkingBay { evseId }                       an EV drives into the EVSE's parking bay (its
 *                                                    bay detector sees it; no cable yet)
 *   leaveParkingBay { evseId }                       the EV drives out of the bay (after unplugging)
 *   evStopsCharging { evseId }                       the connected EV stops drawing energy (battery
 *                                                    full or paused by the EV); the cable stays in
 *   evSideDisconnect { evseId }                      the cable is pulled out of the EV during a
 *                                                    transaction; its station-side plug stays in (E09, E10)
 *   evSideReconnect { evseId }                       the cable is plugged back into the EV after an
 *                                                    evSideDisconnect (station side still in)
 *   cableLockFailure { evseId, connectorId }         the EV cable is plugged in but the
 *                                                    connector lock fails to lock it (G05)
 *   unlockFailure   { connectorId }                  the connector lock is jammed: the next attempt
 *                                                    to unlock it fails (1.6 TC_030)
 *
 * When the SUT is a CSMS ("make the CSMS send X", operator actions in its back office):
 *   csmsSend        { message, stationId, ...details } the CSMS sends the OCPP message `message`
 *                   to the station; details narrow it. Detail names used by the catalogue:
 *                     2.0.1: component, variable, value, attributeType, variables[] (several
 *                            {component, variable, value?}), reportBase, type (Reset: OnIdle |
 *                            Immediate), evseId, connectorId, idToken {idToken, type},
 *                            transactionId, operationalStatus, requestedMessage,
 *                            componentCriteria[] (GetReport), configurationSlot and
 *                            securityProfile (SetNetworkProfile); a detail
 *                            left out means all: TriggerMessage / ChangeAvailability without
 *                            evseId address the whole station, GetTransactionStatus without
 *                            transactionId asks about the queue as a whole
 *                            H: idToken, evseId (none: any EVSE), connectorType,
 *                            groupIdToken {idToken, type}, expiryDateTime, reservationId
 *                            (CancelReservation: the id the CSMS gave in ReserveNow);
 *                            L: retrieveDateTime, installDateTime, retries, retryInterval
 *                            (UpdateFirmware), checksum (UnpublishFirmware: the MD5 it published)
 *                            SendLocalList: updateType (Full | Differential), idTokens[]
 *                            ({idToken, type} entries; [] = an empty list), remove (true: a
 *                            Differential removal, entries without idTokenInfo);
 *                            ClearCache and GetLocalListVersion take none
 *                            N: logType (DiagnosticsLog | SecurityLog); report, clear
 *                            (booleans) with one customer reference: idToken |
 *                            customerIdentifier | customerCertificate {hashAlgorithm,
 *                            issuerNameHash, issuerKeyHash, serialNumber};
 *                            monitoringCriteria[], componentVariables[] {component,
 *                            variable, evseId?}; monitoringBase; monitors[] {component,
 *                            variable, evseId?, type, value, severity}; severity
 *                            (SetMonitoringLevel); monitorIds[] (ClearVariableMonitoring);
 *                            O: id (the message to replace or clear; ClearDisplayMessage
 *                            without one: the last message the station accepted),
 *                            priority, state, format, content, language, startDateTime,
 *                            endDateTime, transactionId (SetDisplayMessage); ids[],
 *                            priority, state (GetDisplayMessages)
 *                            smart charging (K): purpose (TxDefaultProfile | TxProfile |
 *                            ChargingStationMaxProfile), kind (Absolute | Recurring | Relative),
 *                            recurrencyKind, limit, chargingRateUnit (A | W), stackLevel,
 *                            numberPhases, durationS, chargingProfileId (the profile to replace or
 *                            clear; a list for GetChargingProfiles), chargingLimitSource (list),
 *                            duration (GetCompositeSchedule, s), chargingProfile (RequestStart-
 *                            Transaction: true or {limit, chargingRateUnit}, a TxProfile)
 *                     1.6:   connectorId, idTag, transactionId, type (Reset: Hard | Soft;
 *                            ChangeAvailability: Operative | Inoperative), key (a string, or an
 *                            array for GetConfiguration), value, requestedMessage;
                            optional profiles: reservationId (ReserveNow, CancelReservation),
                            updateType (SendLocalList: Full | Differential), purpose
                            (SetChargingProfile: TxDefaultProfile | TxProfile), chargingProfile
                            (RemoteStartTransaction: true adds a TxProfile), duration
                            (GetCompositeSchedule, s), id (ClearChargingProfile)
 *   csmsRegisterStation { stationId, bootStatus } register a (second) station identity in the
 *                   CSMS whose BootNotification it must answer with bootStatus (Accepted,
 *                   Pending or Rejected); used by boot-gating and cross-station cases
 */
export const MANUAL_ACTIONS = [
  'plugIn',
  'unplug',
  'presentIdToken',
  'reboot',
  'tamper',
  'maintenanceLogin',
  'csmsSend',
  'csmsRegisterStation',
  'enterParkingBay',
  'leaveParkingBay',
  'evStopsCharging',
  'cableLockFailure',
  'unlockFailure',
  'evSideDisconnect',
  'evSideReconnect',
] as const;
export type ManualActionName = (typeof MANUAL_ACTIONS)[number];

/**
 * A manual step of a scenario: plug in, present a card, reboot, or "make the CSMS send X".
 * `action` is a stable name scripts can switch on; `instruction` is for humans.
 */
export interface ManualAction {
  action: string;
  params: Record<string, unknown>;
  instruction: string;
  caseId: string;
}

export type ActionOutcome = { done: true } | { done: false; reason: string };
