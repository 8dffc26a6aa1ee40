import { defineFaults } from '../../faults.js';

/** Faults of the 2.0.1 reference station's TxStartPoint / TxStopPoint handling (block E, blocks/tx-points.ts): each breaks one behaviour. */
export const STATION_201_TX_POINT_FAULTS = defineFaults({
  'txstart-powerpath-early': {
    block: 'E',
    description:
      'with TxStartPoint PowerPathClosed, EnergyTransfer or DataSigned the transaction starts at plug-in, before the driver is authorized',
  },
  'txstart-evconnected-late': {
    block: 'E',
    description: 'with TxStartPoint EVConnected the transaction starts only once the driver is authorized, not at plug-in',
  },
  'txstart-authorized-late': {
    block: 'E',
    description: 'with TxStartPoint Authorized the transaction starts only once the cable is plugged in, not at the authorization',
  },
  'txstart-parkingbay-late': {
    block: 'E',
    description: 'with TxStartPoint ParkingBayOccupancy the transaction starts only at plug-in, not when the bay detector sees the EV',
  },
  'datasigned-start-unsigned': {
    block: 'E',
    description: 'with TxStartPoint DataSigned the Started event carries no signed meter data',
  },
  'txstop-deauth-waits-unplug': {
    block: 'E',
    description:
      'with TxStopPoint PowerPathClosed or EnergyTransfer a stop by the driver leaves the transaction running until the cable is unplugged',
  },
  'txstop-energy-ignores-suspend': {
    block: 'E',
    description: 'with TxStopPoint EnergyTransfer the transaction goes on (SuspendedEV) when the EV stops drawing energy',
  },
  'txstop-parkingbay-ends-at-unplug': {
    block: 'E',
    description: 'with TxStopPoint ParkingBayOccupancy unplugging ends the transaction although the EV is still in the bay',
  },
});
