import { defineFaults } from '../../faults.js';

/**
 * Faults of the 2.0.1 reference station's remote control (F), availability (G) and meter values
 * (J) beyond faults.ts: each breaks one behaviour a _CS case of those blocks checks.
 */
export const STATION_201_FGJ_FAULTS = defineFaults({
  'remote-start-timeout-ignored': {
    block: 'F',
    description: 'a remote start whose cable never comes stays authorized for ever: EVConnectionTimeOut is not applied to it',
  },
  'unlock-during-tx': { block: 'F', description: 'UnlockConnector on a connector with an authorized transaction answers Unlocked' },
  'unlock-plugged-fails': {
    block: 'F',
    description: 'UnlockConnector on a connector with a cable but no transaction answers UnlockFailed',
  },
  'unlock-unplugged-fails': { block: 'F', description: 'UnlockConnector on a connector without a cable answers UnlockFailed' },
  'unlock-unknown-connector-unlocked': {
    block: 'F',
    description: 'UnlockConnector for a connector the station does not have answers Unlocked',
  },
  'trigger-metervalues-all-rejected': { block: 'F', description: 'TriggerMessage MeterValues without an EVSE is Rejected' },
  'trigger-txevent-wrong-trigger': {
    block: 'F',
    description: 'a triggered TransactionEvent carries triggerReason MeterValuePeriodic instead of Trigger',
  },
  'trigger-txevent-all-rejected': { block: 'F', description: 'TriggerMessage TransactionEvent without an EVSE is Rejected' },
  'trigger-log-status-not-idle': {
    block: 'F',
    description: 'a triggered LogStatusNotification with no upload going on reports Uploaded instead of Idle',
  },
  'trigger-firmware-evse-rejected': {
    block: 'F',
    description: 'TriggerMessage FirmwareStatusNotification that names an EVSE is Rejected instead of ignoring the EVSE',
  },
  'trigger-firmware-status-not-idle': {
    block: 'F',
    description: 'a triggered FirmwareStatusNotification with no update going on reports Installed instead of Idle',
  },
  'trigger-status-stale': {
    block: 'F',
    description: 'a triggered StatusNotification always reports Available, even for an occupied connector',
  },
  'plugin-no-occupied': { block: 'G', description: 'a connector whose cable is plugged in is not reported Occupied' },
  'unplug-no-available': { block: 'G', description: 'a connector whose cable is unplugged is not reported Available again' },
  'availability-connector-operative-no-status': {
    block: 'G',
    description: 'a connector set back to Operative changes state but sends no StatusNotification Available',
  },
  'availability-evse-same-state-rejected': {
    block: 'G',
    description: 'ChangeAvailability for an EVSE to the state it already has is Rejected',
  },
  'availability-station-same-state-rejected': {
    block: 'G',
    description: 'ChangeAvailability for the whole station to the state it already has is Rejected',
  },
  'availability-connector-same-state-rejected': {
    block: 'G',
    description: 'ChangeAvailability for a connector to the state it already has is Rejected',
  },
  'availability-lost-on-reboot': {
    block: 'G',
    description: 'the operational state set by ChangeAvailability is forgotten on a reboot: everything comes back Operative',
  },
  'lock-failure-not-reported': {
    block: 'G',
    description: 'a connector whose lock fails when the cable goes in sends no NotifyEvent about ConnectorPlugRetentionLock Problem',
  },
  'aligned-ignores-send-during-idle': {
    block: 'J',
    description: 'clock-aligned readings are sent during a transaction although AlignedDataCtrlr.SendDuringIdle is true',
  },
  'aligned-ended-missing': {
    block: 'J',
    description: 'TransactionEvent Ended carries no clock-aligned readings although AlignedDataCtrlr.TxEndedInterval is set',
  },
  'aligned-unsigned': {
    block: 'J',
    description: 'clock-aligned readings carry no signedMeterValue although AlignedDataCtrlr.SignReadings is true',
  },
  'sampled-unsigned': {
    block: 'J',
    description: 'sampled transaction readings carry no signedMeterValue although SampledDataCtrlr.SignReadings is true',
  },
});
