import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import { FEATURE_IDS, unknownFeatures } from './features.js';
import { UsageError } from './usage-error.js';

// In its own module so the CLI's quick paths (list) need not load the config schema validator.
export { UsageError };

export interface IdTokenConfig {
  idToken: string;
  /** 2.0.1 IdTokenEnumType; ignored by 1.6 (idTag only). */
  type: string;
}

export type AdapterConfig =
  | { type: 'none' }
  | { type: 'prompt'; timeoutMs?: number }
  | { type: 'command'; command: string; timeoutMs?: number }
  | { type: 'http'; url: string; headers?: Record<string, string>; timeoutMs?: number };

/**
 * How strictly a run judges. `certification`: what the OCA test system requires (the default).
 * `lenient`: SHOULDs and known interop quirks are reported, not failed; each relaxation names the
 * requirement it relaxes (CaseContext.quirk).
 */
export type Strictness = 'certification' | 'lenient';
export const STRICTNESS_LEVELS: readonly Strictness[] = ['certification', 'lenient'];

/** Everything the harness needs to know about one SUT. Validated; defaults filled in. */
export interface SutConfig {
  stationId: string;
  /**
   * More station identities the CSMS under test knows (with the same credentials as stationId):
   * the fuzzer holds one connection per identity at once. Absent: only stationId.
   */
  extraStationIds?: string[];
  security: {
    profile: 0 | 1 | 2 | 3;
    basicAuthPassword?: string;
    /** Profile 2/3: a PKI directory made by `ocpp-harness certs init` (default `certs`; reference runs make a temporary one). */
    certsDir?: string;
    /** The station's serial number: CN of its certificate (A00.FR.405) and BootNotification serialNumber. Default: stationId. */
    serialNumber?: string;
    /** The CSO's organisation name: O of station certificates and CSRs (SecurityCtrlr.OrganizationName / CpoName). */
    organization?: string;
  };
  timeouts: {
    /** How long to wait for a message the SUT must send or answer ("configured message timeout"). */
    messageMs: number;
    /** How long to wait for the SUT to (re)connect. */
    connectMs: number;
    /**
     * The harness as station: pause after a connection as an identity closed (close handshake
     * finished) before it dials again as that identity, within a case and across cases.
     */
    reconnectPauseMs: number;
    /** Upper bound of one case. */
    caseMs: number;
    /** How long to watch for a message the SUT must not send. */
    silenceMs: number;
    /** "Configured transaction duration": how long a charging session runs in a case. */
    transactionMs: number;
    /** Heartbeat interval (s) the mock CSMS hands out in BootNotificationResponse. */
    heartbeatIntervalS: number;
    /** Retry interval (s) the mock CSMS hands out with Pending/Rejected boots. */
    bootRetryIntervalS: number;
  };
  ids: {
    evseId: number;
    connectorId: number;
    validIdToken: IdTokenConfig;
    invalidIdToken: IdTokenConfig;
    blockedIdToken: IdTokenConfig;
    expiredIdToken: IdTokenConfig;
    /** A second valid token the SUT puts in the same group as validIdToken (groupIdToken). */
    validIdToken2: IdTokenConfig;
    /** The group (IdTokenInfo.groupIdToken) the SUT gives validIdToken and validIdToken2. */
    groupIdToken: IdTokenConfig;
    /** A valid token whose group is the SUT's MasterPassGroupId (it may stop any transaction). */
    masterPassIdToken: IdTokenConfig;
    /** The MasterPassGroupId: the groupIdToken.idToken the SUT gives masterPassIdToken. */
    masterPassGroupId: string;
    /** ISO 15118 (type eMAID): a contract the CSMS knows as valid, and one whose contract certificate it knows as revoked. */
    contractIdToken: IdTokenConfig;
    revokedContractIdToken: IdTokenConfig;
    /** A configuration key / variable the SUT supports writing, for Set/Change cases. */
    meterValueSampleIntervalS: number;
  };
  /**
   * Declared optional features (PICS ids, src/core/features.ts). A case needing one not declared is
   * not-applicable; a SUT answering NotImplemented/NotSupported for a declared feature fails.
   */
  features: string[];
  /** How strictly the run judges (absent: certification). */
  strictness?: Strictness;
  adapter: AdapterConfig;
  /** Known deviations: case id -> reason; such a case's fail is reported as not-applicable. */
  deviations: Record<string, string>;
  /** Caps against a hostile or broken SUT (README "Limits"); missing fields take DEFAULT_LIMITS. */
  limits?: Partial<Limits>;
}

