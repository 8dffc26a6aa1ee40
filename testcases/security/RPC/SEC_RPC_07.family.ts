import {
  CaseFailure,
  check,
  defineCase,
  defineCaseFamily,
  present,
  type CaseContext,
  type Payload,
  untypedContext,
} from '../../../src/dsl.js';
import { closedText, expectReachable, harnessEndpoint, heartbeatIntervalOf, RowVerdicts } from '../../../src/kit/index.js';

/**
 * SEC-RPC-07, hostile values inside schema-valid requests, for both versions and roles. The
 * values are the union of the former cases (lists below); each version writes them into its own
 * messages. Every request must be answered on the same connection; a hostile setting or a
 * request for a station part that does not exist must not be accepted.
 */

/** Values for an integer setting (HeartbeatInterval); only plain digit strings may be accepted. */
// prettier-ignore
const INTEGER_VALUES = ['-1', '99999999999999999999', '2147483648', '1e308', 'NaN', '0x10', '1\u0000', '10; reboot', '$(reboot)', '60;$(reboot)', '`id`', '../../../../etc/passwd', '%s%s%n%x', "1' OR '1'='1", '\u202e01', '\u0663'];
/** Names for configuration keys, components and variables. */
// prettier-ignore
const NAMES = ["'; DROP TABLE variables;--", '<script>alert(1)</script>', 'a\u0000b', '\u202egpj.exe', '../../../../etc/passwd', '%s%s%s%n', '\u001b[2JHeartbeatInterval', '\u{1F600}'.repeat(12)];
/** Free text for logs and user interfaces. */
// prettier-ignore
const FREE_TEXT = ['\u202egpj.exe', '\u001b[31mX\u001b[0m\r\nX-Injected: 1', '\u{1F600}'.repeat(120), '\uffff\ufffe\ufeffx', 'a\u0000b', '\u001b[2J../../etc/passwd'];
/** Vendor-specific messages with shell, SQL, traversal and format strings. */
const DATA_TRANSFERS: Payload[] = [
  { vendorId: '\u001b[31mvendor\u001b[0m', messageId: "'; DROP TABLE tx;--", data: '\u{1F600}'.repeat(2048) },
  { vendorId: 'x\r\nX-Injected: 1\u001b[2J', messageId: '%n%n%n', data: '<script>alert(1)</script>' },
  { vendorId: ';$(reboot)`id`', data: "' OR '1'='1" },
  { vendorId: '../../../../etc/passwd', messageId: '%s%s%n%x' },
];
/** Timestamps at the edges of RFC 3339. */
// prettier-ignore
const DATES = ['0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '2016-12-31T23:59:60Z', '2024-01-01T00:00:00.123456789012Z', '2024-01-01T00:00:00+14:59'];
/** Tokens a CSMS must not accept (1.6 idTags are at most 20 characters: longer ones would break the schema, not this rule). */
// prettier-ignore
const TOKENS = ["' OR '1'='1", '\u202e10-NEKOT-DILAV', '*', '<script>alert(1)</script>'];
/** Meter readings at the edges of the number range (1.6 writes them as strings, which also allows NaN). */
// prettier-ignore
const READINGS = ['1e308', 'NaN', '-0', '100000000000000000000000', '9007199254740992', '-1'];
const INT32_MAX = 2147483647;
const DEPTH = 2000;

const ROWS = [
  {
    id: 'SEC16_RPC_07_CS',
    ocpp: '1.6',
    sut: 'cs',
    title: 'Extreme and hostile values inside valid requests neither crash the charge point nor get stored',
    cwe: 'CWE-20',
    purpose:
      'Schema-valid requests carry boundary and hostile values: integer configuration values that overflow, are negative, hexadecimal, exponent notation or NaN, shell, SQL and path-traversal strings, an embedded NUL, bidi and escape characters in values and key names, 32-bit and 53-bit extreme ids, long Unicode data, reservations expiring at the edges of the date range. The charge point answers every one on the same connection (a CALLRESULT refusing it or a CALLERROR), accepts and stores no value that is not a valid integer into HeartbeatInterval, and does not accept a remote start for a connector that does not exist.',
    hint: 'Parse numbers strictly (digits only, range-checked) and reject the rest with Rejected; treat strings as data (never pass them to a shell, a path or a format string); make sure no value of a valid message can throw an unhandled exception in the message handlers.',
    fault: 'cp-crash-on-nul-in-string',
    requirements: ['OCPPJ16-4.2.3', 'OCPP16-9.1', 'OCPP16-5.11'],
    judge: { answered: 'OCPPJ16-4.2.3', session: 'OCPPJ16-4.2.3', setting: 'OCPP16-9.1', start: 'OCPP16-5.11' },
  },
  {
    id: 'SEC16_RPC_07_CSMS',
    ocpp: '1.6',
    sut: 'csms',
    title: 'Extreme and hostile values inside valid requests neither crash the central system nor authorize anything',
    cwe: 'CWE-20',
    purpose:
      'Schema-valid requests from the booted harness charge point carry boundary and hostile values: meter samples of 1e308, NaN, -0, 10^23 and 2^53, timestamps in year 0, 9999, on a leap second, with a 12-digit fraction and an odd offset, 32-bit extreme meter readings, idTags with SQL, NUL and bidi characters, escape sequences and path traversal in free text, long Unicode data. The central system answers every one on the same connection and accepts none of the hostile idTags.',
    hint: 'Parse numbers and timestamps defensively (reject or clamp what your storage cannot hold), treat every string as data (parameterised queries, no shell or path use, escape for logs and UIs), and make sure no value of a valid message can throw an unhandled exception that drops the charge point.',
    fault: 'cs-crash-on-extreme-meter-value',
    requirements: ['OCPPJ16-4.2.3', 'OCPP16-4.1'],
    judge: { answered: 'OCPPJ16-4.2.3', session: 'OCPPJ16-4.2.3', token: 'OCPP16-4.1' },
  },
  {
    id: 'SEC_RPC_07_CS',
    ocpp: '2.0.1',
    sut: 'cs',
    title: 'Boundary and injection values inside valid requests to the station',
    cwe: 'CWE-74',
    purpose:
      'Schema-valid requests whose values are hostile (shell and SQL metacharacters, path traversal, NUL and bidi controls, integer overflows, extreme dates, EVSEs that do not exist) neither crash the station nor get executed or stored as configuration: an integer variable keeps an integer value, and a remote start on an EVSE that does not exist is not accepted.',
    hint: 'Treat every string from the CSMS as data: validate values against the variable type before storing, never pass them to a shell, file path or query, and parse numbers and dates with range checks.',
    fault: 'setvar-stores-unvalidated',
    requirements: ['OCPPJ20-4.1.2', 'OCPPJ20-4.2.3'],
    judge: { answered: 'OCPPJ20-4.1.2', session: 'OCPPJ20-4.1.2', setting: 'OCPPJ20-4.1.2', start: 'OCPPJ20-4.1.2' },
  },
  {
    id: 'SEC_RPC_07_CSMS',
    ocpp: '2.0.1',
    sut: 'csms',
    title: 'Boundary, encoding and injection values inside valid requests toward the CSMS',
    cwe: 'CWE-20',
    purpose:
      'Requests that are schema-valid but hostile (NUL and control characters, right-to-left overrides, astral characters, shell, SQL, HTML and path-traversal strings, year 0 and 9999, a leap second, a 12-digit fraction, an odd offset, 1e308, -0, 2^53, negative energy, 2000-deep nesting in free-form data) are each answered, rejected or stored, and never crash, hang or disconnect the CSMS.',
    hint: 'Treat every string and number from a station as untrusted data: bound and escape it before logging or storing it, use date and number parsers that cope with the full RFC 3339 / IEEE-754 range, parse JSON iteratively or with a depth limit, and answer every CALL.',
    fault: 'crash-on-nul-char',
    requirements: ['OCPPJ20-4.1.2', 'OCPPJ20-4.2.3'],
    judge: { answered: 'OCPPJ20-4.2.3', session: 'OCPPJ20-4.1.2' },
  },
] as const;

interface Judge {
  answered: string;
  session: string;
  setting?: string;
  start?: string;
  token?: string;
}

/** One hostile request; `payload` as JSON text where JSON.stringify cannot write it (-0, deep nesting). */
interface Hostile {
  label: string;
  action: string;
  payload: Payload | string;
  /** The answer must not accept it: which requirement, and how acceptance shows in the answer. */
  refuse?: { requirement: string | undefined; accepted: (answer: Payload) => boolean };
}

const statusAccepted = (a: Payload) => a.status === 'Accepted';
const digits = (v: string) => /^\d+$/.test(v);

/** The hostile requests to a station, in the messages of its version. */
function towardStation(ctx: CaseContext, j: Judge): Hostile[] {
  const { connectorId, validIdToken } = ctx.config.ids;
  const req = (label: string, action: string, payload: Payload, refuse?: Hostile['refuse']): Hostile => ({
    label,
    action,
    payload,
    refuse,
  });
  const data = DATA_TRANSFERS.map((p, i) => req(`DataTransfer ${i + 1} with hostile strings`, 'DataTransfer', p));
  if (ctx.ocpp === '1.6') {
    return [
      ...INTEGER_VALUES.map((value) =>
        req(
          `ChangeConfiguration HeartbeatInterval = ${JSON.stringify(value)}`,
          'ChangeConfiguration',
          { key: 'HeartbeatInterval', value },
          digits(value) ? undefined : { requirement: j.setting, accepted: statusAccepted },
        ),
      ),
      ...NAMES.map((key) => req(`ChangeConfiguration of key ${JSON.stringify(key)}`, 'ChangeConfiguration', { key, value: '60' })),
      req('GetConfiguration with hostile key names', 'GetConfiguration', { key: NAMES }),
      ...data,
      ...[INT32_MAX, -INT32_MAX - 1, Number.MAX_SAFE_INTEGER].map((id) =>
        req(`RemoteStopTransaction transactionId ${id}`, 'RemoteStopTransaction', { transactionId: id }),
      ),
      req(`UnlockConnector connectorId ${INT32_MAX}`, 'UnlockConnector', { connectorId: INT32_MAX }),
      req('UnlockConnector connectorId -1', 'UnlockConnector', { connectorId: -1 }),
      req(`ChangeAvailability connectorId ${INT32_MAX}`, 'ChangeAvailability', { connectorId: INT32_MAX, type: 'Inoperative' }),
      req(`TriggerMessage StatusNotification for connector ${INT32_MAX}`, 'TriggerMessage', {
        requestedMessage: 'StatusNotification',
        connectorId: INT32_MAX,
      }),
      ...DATES.map((expiryDate) =>
        req(`ReserveNow expiring ${expiryDate}`, 'ReserveNow', { connectorId, expiryDate, idTag: ';$(reboot)', reservationId: INT32_MAX }),
      ),
      req(
        `RemoteStartTransaction on connector ${INT32_MAX}`,
        'RemoteStartTransaction',
        { connectorId: INT32_MAX, idTag: validIdToken.idToken },
        { requirement: j.start, accepted: statusAccepted },
      ),
    ];
  }
  const heartbeat = (attributeValue: string) => ({
    setVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, attributeValue }],
  });
  const setAccepted = (a: Payload) => a.setVariableResult?.[0]?.attributeStatus === 'Accepted';
  return [
    ...INTEGER_VALUES.map((value) =>
      req(
        `SetVariables HeartbeatInterval = ${JSON.stringify(value)}`,
        'SetVariables',
        heartbeat(value),
        digits(value) ? undefined : { requirement: j.setting, accepted: setAccepted },
      ),
    ),
    ...NAMES.map((name) =>
      req(`SetVariables of component ${JSON.stringify(name)}`, 'SetVariables', {
        setVariableData: [{ component: { name }, variable: { name }, attributeValue: '60' }],
      }),
    ),
    ...NAMES.map((name) =>
      req(`GetVariables for component ${JSON.stringify(name)}`, 'GetVariables', {
        getVariableData: [{ component: { name }, variable: { name } }],
      }),
    ),
    ...data,
    ...['../../../../etc/passwd', ';$(reboot)'].map((id) =>
      req(`RequestStopTransaction for transaction ${JSON.stringify(id)}`, 'RequestStopTransaction', { transactionId: id }),
    ),
    req(`UnlockConnector on EVSE ${INT32_MAX}`, 'UnlockConnector', { evseId: INT32_MAX, connectorId: INT32_MAX }),
    // 2^53 + 1 as written on the wire (a JavaScript number would round it to 2^53).
    ...[String(INT32_MAX), '9007199254740993'].map((id): Hostile => ({
      label: `ChangeAvailability for EVSE ${id}`,
      action: 'ChangeAvailability',
      payload: `{"operationalStatus":"Inoperative","evse":{"id":${id}}}`,
    })),
    req('TriggerMessage for EVSE 1e300', 'TriggerMessage', { requestedMessage: 'StatusNotification', evse: { id: 1e300 } }),
    ...DATES.map((date) =>
      req(`ReserveNow expiring ${date}`, 'ReserveNow', {
        id: INT32_MAX,
        expiryDateTime: date,
        idToken: { idToken: ';$(reboot)', type: 'Central' },
      }),
    ),
    req(
      `RequestStartTransaction on EVSE ${INT32_MAX}`,
      'RequestStartTransaction',
      { evseId: INT32_MAX, remoteStartId: INT32_MAX, idToken: { idToken: validIdToken.idToken, type: validIdToken.type } },
      { requirement: j.start, accepted: statusAccepted },
    ),
  ];
}

