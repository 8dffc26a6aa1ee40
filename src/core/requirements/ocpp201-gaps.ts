import { defineRequirements } from './sources.js';

const I = 'inferred' as const;

/**
 * OCPP 2.0.1 functional requirements first named by the CSMS cases of issue 14's gap slice
 * (blocks E, F, G, J). Our words; meanings taken from the use cases, so marked inferred.
 */
export const OCPP201_GAPS = defineRequirements('OCPP201', [
  // E01 start options: the station starts at its TxStartPoint; the CSMS takes each kind of start.
  [
    'E01.FR.01',
    'MUST',
    'With TxStartPoint ParkingBayOccupancy a transaction starts when the bay detector sees an EV, before plug-in or authorization.',
    I,
  ],
  [
    'E01.FR.04',
    'MUST',
    'With TxStartPoint DataSigned a transaction starts once signed meter data is available, and the Started event carries it.',
    I,
  ],
  [
    'E01.FR.05',
    'MUST',
    'With TxStartPoint PowerPathClosed a transaction starts once the driver is authorized and the EV connected, when the power path closes.',
    I,
  ],
  ['E01.FR.06', 'MUST', 'With TxStartPoint EnergyTransfer a transaction starts only when energy starts to flow.', I],
  // E06 stop options.
  [
    'E06.FR.02',
    'MUST',
    'With TxStopPoint EVConnected a transaction ends when the cable is unplugged at either side; a stop authorization before that is an Updated event the CSMS answers with idTokenInfo.',
    I,
  ],
  ['E06.FR.05', 'MUST', 'An EV-side disconnect that deauthorizes the transaction ends it, and the CSMS takes that end without a token.', I],
  [
    'E06.FR.06',
    'MUST',
    'With TxStopPoint PowerPathClosed a transaction ends when authorization ends or the EV is lost, while the cable may still be in.',
    I,
  ],
  ['E06.FR.07', 'MUST', 'With TxStopPoint EnergyTransfer a transaction ends when energy stops flowing, also when the EV suspends it.', I],
  ['E06.FR.08', 'MUST', 'With TxStopPoint ParkingBayOccupancy a transaction ends when the EV leaves the bay, after unplugging.', I],
  [
    'E03.FR.05',
    'MUST',
    'When no cable is connected within EVConnectionTimeOut after authorization, the transaction ends with stoppedReason Timeout.',
    I,
  ],
  [
    'E10.FR.01',
    'MUST',
    'An EV-side disconnect that does not stop the transaction suspends it; its later events, after the cable is back, are taken by the CSMS.',
    I,
  ],
  // E14 GetTransactionStatus.
  [
    'E14.FR.04',
    'MUST',
    'For an ended transaction whose messages are still queued, the station answers ongoingIndicator false and messagesInQueue true, then delivers them.',
    I,
  ],
  [
    'E14.FR.06',
    'MUST',
    'Without a transactionId, GetTransactionStatus asks only whether any transaction messages are queued; the CSMS sends it without one.',
    I,
  ],
  // B08 custom report.
  [
    'B08.FR.01',
    'MUST',
    'The CSMS asks for a custom report with GetReport naming a requestId and the criteria and component/variable pairs chosen; the station reports what matches them all.',
    I,
  ],
  // G05 lock failure.
  ['G05.FR.03', 'MUST', 'The CSMS answers the NotifyEvent with which a station reports that a connector could not be locked.', I],
  // J signed meter values.
  [
    'J02.FR.21',
    'MUST',
    'Signed readings (signedMeterValue: signed data, signing and encoding method, public key) are sampled values the CSMS takes like any other.',
    I,
  ],
]);
