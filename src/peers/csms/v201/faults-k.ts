import { defineFaults } from '../../faults.js';

/** Faults of the reference CSMS's smart charging (K): each breaks one behaviour of blocks/smart-charging*.ts. */
export const CSMS_201_K_FAULTS = defineFaults({
  'profile-start-period-offset': {
    block: 'K',
    description: 'the first period of every charging schedule the CSMS sends starts at 60 s, not 0',
  },
  'txprofile-without-txid': {
    block: 'K',
    description: 'a TxProfile for a transaction the CSMS has no record of is sent without a transactionId',
  },
  'txprofile-wrong-txid': {
    block: 'K',
    description: "a TxProfile names the CSMS's own record number instead of the station's transactionId",
  },
  'stationmax-on-evse': { block: 'K', description: 'a ChargingStationMaxProfile is set on the configured EVSE instead of EVSE 0' },
  'profile-evse-zero-dropped': { block: 'K', description: 'a TxDefaultProfile for all EVSEs (EVSE 0) is set on the configured EVSE only' },
  'recurring-without-recurrencykind': { block: 'K', description: 'a Recurring profile is sent without its recurrencyKind' },
  'replace-new-id': { block: 'K', description: 'replacing a profile sends the new version under a new id, so the old one stays installed' },
  'profile-id-constant': { block: 'K', description: 'every new charging profile gets id 1, so a second profile replaces the first' },
  'clear-id-dropped': { block: 'K', description: 'clearing one profile by id sends criteria (the EVSE) instead of the id' },
  'clear-criteria-evse-dropped': { block: 'K', description: 'ClearChargingProfile criteria leave out the EVSE the operator named' },
  'clear-unknown-resent': { block: 'K', description: 'a ClearChargingProfile answered Unknown is sent again at once' },
  'getprofiles-evse-zero-dropped': { block: 'K', description: 'GetChargingProfiles for EVSE 0 omits evseId (asks about every EVSE)' },
  'getprofiles-evse-defaulted': { block: 'K', description: 'GetChargingProfiles for every EVSE sends evseId 0 (the station only)' },
  'getprofiles-no-report-answer': { block: 'K', description: 'ReportChargingProfilesRequests are never answered' },
  'getprofiles-id-with-criteria': { block: 'K', description: 'GetChargingProfiles by profile id also sends stackLevel 0' },
  'getprofiles-stacklevel-dropped': { block: 'K', description: 'GetChargingProfiles leaves out the stackLevel the operator chose' },
  'getprofiles-source-dropped': { block: 'K', description: 'GetChargingProfiles leaves out the chargingLimitSource the operator chose' },
  'getprofiles-purpose-dropped': { block: 'K', description: 'GetChargingProfiles leaves out the purpose the operator chose' },
  'getprofiles-criteria-first-only': { block: 'K', description: 'GetChargingProfiles keeps only the first of several criteria' },
  'report-external-constraints-error': {
    block: 'K',
    description: 'a ReportChargingProfilesRequest with a ChargingStationExternalConstraints profile is answered with a CALLERROR',
  },
  'composite-evse-ignored': { block: 'K', description: 'GetCompositeSchedule always asks for EVSE 0, whatever EVSE the operator chose' },
  'composite-evse-zero-dropped': { block: 'K', description: 'GetCompositeSchedule for the station (EVSE 0) asks for the configured EVSE' },
  'remotestart-profile-txid': { block: 'K', description: 'the TxProfile in RequestStartTransaction carries a made-up transactionId' },
  'notify-limit-ems-error': { block: 'K', description: 'a NotifyChargingLimitRequest from an EMS is answered with a CALLERROR' },
  'cleared-limit-unknown-error': {
    block: 'K',
    description: 'a ClearedChargingLimitRequest for a limit the CSMS was never told of is answered with a CALLERROR',
  },
  'cleared-limit-during-tx-error': {
    block: 'K',
    description: 'a ClearedChargingLimitRequest for an EVSE with a running transaction is answered with a CALLERROR',
  },
  'evneeds-no-profile': { block: 'K', description: 'NotifyEVChargingNeeds is answered Accepted but no TxProfile follows' },
  'evneeds-renegotiation-ignored': {
    block: 'K',
    description: 'new EV charging needs during a transaction that already got a schedule are accepted without a new TxProfile',
  },
  'evneeds-after-csms-profile-ignored': {
    block: 'K',
    description: 'EV charging needs sent after an operator TxProfile are accepted without a new TxProfile',
  },
  'evschedule-accepts-any': { block: 'K', description: 'every NotifyEVChargingSchedule is answered Accepted, even one beyond the limits' },
  'evschedule-checked-against-first-profile': {
    block: 'K',
    description: "an EV schedule is checked against the transaction's first TxProfile instead of its newest",
  },
});