/** The hostile requests to a CSMS, in the messages of its version. */
function towardCsms(ctx: CaseContext, j: Judge): Hostile[] {
  const { connectorId, evseId, validIdToken, invalidIdToken } = ctx.config.ids;
  const now = ctx.nowIso();
  const refuseToken = { requirement: j.token, accepted: (a: Payload) => (a.idTagInfo ?? a.idTokenInfo)?.status === 'Accepted' };
  const data = DATA_TRANSFERS.map((payload, i): Hostile => ({
    label: `DataTransfer ${i + 1} with hostile strings`,
    action: 'DataTransfer',
    payload,
  }));
  const security = FREE_TEXT.map((techInfo): Hostile => ({
    label: `SecurityEventNotification with techInfo ${JSON.stringify(techInfo.slice(0, 24))}`,
    action: 'SecurityEventNotification',
    payload: { type: 'InvalidMessages', timestamp: now, techInfo },
  }));
  if (ctx.ocpp === '1.6') {
    const tokens = [...TOKENS, `${validIdToken.idToken.slice(0, 18)}\u0000x`].filter((t) => t.length <= 20);
    const status = (label: string, extra: Payload): Hostile => ({
      label,
      action: 'StatusNotification',
      payload: { connectorId, errorCode: 'OtherError', status: 'Available', timestamp: now, ...extra },
    });
    const meter = (value: string, sampled: Payload = {}, at: Payload = {}): Hostile => ({
      label: `MeterValues with value ${value}${at.connectorId ? ` on connector ${at.connectorId}` : ''}`,
      action: 'MeterValues',
      payload: { connectorId, meterValue: [{ timestamp: now, sampledValue: [{ value, ...sampled }] }], ...at },
    });
    return [
      ...tokens.map((idTag): Hostile => ({
        label: `Authorize idTag ${JSON.stringify(idTag)}`,
        action: 'Authorize',
        payload: { idTag },
        refuse: refuseToken,
      })),
      ...security,
      status('StatusNotification with escape and traversal text', {
        info: '\u001b[2J../../etc/passwd',
        vendorId: '<script>alert(1)</script>',
        vendorErrorCode: '%s%s%n',
      }),
      ...DATES.map((timestamp) => status(`StatusNotification at ${timestamp}`, { timestamp })),
      ...READINGS.map((v) => meter(v, v === '-1' ? { measurand: 'Energy.Active.Import.Register', unit: 'Wh' } : {})),
      meter('1', {}, { connectorId: INT32_MAX }),
      ...data,
      {
        label: `StartTransaction with meterStart ${INT32_MAX} in year 9999`,
        action: 'StartTransaction',
        payload: { connectorId, idTag: invalidIdToken.idToken, meterStart: INT32_MAX, timestamp: '9999-12-31T23:59:59Z' },
        refuse: refuseToken,
      },
      {
        label: `StopTransaction with meterStop ${-INT32_MAX - 1} for transaction ${INT32_MAX}`,
        action: 'StopTransaction',
        payload: { transactionId: INT32_MAX, meterStop: -INT32_MAX - 1, timestamp: now, reason: 'Other' },
      },
    ];
  }
  const meter = (value: string, at = evseId): Hostile => ({
    label: `MeterValues with value ${value}${at !== evseId ? ` on EVSE ${at}` : ''}`,
    action: 'MeterValues',
    payload: `{"evseId":${at},"meterValue":[{"timestamp":"${now}","sampledValue":[{"value":${value},"measurand":"Energy.Active.Import.Register"}]}]}`,
  });
  return [
    ...TOKENS.map((idToken): Hostile => ({
      label: `Authorize idToken ${JSON.stringify(idToken)}`,
      action: 'Authorize',
      payload: { idToken: { idToken, type: validIdToken.type } },
      refuse: refuseToken,
    })),
    ...security,
    ...DATES.map((timestamp): Hostile => ({
      label: `StatusNotification at ${timestamp}`,
      action: 'StatusNotification',
      payload: { timestamp, connectorStatus: 'Available', evseId, connectorId },
    })),
    // A 2.0.1 reading is a JSON number: NaN cannot be written.
    ...READINGS.filter((v) => v !== 'NaN').map((v) => meter(v)),
    meter('1', INT32_MAX + 1),
    ...data,
    // Free-form JSON exists only in 2.0.1 (DataTransfer data of any type, customData).
    {
      label: `DataTransfer data nested ${DEPTH} arrays deep`,
      action: 'DataTransfer',
      payload: `{"vendorId":"org.ocpp-harness.sec","data":${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}}`,
    },
    {
      label: `DataTransfer customData nested ${DEPTH} objects deep`,
      action: 'DataTransfer',
      payload: `{"vendorId":"org.ocpp-harness.sec","customData":{"vendorId":"x","n":${'{"n":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}}}`,
    },
  ];
}

