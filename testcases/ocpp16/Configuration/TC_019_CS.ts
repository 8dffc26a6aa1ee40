import { check, defineCase } from '../../../src/dsl.js';

/** The Core profile configuration keys a charge point must implement (OCPP 1.6 section 9.1). */
const REQUIRED_CORE_KEYS = [
  'AuthorizeRemoteTxRequests',
  'ClockAlignedDataInterval',
  'ConnectionTimeOut',
  'ConnectorPhaseRotation',
  'GetConfigurationMaxKeys',
  'HeartbeatInterval',
  'LocalAuthorizeOffline',
  'LocalPreAuthorize',
  'MeterValuesAlignedData',
  'MeterValuesSampledData',
  'MeterValueSampleInterval',
  'NumberOfConnectors',
  'ResetRetries',
  'StopTransactionOnEVSideDisconnect',
  'StopTransactionOnInvalidId',
  'StopTxnAlignedData',
  'StopTxnSampledData',
  'SupportedFeatureProfiles',
  'TransactionMessageAttempts',
  'TransactionMessageRetryInterval',
  'UnlockConnectorOnEVSideDisconnect',
];

interface KeyValue {
  key: string;
  readonly: boolean;
  value?: string;
}

export default defineCase(
  {
    id: 'TC_019_CS',
    title: 'Retrieve Configuration',
    ocpp: '1.6',
    sut: 'cs',
    block: 'Configuration',
    requirements: ['OCPP16-5.8', 'OCPP16-9.1'],
    purpose:
      'Asked for its configuration without naming keys, a charge point lists every setting it has, including all keys the Core profile requires; asked for one key, it returns just that key.',
    fault: 'getconfig-all-incomplete',
  },
  async (ctx) => {
    const { csms } = ctx;
    await ctx.given('Booted');

    ctx.step('The harness sends GetConfiguration without keys');
    const all = await csms.call('GetConfiguration', {}, { requirement: 'OCPP16-5.8' });
    const listed = new Map(((all.configurationKey ?? []) as KeyValue[]).map((k) => [k.key, k]));

    ctx.step('The answer lists every configuration key the Core profile requires');
    const missing = REQUIRED_CORE_KEYS.filter((k) => !listed.has(k));
    if (missing.length) {
      // Tell "left out of the full list" (5.8) from "not implemented at all" (9.1).
      const probe = await csms.call('GetConfiguration', { key: missing.slice(0, 10) }, { requirement: 'OCPP16-5.8' });
      const known = ((probe.configurationKey ?? []) as KeyValue[]).map((k) => k.key);
      check(
        known.length === 0,
        'OCPP16-5.8',
        'GetConfiguration without keys returns all keys the charge point knows',
        `left out ${known.join(', ')}, which it returns when asked by name`,
      );
      check(false, 'OCPP16-9.1', `all required Core keys (${REQUIRED_CORE_KEYS.length})`, `missing ${missing.join(', ')}`);
    }
    const connectors = listed.get('NumberOfConnectors');
    check(
      connectors !== undefined && connectors.readonly === true && /^[1-9]\d*$/.test(connectors.value ?? ''),
      'OCPP16-9.1',
      'NumberOfConnectors read-only with a positive integer value',
      connectors,
    );

    ctx.step('The harness asks for HeartbeatInterval alone; the charge point returns exactly that key');
    const one = await csms.call('GetConfiguration', { key: ['HeartbeatInterval'] }, { requirement: 'OCPP16-5.8' });
    const keys = ((one.configurationKey ?? []) as KeyValue[]).map((k) => k.key);
    check(
      keys.length === 1 && keys[0] === 'HeartbeatInterval' && !(one.unknownKey ?? []).length,
      'OCPP16-5.8',
      'configurationKey = [HeartbeatInterval] and no unknownKey',
      one,
    );
  },
);
