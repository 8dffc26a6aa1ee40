/**
 * Issue 9, classes 9, 10 and 15: the error-code table per version and malformation class, matrix
 * cases that record every row before their verdict, and answers a real SUT gave that the harness
 * misread. The peers below answer like the third-party SUTs did.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import http from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import type { CsmsPeerModule } from '../src/engine/peer-contract.js';
import rpc01 from '../testcases/security/RPC/SEC_RPC_01.family.js';
import rpc06 from '../testcases/security/RPC/SEC_RPC_06.family.js';
import { judgeErrorCode, judgeErrorId } from '../src/protocol/error-expectations.js';
import { parseFrame } from '../src/protocol/framing.js';
import { SchemaRegistry } from '../src/protocol/schemas.js';
import { revealsSecret } from '../src/kit/security-profiles.js';
import { pkiDirFor } from '../src/engine/links.js';
import type { CaseDefinition } from '../src/engine/case.js';
import type { OcppVersion } from '../src/core/versions.js';
import { runAgainst, testConfig } from './support.js';
import { hostileCsms } from './hostile-peers.js';

const fast = testConfig({ messageMs: 400, connectMs: 500, silenceMs: 150, caseMs: 60_000 });
beforeAll(() => pkiDirFor(fast, true), 60_000);

describe('the error-code table', () => {
  it('2.0.1: a missing required field is OccurrenceConstraintViolation; FormatViolation or TypeConstraintViolation only fit', () => {
    expect(judgeErrorCode('2.0.1', 'missing-field', 'OccurrenceConstraintViolation').grade).toBe('exact');
    expect(judgeErrorCode('2.0.1', 'missing-field', 'FormatViolation').grade).toBe('fitting');
    expect(judgeErrorCode('2.0.1', 'missing-field', 'TypeConstraintViolation').grade).toBe('fitting');
    expect(judgeErrorCode('2.0.1', 'missing-field', 'NotImplemented').grade).toBe('wrong');
  });
  it("1.6: the 2.x spellings are wrong, the 1.6 ones right (errata: 'do not fix')", () => {
    expect(judgeErrorCode('1.6', 'bad-value', 'FormatViolation').grade).toBe('wrong');
    expect(judgeErrorCode('1.6', 'missing-field', 'OccurrenceConstraintViolation').grade).toBe('wrong');
    expect(judgeErrorCode('1.6', 'missing-field', 'OccurenceConstraintViolation').grade).toBe('exact');
    expect(judgeErrorCode('1.6', 'bad-format', 'FormationViolation').grade).toBe('exact');
    expect(judgeErrorCode('2.0.1', 'bad-format', 'FormationViolation').grade).toBe('wrong');
    expect(judgeErrorCode('2.0.1', 'unreadable', 'RpcFrameworkError').grade).toBe('exact');
    expect(judgeErrorCode('1.6', 'unreadable', 'RpcFrameworkError').grade).toBe('wrong');
  });
  it('the message id: echoed when readable, "-1" when not; an empty id only for an unreadable one', () => {
    const call = JSON.stringify([2, 'abc', 'Heartbeat', { x: 1 }]);
    expect(judgeErrorId('2.0.1', call, 'abc').grade).toBe('exact');
    expect(judgeErrorId('2.0.1', call, '').grade).toBe('wrong');
    expect(judgeErrorId('2.0.1', call, '-1').grade).toBe('wrong');
    expect(judgeErrorId('2.0.1', 'hello', '-1').grade).toBe('exact');
    expect(judgeErrorId('2.0.1', 'hello', '').grade).toBe('fitting');
    expect(judgeErrorId('1.6', 'hello', '').grade).toBe('exact');
    // Under an unknown message type element 1 is not known to be an id: "-1" or the echo both fit.
    expect(judgeErrorId('2.0.1', JSON.stringify([7, 'abc', 'Heartbeat', {}]), '-1').grade).toBe('exact');
    expect(judgeErrorId('2.0.1', JSON.stringify([7, 'abc', 'Heartbeat', {}]), 'abc').grade).toBe('exact');
  });
  it('a CALLERROR whose errorDetails is a string is still a CALLERROR, with the problem noted', () => {
    const f = parseFrame(JSON.stringify([4, 'abc', 'FormatViolation', 'bad', 'some details']));
    expect(f).toMatchObject({
      kind: 'error',
      messageId: 'abc',
      errorCode: 'FormatViolation',
      problem: expect.stringContaining('errorDetails'),
    });
    expect(parseFrame(JSON.stringify([4, 'abc', 'GenericError', 'no details']))).toMatchObject({
      kind: 'error',
      problem: 'errorDetails is missing',
    });
  });
  it('a write-only key returned hex-encoded, base64 or decoded still reveals it', () => {
    const key = '0123456789abcdef0123456789abcdef';
    expect(revealsSecret(key.toUpperCase(), key)).toBe('plain');
    expect(revealsSecret(Buffer.from(key).toString('hex'), key)).toBe('hex');
    expect(revealsSecret(Buffer.from(key).toString('base64'), key)).toBe('base64');
    expect(revealsSecret(Buffer.from(key, 'hex').toString('base64'), key)).toBe('the decoded bytes in base64');
    expect(revealsSecret('********', key)).toBeUndefined();
  });
});

/** How the CSMS under test answers the harness's frames (besides a valid boot and heartbeats). */
type Answer = (frame: unknown[] | undefined, text: string) => unknown[] | undefined;

