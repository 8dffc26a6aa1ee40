import { describe, expect, it } from '@jest/globals';
import http from 'node:http';
import { PassThrough } from 'node:stream';
import { commandAdapter, httpAdapter, promptAdapter, noAdapter } from '../src/engine/adapter.js';
import { EventLog } from '../src/engine/eventlog.js';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const action = { action: 'plugIn', params: { evseId: 1 }, instruction: 'Plug in the cable', caseId: 'TC_X' };
const never = new AbortController().signal;

describe('manual-step adapters', () => {
  it('command: exit 0 is done and the action reaches the script; non-zero is not done', async () => {
    expect(
      await commandAdapter('test "$OCPP_ACTION" = plugIn && test "$(echo $OCPP_PARAMS)" = \'{"evseId":1}\'').perform(action, never),
    ).toEqual({ done: true });
    const r = await commandAdapter('echo no cable >&2; exit 3').perform(action, never);
    expect(r).toMatchObject({ done: false, reason: expect.stringContaining('exited 3') });
  });
  it('command: a hanging script is killed at its timeout', async () => {
    const r = await commandAdapter('sleep 30', 200).perform(action, never);
    expect(r).toMatchObject({ done: false, reason: expect.stringContaining('within 200 ms') });
  });
  it('http: 2xx is done, anything else is not, and the body carries the action', async () => {
    let body = '';
    const server = http.createServer((req, res) => {
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        res.writeHead(req.url === '/ok' ? 204 : 500);
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    expect(await httpAdapter(`${base}/ok`).perform(action, never)).toEqual({ done: true });
    expect(JSON.parse(body)).toMatchObject({ action: 'plugIn', params: { evseId: 1 }, caseId: 'TC_X' });
    expect(await httpAdapter(`${base}/fail`).perform(action, never)).toMatchObject({
      done: false,
      reason: expect.stringContaining('HTTP 500'),
    });
    server.close();
    expect(await httpAdapter('http://127.0.0.1:1/none', {}, 500).perform(action, never)).toMatchObject({ done: false });
  });
  it('prompt: Enter is done, "s" skips, silence times out', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    const p = promptAdapter(input, output, 1000).perform(action, never);
    input.write('\n');
    expect(await p).toEqual({ done: true });
    const input2 = new PassThrough();
    const p2 = promptAdapter(input2, new PassThrough(), 1000).perform(action, never);
    input2.write('s\n');
    expect(await p2).toMatchObject({ done: false, reason: 'operator skipped the step' });
    expect(await promptAdapter(new PassThrough(), new PassThrough(), 100).perform(action, never)).toMatchObject({ done: false });
  });
  it('none: never done, and says how to configure one', async () => {
    expect(await noAdapter.perform(action, never)).toMatchObject({ done: false, reason: expect.stringContaining('adapter') });
  });
});

describe('event log', () => {
  it('writes each event before returning and redacts secrets', () => {
    const dir = mkdtempSync(join(tmpdir(), 'log-'));
    const log = new EventLog(join(dir, 'run.jsonl'), ['hunter2-password', 'aHVudGVyMg==']);
    log.append({ type: 'note', time: 't', runKey: 'k', t: 0, kind: 'observation', text: 'pw hunter2-password and aHVudGVyMg==' });
    // Not closed yet: the line must already be on disk (a crash right now loses nothing).
    const text = readFileSync(join(dir, 'run.jsonl'), 'utf8');
    expect(text.trim().split('\n')).toHaveLength(1);
    expect(text).not.toContain('hunter2-password');
    expect(text).toContain('***');
    expect(JSON.stringify(log.events)).not.toContain('aHVudGVyMg==');
    log.close();
  });
});
