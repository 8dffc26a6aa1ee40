import { defineRequirements } from './sources.js';

const I = 'inferred' as const;

/**
 * OCPP 2.0.1 functional requirements of block K (smart charging) and the remote start with a
 * charging profile (F01), as the CSMS-side cases check them.
 */
export const OCPP201_K = defineRequirements('OCPP201', [
  ['K01.FR.03', 'MUST', 'A TxProfile the CSMS sets names, in transactionId, the transaction it is meant for.'],
  ['K01.FR.05', 'MUST', 'A SetChargingProfile that carries the id of an installed profile replaces that profile.', I],
  ['K01.FR.14', 'MUST', 'A TxDefaultProfile set on EVSE 0 is the default for every EVSE of the station.', I],
  ['K01.FR.19', 'MUST', 'A profile of kind Recurring says how it recurs (recurrencyKind Daily or Weekly).', I],
  ['K01.FR.22', 'MUST', 'A ChargingStationMaxProfile limits the whole station, so it is set on EVSE 0.', I],
  ['K01.FR.31', 'MUST', 'The first period of a charging schedule begins at startPeriod 0.'],
  ['K01.FR.35', 'MUST', 'Each charging profile the CSMS installs has an id of its own; a new profile does not reuse the id of another.', I],
  ['K01.FR.40', 'MUST', 'A profile of kind Absolute or Recurring carries a startSchedule.', I],
  ['K01.FR.50', 'MUST', 'The CSMS sets a profile on the EVSE the operator chose: evseId names that EVSE.', I],
  ['K08.FR.01', 'MUST', 'The CSMS asks for a composite schedule with GetCompositeSchedule naming the EVSE (0 = the whole station).', I],
  ['K09.FR.01', 'MUST', 'The CSMS answers every ReportChargingProfilesRequest a station sends after a GetChargingProfiles.', I],
  [
    'K09.FR.03',
    'MUST',
    'GetChargingProfiles selects profiles either by a list of profile ids or by one or more of stackLevel, chargingLimitSource and chargingProfilePurpose.',
  ],
  ['K09.FR.05', 'MUST', 'GetChargingProfiles names the EVSE asked about (0 = the station itself; absent = every EVSE).', I],
  [
    'K10.FR.02',
    'MUST',
    'ClearChargingProfile names either one profile id or criteria (stackLevel, evseId, chargingProfilePurpose) for the profiles to clear.',
  ],
  ['K10.FR.08', 'MUST', 'A ClearChargingProfile answered Unknown is a final answer: the CSMS does not insist by sending it again.', I],
  [
    'K11.FR.04',
    'MUST',
    'The CSMS answers the ReportChargingProfiles of a station even when it reports profiles set by an external system.',
    I,
  ],
  ['K12.FR.03', 'MUST', 'The CSMS answers a NotifyChargingLimitRequest about a limit an external system imposed.', I],
  ['K13.FR.02', 'MUST', 'The CSMS answers a ClearedChargingLimitRequest, whether or not a transaction is running.', I],
  ['K15.FR.02', 'MUST', 'The CSMS answers a NotifyEVChargingNeedsRequest.'],
  [
    'K15.FR.03',
    'MUST',
    'When it can provide a schedule, the CSMS answers Accepted (or Processing when it needs time) and sends it in a TxProfile.',
  ],
  ['K15.FR.11', 'MUST', 'An EV charging schedule within the limits of the CSMS schedule is answered Accepted.'],
  ['K15.FR.12', 'MUST', 'An EV charging schedule beyond the limits of the CSMS schedule is answered Rejected.'],
  ['K15.FR.13', 'MUST', 'After rejecting an EV charging schedule the CSMS renegotiates: it sends a new TxProfile for the transaction.'],
  ['K16.FR.06', 'MUST', 'After a renegotiation the CSMS started, an EV schedule within the new profile is answered Accepted.'],
  ['K16.FR.12', 'MUST', 'When the station answers a CSMS renegotiation with new EV charging needs, the CSMS sends another TxProfile.'],
  [
    'K17.FR.03',
    'MUST',
    'When the EV renegotiates with new charging needs, the CSMS answers Accepted or Processing and sends a new TxProfile.',
  ],
  ['F01.FR.08', 'MUST', 'The CSMS can include a charging profile in RequestStartTransactionRequest.', I],
  ['F01.FR.09', 'MUST', 'A charging profile in RequestStartTransactionRequest has purpose TxProfile.'],
  [
    'F01.FR.11',
    'MUST',
    'A charging profile in RequestStartTransactionRequest carries no transactionId (the transaction does not exist yet).',
  ],
]);