/**
 * A raw `ws` CSMS: accepts a schema-valid BootNotification and Heartbeat, and answers everything
 * else as `answer` says (undefined: silence), like the third-party CSMSs did.
 */
function csmsPeer(version: OcppVersion, answer: Answer) {
  const validator = new SchemaRegistry().for(version);
  const behave = (ws: WebSocket) =>
    ws.on('message', (data) => {
      const text = data.toString();
      let frame: unknown[] | undefined;
      try {
        const v: unknown = JSON.parse(text);
        frame = Array.isArray(v) ? v : undefined;
      } catch {
        frame = undefined;
      }
      const [type, id, action, payload] = frame ?? [];
      const idOk = typeof id === 'string' && id.length > 0 && id.length <= 36;
      const valid = type === 2 && idOk && typeof action === 'string' && validator.validate(action, 'request', payload).valid;
      if (valid && action === 'BootNotification')
        return ws.send(JSON.stringify([3, id, { status: 'Accepted', currentTime: new Date().toISOString(), interval: 300 }]));
      if (valid && action === 'Heartbeat') return ws.send(JSON.stringify([3, id, { currentTime: new Date().toISOString() }]));
      if (valid && (action === 'StatusNotification' || action === 'NotifyEvent' || action === 'SecurityEventNotification'))
        return ws.send(JSON.stringify([3, id, {}]));
      if (valid && action === 'Authorize') return ws.send(JSON.stringify([3, id, { idTagInfo: { status: 'Invalid' } }]));
      const out = answer(frame, text);
      if (out) ws.send(JSON.stringify(out));
    });
  return { ...hostileCsms(behave), version };
}

async function run(def: CaseDefinition, version: OcppVersion, answer: Answer) {
  const res = await runAgainst([def], { csmss: [csmsPeer(version, answer)] }, fast);
  const record = res.run.cases[0];
  return { result: res.outcomes[0].result, record };
}

const byId = (defs: CaseDefinition[], id: string): CaseDefinition => {
  const d = defs.find((x) => x.meta.id === id);
  if (!d) throw new Error(`no case ${id}`);
  return d;
};

describe('matrix cases judge by the table and record every row first', () => {
  it('a 1.6 CSMS answering schema violations with the 2.x spelling FormatViolation fails, every row recorded', async () => {
    const { result, record } = await run(byId(rpc06, 'SEC16_RPC_06_CSMS'), '1.6', (f) =>
      f ? [4, f[1], 'FormatViolation', '', {}] : undefined,
    );
    expect(result).toMatchObject({ verdict: 'fail', requirement: 'OCPPJ16-4.2.3', actual: expect.stringContaining('FormatViolation') });
    // Every action's step is recorded, and the controls after the failing rows still ran.
    const titles = record.steps.map((s) => s.title);
    expect(titles.filter((t) => t.includes('schema-violating')).length).toBeGreaterThan(3);
    expect(titles).toContain('The session is intact: the same connection still answers');
    expect(titles).toContain('Nothing was executed');
    expect(record.steps.find((s) => s.title === 'The session is intact: the same connection still answers')?.status).toBe('pass');
  }, 60_000);

  it('a 2.0.1 CSMS answering TypeConstraintViolation to every schema violation passes only non-strictly', async () => {
    const { result } = await run(byId(rpc06, 'SEC_RPC_06_CSMS'), '2.0.1', (f) =>
      f ? [4, f[1], 'TypeConstraintViolation', '', {}] : undefined,
    );
    // A wrong type is exact for some rows; a missing field answered so is only fitting.
    expect(result.verdict).toBe('pass-non-strict');
    expect(JSON.stringify(result)).toContain('OccurrenceConstraintViolation');
  }, 60_000);

  it('a 2.0.1 CSMS echoing an empty message id for a readable one fails', async () => {
    const { result } = await run(byId(rpc06, 'SEC_RPC_06_CSMS'), '2.0.1', (f) =>
      f ? [4, '', 'OccurrenceConstraintViolation', '', {}] : undefined,
    );
    expect(result).toMatchObject({ verdict: 'fail', requirement: 'OCPPJ20-4.2.3', actual: expect.stringContaining('was readable') });
  }, 60_000);
});

