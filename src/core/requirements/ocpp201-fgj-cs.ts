import { defineRequirements } from './sources.js';

const I = 'inferred' as const;

/**
 * OCPP 2.0.1 blocks F (remote control), G (availability) and J (meter values): requirements the
 * station-side (_CS) cases check beyond those already registered. Our words; where the numbering
 * could not be checked against the primary text the entry is marked inferred.
 */
export const OCPP201_FGJ_CS = defineRequirements('OCPP201', [
  [
    'E03.FR.04',
    'MUST',
    'An authorization (local or remote start) for which no cable is connected within TxCtrlr.EVConnectionTimeOut lapses: a cable plugged in later does not charge for that token.',
    I,
  ],
  // F05 remote unlock.
  [
    'F05.FR.02',
    'MUST',
    'A connector with an authorized transaction is not unlocked: UnlockConnector is answered OngoingAuthorizedTransaction.',
  ],
  ['F05.FR.03', 'MUST', 'UnlockConnector for an EVSE or connector the station does not have is answered UnknownConnector.'],
  [
    'F05.FR.04',
    'MUST',
    'A connector without an authorized transaction is unlocked on UnlockConnector and the answer is Unlocked, with or without a cable in it.',
    I,
  ],
  // F06 trigger message.
  [
    'F06.FR.07',
    'MUST',
    'A triggered TransactionEvent is an Updated event of the running transaction with triggerReason Trigger; without an EVSE in the request, every EVSE with a transaction sends one.',
    I,
  ],
  [
    'F06.FR.09',
    'MUST',
    'A triggered LogStatusNotification reports the upload in progress (Uploading, with its requestId), or Idle when no upload is going on.',
    I,
  ],
  [
    'F06.FR.10',
    'MUST',
    'A triggered FirmwareStatusNotification reports the firmware update in progress (e.g. Downloading, with its requestId), or Idle when none is going on.',
    I,
  ],
  [
    'F06.FR.11',
    'MUST',
    'An EVSE named in a TriggerMessage for a message that is not about an EVSE (firmware, log, heartbeat) is ignored: the message is still sent.',
    I,
  ],
  ['F06.FR.13', 'MUST', 'TriggerMessage MeterValues without an EVSE is answered with MeterValues for every EVSE of the station.', I],
  // G availability.
  [
    'G03.FR.07',
    'MUST',
    'The operational state the CSMS set for an EVSE or connector is kept over a reboot: an Inoperative one comes back Unavailable.',
    I,
  ],
  [
    'G03.FR.08',
    'MUST',
    'ChangeAvailability to the state an EVSE or connector already has is answered Accepted and changes nothing (no new connector status).',
    I,
  ],
  [
    'G04.FR.04',
    'MUST',
    'The whole station told to become Inoperative during a transaction answers Scheduled and lets the transaction run to its end.',
    I,
  ],
  ['G04.FR.05', 'MUST', 'A scheduled Inoperative state of the whole station takes effect once its transactions have ended.', I],
  ['G04.FR.06', 'MUST', 'The operational state the CSMS set for the whole station is kept over a reboot.', I],
  [
    'G04.FR.07',
    'MUST',
    'ChangeAvailability for the whole station to the state it already has is answered Accepted and changes nothing.',
    I,
  ],
  ['G05.FR.01', 'MUST', 'When the connector lock fails after the cable is plugged in, the station does not start charging.', I],
  [
    'G05.FR.02',
    'MUST',
    'When the connector lock fails the station reports it with NotifyEvent: component ConnectorPlugRetentionLock, variable Problem, value true.',
    I,
  ],
  // J meter values.
  [
    'J01.FR.06',
    'MUST',
    'With AlignedDataCtrlr.SendDuringIdle true the station sends clock-aligned readings only while no transaction runs.',
    I,
  ],
  [
    'J01.FR.15',
    'MUST',
    'With AlignedDataCtrlr.TxEndedMeasurands and TxEndedInterval set, TransactionEvent Ended carries the clock-aligned readings taken during the transaction (context Sample.Clock).',
    I,
  ],
  [
    'J01.FR.21',
    'MUST',
    'With AlignedDataCtrlr.SignReadings true, clock-aligned readings carry a signedMeterValue (signed data, signing and encoding method).',
    I,
  ],
  [
    'J02.FR.20',
    'MUST',
    'With SampledDataCtrlr.SignReadings true, the sampled readings of a transaction carry a signedMeterValue (signed data, signing and encoding method).',
    I,
  ],
  [
    'J02.FR.12',
    'MUST',
    'A transaction started before its EVSE is known carries its Transaction.Begin reading in the first event that names the EVSE.',
    I,
  ],
]);