/** Hard caps that bound what a SUT can make the harness hold or write. */
export interface Limits {
  /** The largest WebSocket message accepted, in either role; a larger one closes the connection (1009). */
  maxFrameBytes: number;
  /** Frames recorded per case; beyond it the log keeps their count, sizes and SHA-256 only. */
  maxFramesPerCase: number;
  /** Bytes of one frame (or any one string) copied into the log and reports; the rest is cut, with its length and SHA-256. */
  maxRecordedFrameBytes: number;
  /** Bytes of frames recorded per case; beyond it frames are counted as for maxFramesPerCase. */
  maxRecordedBytesPerCase: number;
}

/**
 * The defaults. The spec sets no frame size; the largest frames a real SUT sends (certificate
 * chains, a full 1.6 GetConfiguration, a NotifyReport page) are tens of KB, so 16 MiB is far
 * beyond any of them yet keeps one frame well inside memory. The catalogue's busiest case sends
 * about 500 frames; 10,000 leaves 20x room. 64 KiB of a frame shows any real frame whole.
 */
export const DEFAULT_LIMITS: Limits = {
  maxFrameBytes: 16 * 1024 * 1024,
  maxFramesPerCase: 10_000,
  maxRecordedFrameBytes: 64 * 1024,
  maxRecordedBytesPerCase: 8 * 1024 * 1024,
};

export function limitsOf(config: Pick<SutConfig, 'limits'>): Limits {
  return { ...DEFAULT_LIMITS, ...(config.limits ?? {}) };
}

export const DEFAULT_CONFIG: SutConfig = {
  stationId: 'CP001',
  security: { profile: 0 },
  timeouts: {
    messageMs: 30_000,
    connectMs: 60_000,
    reconnectPauseMs: 1_000,
    caseMs: 300_000,
    silenceMs: 10_000,
    transactionMs: 10_000,
    heartbeatIntervalS: 300,
    bootRetryIntervalS: 10,
  },
  ids: {
    evseId: 1,
    connectorId: 1,
    validIdToken: { idToken: 'VALID-TOKEN-01', type: 'ISO14443' },
    invalidIdToken: { idToken: 'INVALID-TOKEN-01', type: 'ISO14443' },
    blockedIdToken: { idToken: 'BLOCKED-TOKEN-01', type: 'ISO14443' },
    expiredIdToken: { idToken: 'EXPIRED-TOKEN-01', type: 'ISO14443' },
    validIdToken2: { idToken: 'VALID-TOKEN-02', type: 'ISO14443' },
    groupIdToken: { idToken: 'GROUP-TOKEN-01', type: 'Central' },
    masterPassIdToken: { idToken: 'MASTERPASS-TOKEN-01', type: 'ISO14443' },
    masterPassGroupId: 'MASTERPASS-GROUP',
    contractIdToken: { idToken: 'NLHRSC000000001', type: 'eMAID' },
    revokedContractIdToken: { idToken: 'NLHRSC000000002', type: 'eMAID' },
    meterValueSampleIntervalS: 60,
  },
  features: [],
  adapter: { type: 'none' },
  deviations: {},
};

/** The timings the built-in reference run uses: same case logic, short configured waits. */
export const REFERENCE_TIMEOUTS: SutConfig['timeouts'] = {
  messageMs: 2_000,
  connectMs: 3_000,
  reconnectPauseMs: 20,
  caseMs: 30_000,
  silenceMs: 400,
  transactionMs: 300,
  heartbeatIntervalS: 1,
  bootRetryIntervalS: 1,
};

const token = {
  type: 'object',
  additionalProperties: false,
  required: ['idToken'],
  properties: { idToken: { type: 'string', minLength: 1, maxLength: 36 }, type: { type: 'string' } },
};
const positiveMs = { type: 'integer', minimum: 1, maximum: 86_400_000 };