const shown = (text: string) => (text.length > 400 ? `${text.slice(0, 400)}… (${text.length} characters)` : text);

/** Sends one hostile request on the current connection; it must be answered there, and not accepted where it must not be. */
async function sendHostile(ctx: CaseContext, h: Hostile, j: Judge): Promise<void> {
  const endpoint = harnessEndpoint(ctx);
  const conn = present(endpoint.connection, j.session, `the connection stays open to answer ${h.label}`, 'no connection');
  check(conn.isOpen, j.session, `the connection stays open to answer ${h.label}`, closedText(conn));
  const id = ctx.ids.next();
  const text = `[2,${JSON.stringify(id)},${JSON.stringify(h.action)},${typeof h.payload === 'string' ? h.payload : JSON.stringify(h.payload)}]`;
  await conn.send(text);
  let res;
  try {
    res = await endpoint.awaitResponse(id, h.label, conn, { requirement: j.answered });
  } catch (err) {
    ctx.evidence(shown(text));
    if (err instanceof CaseFailure && conn.closed)
      throw new CaseFailure(j.session, [`${h.label} answered on the same connection`], closedText(conn));
    throw err;
  }
  if (res.kind === 'error' && res.errorCode === 'InternalError')
    ctx.nonStrict(j.answered, `${h.label}: InternalError suggests an unhandled exception; reject hostile values explicitly`);
  if (res.kind === 'result' && h.refuse?.requirement && h.refuse.accepted(res.payload)) {
    ctx.evidence(shown(text));
    throw new CaseFailure(h.refuse.requirement, [`${h.label} is not accepted`], `accepted: ${JSON.stringify(res.payload).slice(0, 200)}`);
  }
}

