/**
 * Issue 9, class 7: where the spec allows two readings both are accepted. A 1.6 AuthorizationKey
 * is written hex-encoded and the security whitepaper leaves open whether the station then sends
 * the hex text or the bytes it encodes as its Basic-auth password: the mock CSMS accepts both
 * (1.6 only), and the harness station can send either.
 */
import { describe, expect, it } from '@jest/globals';
import { CsmsServer, passwordForm } from '../src/transport/server.js';
import { dialCsms } from '../src/transport/client.js';
import type { OcppVersion } from '../src/core/versions.js';

const KEY = '00112233445566778899aabbccddeeff3a3a0a0d';

async function dialWith(version: OcppVersion, password: string | Buffer) {
  const notes: string[] = [];
  const server = new CsmsServer({
    host: '127.0.0.1',
    port: 0,
    version,
    identity: 'CP-16',
    profile: 1,
    basicAuthPassword: KEY,
    monotonic: () => performance.now(),
  });
  server.recorder = { frame: () => undefined, note: (_k, t) => notes.push(t) };
  server.onConnection((c) => c.close(1000));
  await server.listen();
  try {
    const r = await dialCsms({
      target: server.url(false),
      identity: 'CP-16',
      version,
      basicAuthPassword: password,
      timeoutMs: 2000,
      label: 'ws#1',
      monotonic: () => performance.now(),
    });
    if (r.ok) r.conn.close(1000);
    return { ok: r.ok, notes };
  } finally {
    await server.close();
  }
}

describe('class 7: a 1.6 AuthorizationKey as hex text or as decoded bytes', () => {
  it('the 1.6 mock CSMS accepts the key as hex text and as its bytes (not UTF-8, with ":" inside), and says which', async () => {
    expect((await dialWith('1.6', KEY)).ok).toBe(true);
    const decoded = await dialWith('1.6', Buffer.from(KEY, 'hex'));
    expect(decoded.ok).toBe(true);
    expect(decoded.notes.some((n) => n.includes('decoded bytes'))).toBe(true);
    expect((await dialWith('1.6', Buffer.from('00112233', 'hex'))).ok).toBe(false);
  });
  it('2.0.1 has one reading (BasicAuthPassword is a plain string): the bytes are refused', async () => {
    expect((await dialWith('2.0.1', KEY)).ok).toBe(true);
    expect((await dialWith('2.0.1', Buffer.from(KEY, 'hex'))).ok).toBe(false);
  });
  it('passwordForm: text, decoded, or no match', () => {
    expect(passwordForm(Buffer.from(KEY), KEY, '1.6')).toBe('text');
    expect(passwordForm(Buffer.from(KEY, 'hex'), KEY, '1.6')).toBe('decoded');
    expect(passwordForm(Buffer.from(KEY, 'hex'), KEY, '2.0.1')).toBeUndefined();
    expect(passwordForm(Buffer.from('other'), 'not-hex-password', '1.6')).toBeUndefined();
  });
});