describe('answers a real SUT gave to unreadable frames', () => {
  it('2.0.1: ignoring an unreadable frame fails (RpcFrameworkError is required); every probe is still recorded', async () => {
    const { result, record } = await run(byId(rpc01, 'SEC_RPC_01_CSMS'), '2.0.1', () => undefined);
    expect(result).toMatchObject({ verdict: 'fail', requirement: 'OCPPJ20-4.2.3', actual: expect.stringContaining('RpcFrameworkError') });
    expect(record.steps.filter((s) => s.title.startsWith('The station sends')).length).toBe(11);
  }, 60_000);

  it('1.6: ignoring an unreadable frame is allowed', async () => {
    const { result } = await run(byId(rpc01, 'SEC16_RPC_01_CSMS'), '1.6', () => undefined);
    expect(result.verdict).toBe('pass');
  }, 60_000);

  it('2.0.1: a CALLERROR echoing a numeric, null or empty id is an answer (noted, "-1" is prescribed), not silence', async () => {
    const rpc04 = byId((await import('../testcases/security/RPC/SEC_RPC_04.family.js')).default, 'SEC_RPC_04_CSMS');
    const { result } = await run(rpc04, '2.0.1', (f) =>
      f ? [4, f[1], 'RpcFrameworkError', '', {}] : [4, '-1', 'RpcFrameworkError', '', {}],
    );
    expect(result.verdict).toBe('pass-non-strict');
    expect(JSON.stringify(result)).toContain('uses \\"-1\\"');
  }, 60_000);

  it('a CALLERROR with a string errorDetails is an answer, not silence: noted, not failed', async () => {
    const { result } = await run(byId(rpc01, 'SEC_RPC_01_CSMS'), '2.0.1', () => [
      4,
      '-1',
      'RpcFrameworkError',
      'unreadable',
      'details as a string',
    ]);
    expect(result.verdict).toBe('pass-non-strict');
    expect(JSON.stringify(result)).toContain('errorDetails');
  }, 60_000);
});

describe('a write-only key and a crash as real SUTs showed them', () => {
  it('1.6: an AuthorizationKey returned hex-encoded fails the "not readable" check', async () => {
    const auth08 = byId((await import('../testcases/security/AUTH/SEC_AUTH_08.family.js')).default, 'SEC16_AUTH_08_CS');
    const config = testConfig(
      { messageMs: 1000, connectMs: 2000, caseMs: 30_000 },
      { security: { profile: 1, basicAuthPassword: 'harness-password-0123' } },
    );
    const res = await runAgainst([auth08], {}, config, () => 'authorization-key-readable-hex');
    expect(res.outcomes[0].result).toMatchObject({
      verdict: 'fail',
      requirement: 'SECWP16-A00.FR.205',
      actual: expect.stringContaining('hex'),
    });
  }, 60_000);

  it('a CSMS whose process dies on an unreadable frame is reported as a crash with high severity', async () => {
    const server = http.createServer();
    const wss = new WebSocketServer({ noServer: true });
    const validator = new SchemaRegistry().for('1.6');
    server.on('upgrade', (req, socket, head) =>
      wss.handleUpgrade(req, socket, head, (ws) =>
        ws.on('message', (data) => {
          const text = data.toString();
          try {
            const [type, id, action, payload] = JSON.parse(text) as unknown[];
            if (type === 2 && typeof action === 'string' && validator.validate(action, 'request', payload).valid) {
              const now = new Date().toISOString();
              const answers: Record<string, unknown> = {
                BootNotification: { status: 'Accepted', currentTime: now, interval: 300 },
                Heartbeat: { currentTime: now },
                StatusNotification: {},
                Authorize: { idTagInfo: { status: 'Invalid' } },
              };
              if (answers[action]) return ws.send(JSON.stringify([3, id, answers[action]]));
            }
          } catch {
            // The process dies: the socket is reset and nothing listens any more.
            ws.terminate();
            server.closeAllConnections();
            server.close();
          }
        }),
      ),
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    const dying: CsmsPeerModule = {
      version: '1.6',
      faults: [],
      start: async () => ({
        url: `ws://127.0.0.1:${port}/ocpp`,
        perform: async () => ({ done: false, reason: 'raw peer' }),
        stop: async () => {
          server.closeAllConnections();
          await new Promise<void>((r) => server.close(() => r()));
        },
      }),
    };
    const res = await runAgainst([byId(rpc01, 'SEC16_RPC_01_CSMS')], { csmss: [dying] }, fast);
    expect(res.outcomes[0].result.verdict).toBe('fail');
    const findings = res.run.cases[0].findings;
    expect(findings.find((f) => f.ruleId === 'SEC-RPC-01')).toMatchObject({
      severity: 'high',
      title: expect.stringContaining('SUT crashed'),
    });
    expect(findings.find((f) => f.ruleId === 'SEC-LIVE-01')?.title).toContain('crashed');
  }, 60_000);
});