const CONFIG_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    stationId: { type: 'string', minLength: 1, maxLength: 48, pattern: '^[^/:]+$' },
    extraStationIds: {
      type: 'array',
      maxItems: 64,
      uniqueItems: true,
      items: { type: 'string', minLength: 1, maxLength: 48, pattern: '^[^/:]+$' },
    },
    security: {
      type: 'object',
      additionalProperties: false,
      properties: {
        profile: { enum: [0, 1, 2, 3] },
        basicAuthPassword: { type: 'string', minLength: 1, maxLength: 64 },
        certsDir: { type: 'string', minLength: 1 },
        serialNumber: { type: 'string', minLength: 1, maxLength: 25 },
        organization: { type: 'string', minLength: 1, maxLength: 50 },
      },
    },
    timeouts: {
      type: 'object',
      additionalProperties: false,
      properties: {
        messageMs: positiveMs,
        connectMs: positiveMs,
        reconnectPauseMs: { type: 'integer', minimum: 0, maximum: 600_000 },
        caseMs: positiveMs,
        silenceMs: positiveMs,
        transactionMs: positiveMs,
        heartbeatIntervalS: { type: 'integer', minimum: 1 },
        bootRetryIntervalS: { type: 'integer', minimum: 1 },
      },
    },
    ids: {
      type: 'object',
      additionalProperties: false,
      properties: {
        evseId: { type: 'integer', minimum: 1 },
        connectorId: { type: 'integer', minimum: 1 },
        validIdToken: token,
        invalidIdToken: token,
        blockedIdToken: token,
        expiredIdToken: token,
        validIdToken2: token,
        groupIdToken: token,
        masterPassIdToken: token,
        masterPassGroupId: { type: 'string', minLength: 1, maxLength: 36 },
        contractIdToken: token,
        revokedContractIdToken: token,
        meterValueSampleIntervalS: { type: 'integer', minimum: 1 },
      },
    },
    features: { type: 'array', items: { type: 'string' } },
    strictness: { enum: [...STRICTNESS_LEVELS] },
    adapter: {
      type: 'object',
      required: ['type'],
      properties: {
        type: { enum: ['none', 'prompt', 'command', 'http'] },
        command: { type: 'string', minLength: 1 },
        url: { type: 'string', pattern: '^https?://' },
        headers: { type: 'object', additionalProperties: { type: 'string' } },
        timeoutMs: positiveMs,
      },
      additionalProperties: false,
    },
    deviations: { type: 'object', additionalProperties: { type: 'string' } },
    limits: {
      type: 'object',
      additionalProperties: false,
      properties: {
        maxFrameBytes: { type: 'integer', minimum: 65_536, maximum: 1024 * 1024 * 1024 },
        maxFramesPerCase: { type: 'integer', minimum: 100, maximum: 10_000_000 },
        maxRecordedFrameBytes: { type: 'integer', minimum: 1024, maximum: 64 * 1024 * 1024 },
        maxRecordedBytesPerCase: { type: 'integer', minimum: 65_536, maximum: 1024 * 1024 * 1024 },
      },
    },
  },
};

