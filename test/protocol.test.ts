import { describe, expect, it } from '@jest/globals';
import { parseFrame, serializeCall, serializeError, serializeResult } from '../src/protocol/framing.js';
import { errorCode, errorCodes, schemaViolationCodes } from '../src/protocol/errors.js';
import { SchemaRegistry } from '../src/protocol/schemas.js';

describe('parseFrame', () => {
  it('parses the three OCPP-J message types and round-trips the serializers', () => {
    expect(parseFrame(serializeCall('1', 'Heartbeat', {}))).toEqual({ kind: 'call', messageId: '1', action: 'Heartbeat', payload: {} });
    expect(parseFrame(serializeResult('1', { a: 1 }))).toEqual({ kind: 'result', messageId: '1', payload: { a: 1 } });
    expect(parseFrame(serializeError('1', 'NotImplemented', 'x', {}))).toMatchObject({
      kind: 'error',
      messageType: 4,
      errorCode: 'NotImplemented',
    });
  });

  it('parses 2.1 SEND and CALLRESULTERROR', () => {
    expect(parseFrame('[6,"9","NotifyPeriodicEventStream",{}]')).toMatchObject({ kind: 'send', action: 'NotifyPeriodicEventStream' });
    expect(parseFrame('[5,"9","InternalError","",{}]')).toMatchObject({ kind: 'error', messageType: 5 });
  });

  it('never throws: every malformation is described, with the id when readable', () => {
    const hostile = [
      '',
      'not json',
      '{}',
      '[]',
      '[2]',
      '["2","1","Heartbeat",{}]',
      '[2,1,"Heartbeat",{}]',
      '[2,"","Heartbeat",{}]',
      `[2,"${'x'.repeat(37)}","Heartbeat",{}]`,
      '[2,"1","Heartbeat"]',
      '[2,"1","Heartbeat",[]]',
      '[2,"1","",{}]',
      '[3,"1",null]',
      '[4,"1",7,"",{}]',
      '[9,"1",{}]',
      '[2,"1","Heartbeat",{},"extra"]',
      '\u0000\uffff',
      '['.repeat(10000),
    ];
    for (const text of hostile) {
      const f = parseFrame(text);
      expect(f.kind).toBe('malformed');
    }
    expect(parseFrame('[2,"abc","Heartbeat"]')).toMatchObject({ kind: 'malformed', messageId: 'abc' });
    // An invalid id is not reported: the answer to such a frame uses "-1".
    expect(parseFrame('[2,"","Heartbeat",{}]')).toEqual({ kind: 'malformed', problem: expect.any(String), messageId: undefined });
    expect(parseFrame('[2.5,"a","Heartbeat",{}]')).toMatchObject({ kind: 'malformed', problem: 'message type 2.5 is not an integer' });
  });
});

describe('error codes', () => {
  it('keeps the 1.6 spellings apart from 2.0.1', () => {
    expect(errorCode('1.6', 'format')).toBe('FormationViolation');
    expect(errorCode('1.6', 'occurrence')).toBe('OccurenceConstraintViolation');
    expect(errorCode('2.0.1', 'format')).toBe('FormatViolation');
    expect(errorCode('2.0.1', 'occurrence')).toBe('OccurrenceConstraintViolation');
    expect(errorCodes('1.6')).not.toContain('RpcFrameworkError');
    expect(errorCodes('2.0.1')).toContain('RpcFrameworkError');
    expect(errorCodes('2.1')).toContain('MessageTypeNotSupported');
  });
  it('lists only codes valid in the version', () => {
    for (const v of ['1.6', '2.0.1', '2.1'] as const) for (const c of schemaViolationCodes(v)) expect(errorCodes(v)).toContain(c);
  });
});

describe('schemas', () => {
  const reg = new SchemaRegistry();
  it('loads the OCA schemas of every version from the maintained package', () => {
    expect(reg.for('1.6').actions()).toContain('SignCertificate');
    expect(reg.for('2.0.1').actions()).toContain('TransactionEvent');
    expect(reg.for('2.1').actions()).toContain('NotifyPeriodicEventStream');
    expect(reg.for('2.0.1').actions().length).toBeGreaterThan(60);
  });
  it('reports every violation, not just the first', () => {
    const r = reg.for('2.0.1').validate('BootNotification', 'request', { reason: 'Booted', extra: 1 });
    expect(r.valid).toBe(false);
    expect(r.violations.length).toBeGreaterThanOrEqual(3);
    expect(r.violations.map((v) => v.keyword)).toEqual(expect.arrayContaining(['required', 'enum', 'additionalProperties']));
  });
  it('accepts valid payloads and knows unknown actions', () => {
    expect(reg.for('1.6').validate('BootNotification', 'request', { chargePointVendor: 'v', chargePointModel: 'm' }).valid).toBe(true);
    expect(
      reg.for('2.0.1').validate('BootNotification', 'response', { currentTime: '2026-01-01T00:00:00Z', interval: 10, status: 'Accepted' })
        .valid,
    ).toBe(true);
    expect(reg.for('2.0.1').validate('NoSuchAction', 'request', {})).toEqual({ valid: false, known: false, violations: [] });
    expect(reg.for('2.1').validate('Heartbeat', 'request', {}).valid).toBe(true);
  });
  it('compiles each validator once', () => {
    const v = reg.for('2.0.1');
    const a = v.validate('Heartbeat', 'request', {});
    const b = v.validate('Heartbeat', 'request', {});
    expect(a).toEqual(b);
    expect(reg.for('2.0.1')).toBe(v);
  });
});
