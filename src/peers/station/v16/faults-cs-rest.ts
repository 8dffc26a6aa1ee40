import { defineFaults } from '../../faults.js';

/**
 * Faults of the 1.6 reference charge point for the remaining OCTT `_CS` cases of issue 16 (cache,
 * local list use, connection timeout, remote authorization, reservations of the whole charge point,
 * remote trigger, clock-aligned meter values, smart charging). Each breaks one behaviour; `block` is
 * the section of the case that catches it.
 */
export const STATION_16_CS_REST_FAULTS = defineFaults({
  'connection-timeout-ignored': {
    block: 'Transactions',
    description: 'an authorization waiting for the cable never expires: the connector stays Preparing after ConnectionTimeOut',
  },
  'auth-cache-not-used': {
    block: 'Cache',
    description: 'with AuthorizationCacheEnabled and LocalPreAuthorize true, a cached Accepted idTag is still sent in Authorize first',
  },
  'clear-cache-keeps-entries': {
    block: 'Cache',
    description: 'ClearCache is answered Accepted but the authorization cache keeps its entries',
  },
  'local-list-not-used': {
    block: 'LocalAuthList',
    description:
      'with LocalAuthListEnabled and LocalPreAuthorize true, an idTag Accepted in the local list is still sent in Authorize first',
  },
  'remote-authorize-status-ignored': {
    block: 'Authorization',
    description: 'with AuthorizeRemoteTxRequests true, a remote start goes ahead although Authorize answered the idTag Invalid',
  },
  'reserve-zero-unsupported-accepted': {
    block: 'Reservation',
    description: 'ReserveNow for connector 0 is answered Accepted although ReserveConnectorZeroSupported is false',
  },
  'trigger-unknown-connector-accepted': {
    block: 'RemoteTrigger',
    description:
      'TriggerMessage for a connector the charge point does not have is answered Accepted (and the message sent for connector 1)',
  },
  'clock-aligned-meter-values-missing': {
    block: 'MeterValues',
    description: 'no MeterValues with context Sample.Clock are sent at the ClockAlignedDataInterval boundaries',
  },
});
