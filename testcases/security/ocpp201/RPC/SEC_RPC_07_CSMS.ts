import { defineCase } from '../../../../src/dsl.js';
import { describeOutcome, sendAndObserve } from '../../../../src/kit/index.js';

const DEPTH = 2000;

export default defineCase(
  {
    id: 'SEC_RPC_07_CSMS',
    title: 'Boundary, encoding and injection values inside valid requests toward the CSMS',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'RPC',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-RPC-07',
    severity: 'high',
    cwe: 'CWE-20',
    requirements: ['OCPPJ20-4.1.2', 'OCPPJ20-4.2.3'],
    purpose:
      'Requests that are schema-valid but hostile (NUL and control characters, right-to-left overrides, astral characters, shell, SQL, HTML and path-traversal strings, year 0 and 9999, a leap second, a 12-digit fraction, an odd offset, 1e308, -0, 2^53, negative energy, 2000-deep nesting in free-form data) are each answered, rejected or stored, and never crash, hang or disconnect the CSMS.',
    hint: 'Treat every string and number from a station as untrusted data: bound and escape it before logging or storing it, use date and number parsers that cope with the full RFC 3339 / IEEE-754 range, parse JSON iteratively or with a depth limit, and answer every CALL.',
    fault: 'crash-on-nul-char',
  },
  async (ctx) => {
    const { config } = ctx;
    const now = ctx.nowIso();
    const { evseId, connectorId, validIdToken } = config.ids;
    const sec = (techInfo: string) => ({ type: 'InvalidMessages', timestamp: now, techInfo });
    const status = (timestamp: string) => ({ timestamp, connectorStatus: 'Available', evseId, connectorId });
    const meter = (value: number) => ({ evseId, meterValue: [{ timestamp: now, sampledValue: [{ value, measurand: 'Energy.Active.Import.Register' }] }] });
    type Probe = readonly [what: string, action: string, payload: Record<string, unknown> | string];
    const probes: Probe[] = [
      ['a right-to-left override in techInfo', 'SecurityEventNotification', sec('\u202egpj.exe')],
      ['an ANSI escape and CR LF in techInfo', 'SecurityEventNotification', sec('\u001b[31mX\u001b[0m\r\nX-Injected: 1')],
      ['255 astral-plane characters in techInfo', 'SecurityEventNotification', sec('\u{1F600}'.repeat(255))],
      ['Unicode noncharacters and a BOM in techInfo', 'SecurityEventNotification', sec('\uffff\ufffe\ufeffx')],
      ['an embedded NUL in techInfo', 'SecurityEventNotification', sec('a\u0000b')],
      ['shell metacharacters as vendorId', 'DataTransfer', { vendorId: ';$(reboot)`id`', data: "' OR '1'='1" }],
      ['a path traversal as vendorId', 'DataTransfer', { vendorId: '../../../../etc/passwd', messageId: '%s%s%n%x' }],
      ['an HTML script as idToken', 'Authorize', { idToken: { idToken: '<script>alert(1)</script>', type: validIdToken.type } }],
      ['an SQL injection as idToken', 'Authorize', { idToken: { idToken: "' OR '1'='1", type: validIdToken.type } }],
      ['year 0', 'StatusNotification', status('0000-01-01T00:00:00Z')],
      ['the last instant of year 9999', 'StatusNotification', status('9999-12-31T23:59:59Z')],
      ['a leap second', 'StatusNotification', status('2016-12-31T23:59:60Z')],
      ['a 12-digit fraction of a second', 'StatusNotification', status('2024-01-01T00:00:00.123456789012Z')],
      ['an offset of +14:59', 'StatusNotification', status('2024-01-01T00:00:00+14:59')],
      ['a meter value of 1e308', 'MeterValues', meter(1e308)],
      ['a meter value of 2^53', 'MeterValues', meter(2 ** 53)],
      ['a negative energy register', 'MeterValues', meter(-1)],
      ['an EVSE id beyond int32', 'MeterValues', { ...meter(1), evseId: 2 ** 31 }],
      [`free-form data nested ${DEPTH} arrays deep`, 'DataTransfer', `{"vendorId":"org.ocpp-harness.sec","data":${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}}`],
      [`customData nested ${DEPTH} objects deep`, 'DataTransfer', `{"vendorId":"org.ocpp-harness.sec","customData":{"vendorId":"x","n":${'{"n":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}}}`],
      ['a meter value written as -0', 'MeterValues', `{"evseId":${evseId},"meterValue":[{"timestamp":"${now}","sampledValue":[{"value":-0}]}]}`],
    ];
    await ctx.given('Booted');
    for (const [what, action, payload] of probes) {
      const id = ctx.ids.next();
      const text = `[2,${JSON.stringify(id)},${JSON.stringify(action)},${typeof payload === 'string' ? payload : JSON.stringify(payload)}]`;
      ctx.step(`${action} with ${what}: answered, and the CSMS keeps serving the session`);
      let out;
      try {
        out = await sendAndObserve(ctx, text, { ids: [id], requirement: 'OCPPJ20-4.1.2' });
      } catch (err) {
        ctx.evidence(text);
        throw err;
      }
      ctx.note(`${what}: ${describeOutcome(out)}`);
      if (out.closed) ctx.evidence(text);
      ctx.check(!out.closed, 'OCPPJ20-4.1.2', `the session stays open after ${what}`, `the CSMS closed the connection (code ${out.closed?.code})`);
      const f = out.answer;
      if (!f) ctx.evidence(text);
      ctx.check(f !== undefined, 'OCPPJ20-4.2.3', `a CALLRESULT or CALLERROR for ${action} with ${what}`, 'no answer');
      if (f!.kind === 'error' && f!.errorCode === 'InternalError') ctx.nonStrict('OCPPJ20-4.2.3', `${what}: InternalError suggests an unhandled exception; reject hostile values explicitly`);
    }
  },
);
