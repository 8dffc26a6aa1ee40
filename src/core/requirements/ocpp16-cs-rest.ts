import { defineRequirements } from './sources.js';

const I = 'inferred' as const;

/**
 * OCPP 1.6 requirements the remaining charge-point (`_CS`) cases of issue 16 check: local
 * authorization (cache and local list, §3.5), the configuration keys whose behaviour they test
 * (§9.1) and smart charging (§3.13). Our words; the section numbers below 3.x / 9.1 could not be
 * checked against the primary text, hence inferred.
 */
export const OCPP16_CS_REST = defineRequirements('OCPP16', [
  [
    'OCPP16-3.5.1',
    'MUST',
    'With AuthorizationCacheEnabled the charge point caches idTag statuses; with LocalPreAuthorize a cached Accepted idTag starts without an Authorize first, and ClearCache empties the cache.',
    I,
  ],
  [
    'OCPP16-3.5.2',
    'MUST',
    'With LocalAuthListEnabled and LocalPreAuthorize an idTag the local authorization list holds as Accepted starts a transaction without an Authorize first.',
    I,
  ],
  [
    'OCPP16-9.1.3',
    'MUST',
    'With AuthorizeRemoteTxRequests true the charge point authorizes the idTag of a remote start like a local one and starts nothing for an idTag that is not Accepted.',
    I,
  ],
  [
    'OCPP16-9.1.5',
    'MUST',
    'With ClockAlignedDataInterval above 0 the charge point sends meter values with context Sample.Clock at each interval boundary counted from midnight.',
    I,
  ],
  [
    'OCPP16-9.1.6',
    'MUST',
    'An authorization that waits for the cable ends after ConnectionTimeOut seconds: the connector returns to Available and no transaction starts.',
    I,
  ],
  ['OCPP16-9.1.19', 'MUST', 'A charge point whose ReserveConnectorZeroSupported is false answers ReserveNow for connector 0 Rejected.', I],
  [
    'OCPP16-5.17.1',
    'MUST',
    'A TriggerMessage that names a connector the charge point does not have is answered Rejected, and the requested message is not sent.',
    I,
  ],
  [
    'OCPP16-3.13',
    'MUST',
    'The limit on a transaction is the lower of the ChargePointMaxProfile and its profile in force (TxProfile over TxDefaultProfile), each at its highest active stack level, as GetCompositeSchedule reports.',
    I,
  ],
  [
    'OCPP16-5.11.1',
    'MUST',
    'A charging profile sent with RemoteStartTransaction must be a TxProfile without transactionId; the charge point installs it for the transaction it starts and answers Rejected for any other purpose.',
    I,
  ],
  [
    'OCPP16-4.10.1',
    'MUST',
    'A transaction cut off by a power failure is reported with StopTransaction, reason PowerLoss: after the restart, or before going down when the charge point can.',
    I,
  ],
  [
    'OCPP16-5.2.1',
    'MUST',
    'The availability set with ChangeAvailability persists over a restart: a connector made Inoperative reports Unavailable after it.',
    I,
  ],
  [
    'OCPP16-9.1.23',
    'MUST',
    'StopTransactionOnEVSideDisconnect true stops the transaction (reason EVDisconnected) when the EV unplugs; false keeps it, SuspendedEV, until the EV is back and charges on.',
    I,
  ],
]);
