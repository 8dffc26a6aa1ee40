import { defineCase, CaseFailure, type Payload, serializeCall } from '../../../../src/dsl.js';
import { closedText, readConfigValue } from '../../../../src/kit/index.js';

interface Hostile {
  label: string;
  action: string;
  payload: Payload;
  /** A status the answer must not carry; any answer is fine when absent. */
  mustNotBe?: string;
}

export default defineCase(
  {
    id: 'SEC16_RPC_07_CS',
    title: 'Extreme and hostile values inside valid requests neither crash the charge point nor get stored',
    ocpp: '1.6',
    sut: 'cs',
    block: 'RPC',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-RPC-07',
    severity: 'high',
    cwe: 'CWE-20',
    requirements: ['OCPPJ16-4.2.3', 'OCPP16-9.1', 'OCPP16-5.11'],
    purpose:
      'Schema-valid requests carry boundary and hostile values: integer configuration values that overflow, are negative, hexadecimal, exponent notation or NaN, shell and path-traversal strings, an embedded NUL, bidi and escape characters, 32-bit and 53-bit extreme ids, long Unicode data. The charge point answers every one on the same connection (a CALLRESULT refusing it or a CALLERROR), stores no value that is not a valid integer into HeartbeatInterval, and does not accept a remote start for a connector that does not exist.',
    hint: 'Parse numbers strictly (digits only, range-checked) and reject the rest with Rejected; treat strings as data (never pass them to a shell, a path or a format string); make sure no value of a valid message can throw an unhandled exception in the message handlers.',
    fault: 'cp-crash-on-nul-in-string',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('Booted');
    const conn = csms.connection!;
    const originalInterval = await readConfigValue(ctx, 'HeartbeatInterval', 'OCPP16-9.1');

    const cc = (value: string, key = 'HeartbeatInterval'): Hostile => ({ label: `ChangeConfiguration ${key} = ${JSON.stringify(value).slice(0, 40)}`, action: 'ChangeConfiguration', payload: { key, value } });
    const hostile: Hostile[] = [
      cc('-1'),
      cc('99999999999999999999'),
      cc('1e308'),
      cc('NaN'),
      cc('0x10'),
      cc('1\u0000'),
      cc('10; reboot'),
      cc('$(reboot)'),
      cc('\u202e01'),
      cc('\u0663'),
      cc('60', '../../../../etc/passwd'),
      cc('60', "' OR '1'='1"),
      cc('60', '%s%s%s%n'),
      cc('60', '\u001b[2JHeartbeatInterval'),
      { label: 'GetConfiguration with hostile key names', action: 'GetConfiguration', payload: { key: ['\u0000', '<script>alert(1)</script>', '../'.repeat(16), '%n%n%n%n'] } },
      { label: 'DataTransfer with escapes and long Unicode data', action: 'DataTransfer', payload: { vendorId: '\u001b[31mvendor\u001b[0m', messageId: "'; DROP TABLE tx;--", data: '\u{1F600}'.repeat(2048) } },
      { label: 'RemoteStopTransaction transactionId 2^31-1', action: 'RemoteStopTransaction', payload: { transactionId: 2147483647 } },
      { label: 'RemoteStopTransaction transactionId -2^31', action: 'RemoteStopTransaction', payload: { transactionId: -2147483648 } },
      { label: 'RemoteStopTransaction transactionId 2^53-1', action: 'RemoteStopTransaction', payload: { transactionId: 9007199254740991 } },
      { label: 'UnlockConnector connectorId 2^31-1', action: 'UnlockConnector', payload: { connectorId: 2147483647 } },
      { label: 'UnlockConnector connectorId -1', action: 'UnlockConnector', payload: { connectorId: -1 } },
      { label: 'TriggerMessage StatusNotification for connector 2^31-1', action: 'TriggerMessage', payload: { requestedMessage: 'StatusNotification', connectorId: 2147483647 } },
      { label: 'RemoteStartTransaction on connector 2^31-1', action: 'RemoteStartTransaction', payload: { connectorId: 2147483647, idTag: config.ids.validIdToken.idToken }, mustNotBe: 'Accepted' },
    ];

    ctx.step(`The harness sends ${hostile.length} requests with hostile values; each is answered on the same connection`);
    for (const h of hostile) {
      const id = ctx.ids.next();
      const frame = serializeCall(id, h.action, h.payload);
      if (!conn.isOpen) {
        throw new CaseFailure('OCPPJ16-4.2.3', [`the connection stays open to answer ${h.label}`], closedText(conn));
      }
      await conn.send(frame);
      let res;
      try {
        res = await csms.awaitResponse(id, h.label, conn, { requirement: 'OCPPJ16-4.2.3' });
      } catch (err) {
        ctx.evidence(frame);
        throw err;
      }
      if (res.kind === 'result' && h.mustNotBe && res.payload.status === h.mustNotBe) {
        ctx.evidence(frame);
        throw new CaseFailure('OCPP16-5.11', [`${h.label}: status other than ${h.mustNotBe}`], `status ${h.mustNotBe}`);
      }
    }

    ctx.step('HeartbeatInterval still holds a plain non-negative integer');
    const interval = await readConfigValue(ctx, 'HeartbeatInterval', 'OCPP16-9.1');
    ctx.check(interval === undefined || /^\d+$/.test(interval), 'OCPP16-9.1', 'HeartbeatInterval is a non-negative integer after the hostile ChangeConfiguration values', interval);
    if (interval !== originalInterval && originalInterval !== undefined) {
      ctx.note(`HeartbeatInterval changed from ${originalInterval} to ${interval}; restoring it`);
      await csms.callMayError('ChangeConfiguration', { key: 'HeartbeatInterval', value: originalInterval }, { schema: false, requirement: 'OCPP16-9.1' });
    }
  },
);