function explain(e: ErrorObject): string {
  const field = e.instancePath.replace(/^\//, '').replace(/\//g, '.') || '(top level)';
  switch (e.keyword) {
    case 'additionalProperties': {
      const p = (e.params as { additionalProperty: string }).additionalProperty;
      return `${field === '(top level)' ? '' : `${field}.`}${p}: unknown field; remove it or check its spelling`;
    }
    case 'enum':
      return `${field}: must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'type':
      return `${field}: must be ${(e.params as { type: string }).type}`;
    case 'required':
      return `${field === '(top level)' ? '' : `${field}.`}${(e.params as { missingProperty: string }).missingProperty}: required; add it`;
    case 'pattern':
      return `${field}: ${field.endsWith('url') ? 'must start with http:// or https://' : field === 'stationId' ? 'must not contain "/" or ":"' : `must match ${(e.params as { pattern: string }).pattern}`}`;
    default:
      return `${field}: ${e.message}`;
  }
}

/** Validates a parsed config object and fills defaults. Throws UsageError listing every problem. */
export function parseConfig(raw: unknown, source = 'config'): SutConfig {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(CONFIG_SCHEMA);
  const problems = validate(raw) ? [] : (validate.errors ?? []).map(explain);
  const c = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<SutConfig> & Record<string, unknown>;
  // Rules that span fields, reported together with the schema problems.
  const adapter = (c.adapter ?? DEFAULT_CONFIG.adapter) as AdapterConfig & Record<string, unknown>;
  if (adapter.type === 'command' && !adapter.command)
    problems.push('adapter.command: required when adapter.type is "command"; give the shell command to run for each manual action');
  if (adapter.type === 'http' && !adapter.url)
    problems.push('adapter.url: required when adapter.type is "http"; give the URL to POST each manual action to');
  const security = { ...DEFAULT_CONFIG.security, ...((c.security as object) ?? {}) } as SutConfig['security'];
  if ((security.profile === 1 || security.profile === 2) && !security.basicAuthPassword) {
    problems.push(
      `security.basicAuthPassword: required for security profile ${security.profile} (HTTP Basic auth); set a 16 to 40 character password`,
    );
  }
  for (const f of unknownFeatures(Array.isArray(c.features) ? c.features.map(String) : []))
    problems.push(`features: unknown feature "${f}"; the features are ${FEATURE_IDS.join(', ')}`);
  if (problems.length) throw new UsageError(`${source} is invalid:\n  - ${[...new Set(problems)].join('\n  - ')}`);
  const fixToken = (t: Partial<IdTokenConfig> | undefined, d: IdTokenConfig): IdTokenConfig => ({ ...d, ...(t ?? {}) });
  const ids = { ...DEFAULT_CONFIG.ids, ...(c.ids ?? {}) };
  return {
    stationId: c.stationId ?? DEFAULT_CONFIG.stationId,
    ...(c.extraStationIds ? { extraStationIds: [...c.extraStationIds] } : {}),
    security,
    timeouts: { ...DEFAULT_CONFIG.timeouts, ...(c.timeouts ?? {}) },
    ids: {
      ...ids,
      validIdToken: fixToken(c.ids?.validIdToken, DEFAULT_CONFIG.ids.validIdToken),
      invalidIdToken: fixToken(c.ids?.invalidIdToken, DEFAULT_CONFIG.ids.invalidIdToken),
      blockedIdToken: fixToken(c.ids?.blockedIdToken, DEFAULT_CONFIG.ids.blockedIdToken),
      expiredIdToken: fixToken(c.ids?.expiredIdToken, DEFAULT_CONFIG.ids.expiredIdToken),
      validIdToken2: fixToken(c.ids?.validIdToken2, DEFAULT_CONFIG.ids.validIdToken2),
      groupIdToken: fixToken(c.ids?.groupIdToken, DEFAULT_CONFIG.ids.groupIdToken),
      masterPassIdToken: fixToken(c.ids?.masterPassIdToken, DEFAULT_CONFIG.ids.masterPassIdToken),
      contractIdToken: fixToken(c.ids?.contractIdToken, DEFAULT_CONFIG.ids.contractIdToken),
      revokedContractIdToken: fixToken(c.ids?.revokedContractIdToken, DEFAULT_CONFIG.ids.revokedContractIdToken),
    },
    features: c.features ?? [],
    ...(c.strictness ? { strictness: c.strictness } : {}),
    adapter,
    deviations: c.deviations ?? {},
    ...(c.limits ? { limits: { ...c.limits } } : {}),
  };
}

export function loadConfigFile(path: string): SutConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(
      `--config ${path}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); check the path`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`--config ${path}: not valid JSON (${(err as Error).message}); fix the syntax`);
  }
  return parseConfig(raw, `--config ${path}`);
}

/** The CSO organisation name when the config gives none; `certs init --org` defaults to the same. */
export const DEFAULT_ORGANIZATION = 'ocpp-harness test CSO';

/** The run's strictness (certification unless the config says lenient). */
export function strictnessOf(config: Pick<SutConfig, 'strictness'>): Strictness {
  return config.strictness ?? 'certification';
}

/** The station serial number the certificates carry (A00.FR.405). */
export function stationSerialOf(config: SutConfig): string {
  return config.security.serialNumber ?? config.stationId;
}

/** The CSO organisation name (O of station certificates, A00.FR.404). */
export function organizationOf(config: SutConfig): string {
  return config.security.organization ?? DEFAULT_ORGANIZATION;
}

/** Strings that must never reach a log or report. */
export function secretsOf(config: SutConfig): string[] {
  const out: string[] = [];
  const pw = config.security.basicAuthPassword;
  if (pw) {
    out.push(pw, Buffer.from(`${config.stationId}:${pw}`).toString('base64'));
  }
  return out;
}

/**
 * The waits cases use, named once from the configured timeouts so a case says what it waits
 * for instead of repeating the arithmetic.
 */
export interface NamedWaits {
  /** A message the SUT must send or answer. */
  message: number;
  /** Two exchanges in a row (an answer, then the message it causes). */
  twoMessages: number;
  /** The SUT (re)connects and sends its first message. */
  reconnect: number;
  /** Watching for a message the SUT must not send. */
  silence: number;
  /** The next Heartbeat at the interval the mock CSMS handed out, plus the message timeout. */
  heartbeat: number;
  /** The boot retry interval the mock CSMS hands out with Pending/Rejected. */
  bootRetry: number;
  /** The configured transaction duration. */
  transaction: number;
}

export function namedWaits(t: SutConfig['timeouts']): NamedWaits {
  return {
    message: t.messageMs,
    twoMessages: t.messageMs * 2,
    reconnect: t.connectMs + t.messageMs,
    silence: t.silenceMs,
    heartbeat: t.heartbeatIntervalS * 1000 + t.messageMs,
    bootRetry: t.bootRetryIntervalS * 1000,
    transaction: t.transactionMs,
  };
}