export default defineCaseFamily(ROWS, ({ judge, ...row }) =>
  defineCase(
    {
      ...row,
      requirements: [...row.requirements],
      block: 'RPC',
      suite: 'security',
      profiles: ['Security'],
      rule: 'SEC-RPC-07',
      severity: 'high',
    },
    async (ctx) => {
      const j: Judge = judge;
      await ctx.given('Booted');
      // Every hostile value is its own row, recorded before the verdict (kit: RowVerdicts).
      const rows = new RowVerdicts(ctx);
      const sendAll = async (hostile: Hostile[], who: string) => {
        ctx.note(`${who} sends ${hostile.length} requests with hostile values; each is answered on the same connection`);
        for (const h of hostile)
          await rows.control(`${h.label}: answered on the same connection`, () => sendHostile(untypedContext(ctx), h, j));
      };
      if (row.sut === 'csms') {
        await sendAll(towardCsms(untypedContext(ctx), j), 'The station');
        return rows.verdict();
      }
      const setting = present(j.setting, j.answered, 'a setting requirement', 'none');
      const original = await heartbeatIntervalOf(ctx, setting);
      const boots = ctx.csms.receivedCalls('BootNotification').length;
      await sendAll(towardStation(untypedContext(ctx), j), 'The harness');

      let interval: string | undefined;
      await rows.control('HeartbeatInterval still holds a plain non-negative integer', async () => {
        interval = await heartbeatIntervalOf(ctx, setting);
        check(
          interval === undefined || digits(interval),
          setting,
          'HeartbeatInterval is a non-negative integer after the hostile values',
          interval,
        );
      });
      if (interval !== original && original !== undefined) {
        ctx.note(`HeartbeatInterval changed from ${original} to ${interval}; restoring it`);
        const restore =
          ctx.ocpp === '1.6'
            ? { action: 'ChangeConfiguration', payload: { key: 'HeartbeatInterval', value: original } }
            : {
                action: 'SetVariables',
                payload: {
                  setVariableData: [
                    { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, attributeValue: original },
                  ],
                },
              };
        await ctx.csms
          .callMayError(restore.action, restore.payload, { schema: false, requirement: setting })
          .catch((err: unknown) => ctx.note(`restoring HeartbeatInterval: ${(err as Error).message}`));
      }
      // The reservations above name a hostile token and may still be held (cleanup: a failure is the rows' to report).
      await ctx.csms
        .callMayError('CancelReservation', { reservationId: INT32_MAX }, { schema: false, requirement: j.answered })
        .catch((err: unknown) => ctx.note(`CancelReservation after the hostile values: ${(err as Error).message}`));

      await rows.control('No effect: the station did not reboot and still answers', async () => {
        await ctx.csms.wait(ctx.waits.silence);
        const rebooted = ctx.csms.receivedCalls('BootNotification').length - boots;
        check(rebooted === 0, j.answered, 'no BootNotification after the hostile requests', `${rebooted} BootNotification(s)`);
        await expectReachable(ctx, j.answered);
      });
      rows.verdict();
    },
  ),
);
