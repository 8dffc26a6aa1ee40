import { defineCase, CaseFailure, type Payload, serializeCall } from '../../../../src/dsl.js';
import { closedText } from '../../../../src/kit/index.js';

interface Hostile {
  label: string;
  action: string;
  payload: Payload;
  /** An idTagInfo status the answer must not carry. */
  idTagMustNotBe?: string;
}

export default defineCase(
  {
    id: 'SEC16_RPC_07_CSMS',
    title: 'Extreme and hostile values inside valid requests neither crash the central system nor authorize anything',
    ocpp: '1.6',
    sut: 'csms',
    block: 'RPC',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-RPC-07',
    severity: 'high',
    cwe: 'CWE-20',
    requirements: ['OCPPJ16-4.2.3', 'OCPP16-4.1'],
    purpose:
      'Schema-valid requests from the booted harness charge point carry boundary and hostile values: meter samples of 1e308, NaN, -0 and 10^23, timestamps in year 0, 9999, on a leap second and with a 12-digit fraction, 32-bit extreme meter readings, idTags with SQL, NUL and bidi characters, escape sequences and path traversal in free text, long Unicode data. The central system answers every one on the same connection and accepts none of the hostile idTags.',
    hint: 'Parse numbers and timestamps defensively (reject or clamp what your storage cannot hold), treat every string as data (parameterised queries, no shell or path use, escape for logs and UIs), and make sure no value of a valid message can throw an unhandled exception that drops the charge point.',
    fault: 'cs-crash-on-extreme-meter-value',
  },
  async (ctx) => {
    const { station, config } = ctx;
    await ctx.given('Booted');
    const conn = station.connection!;
    const connectorId = config.ids.connectorId;
    const now = ctx.nowIso();
    const meter = (value: string, extra: Payload = {}): Hostile => ({
      label: `MeterValues with value ${JSON.stringify(value)}`,
      action: 'MeterValues',
      payload: { connectorId, meterValue: [{ timestamp: now, sampledValue: [{ value, ...extra }] }] },
    });
    const status = (label: string, extra: Payload): Hostile => ({
      label,
      action: 'StatusNotification',
      payload: { connectorId, errorCode: 'OtherError', status: 'Available', timestamp: now, ...extra },
    });
    const auth = (idTag: string): Hostile => ({ label: `Authorize idTag ${JSON.stringify(idTag)}`, action: 'Authorize', payload: { idTag }, idTagMustNotBe: 'Accepted' });
    const hostile: Hostile[] = [
      auth("' OR '1'='1"),
      auth(`${config.ids.validIdToken.idToken.slice(0, 18)}\u0000x`),
      auth('\u202e10-NEKOT-DILAV'),
      auth('*'),
      status('StatusNotification with year 0', { timestamp: '0000-01-01T00:00:00Z' }),
      status('StatusNotification with year 9999', { timestamp: '9999-12-31T23:59:59Z' }),
      status('StatusNotification on a leap second', { timestamp: '2016-12-31T23:59:60Z' }),
      status('StatusNotification with a 12-digit fraction', { timestamp: '2024-01-01T00:00:00.123456789012Z' }),
      status('StatusNotification with escape and traversal text', { info: '\u001b[2J../../etc/passwd', vendorId: '<script>alert(1)</script>', vendorErrorCode: '%s%s%n' }),
      meter('1e308'),
      meter('NaN'),
      meter('-0'),
      meter('100000000000000000000000'),
      meter('-1', { measurand: 'Energy.Active.Import.Register', unit: 'Wh' }),
      { label: 'DataTransfer with long Unicode data', action: 'DataTransfer', payload: { vendorId: '../../../etc', messageId: "'; DROP TABLE tx;--", data: '\u{1F600}'.repeat(4096) } },
      { label: 'StartTransaction with meterStart 2^31-1 in year 9999', action: 'StartTransaction', payload: { connectorId, idTag: config.ids.invalidIdToken.idToken, meterStart: 2147483647, timestamp: '9999-12-31T23:59:59Z' }, idTagMustNotBe: 'Accepted' },
      { label: 'StopTransaction with meterStop -2^31 for transaction 2^31-1', action: 'StopTransaction', payload: { transactionId: 2147483647, meterStop: -2147483648, timestamp: now, reason: 'Other' } },
    ];

    ctx.step(`The harness sends ${hostile.length} requests with hostile values; each is answered on the same connection`);
    for (const h of hostile) {
      const id = ctx.ids.next();
      const frame = serializeCall(id, h.action, h.payload);
      if (!conn.isOpen) throw new CaseFailure('OCPPJ16-4.2.3', [`the connection stays open to answer ${h.label}`], closedText(conn));
      await conn.send(frame);
      let res;
      try {
        res = await station.awaitResponse(id, h.label, conn, { requirement: 'OCPPJ16-4.2.3' });
      } catch (err) {
        ctx.evidence(frame);
        throw err;
      }
      const tag = res.kind === 'result' ? (res.payload.idTagInfo as Payload | undefined)?.status : undefined;
      if (h.idTagMustNotBe && tag === h.idTagMustNotBe) {
        ctx.evidence(frame);
        throw new CaseFailure('OCPP16-4.1', [`${h.label}: idTagInfo.status other than ${h.idTagMustNotBe}`], `idTagInfo.status ${tag}`);
      }
    }
  },
);
