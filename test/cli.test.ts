/** End-to-end tests of the built CLI (npm test builds dist/ first). */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const CLI = resolve('dist/src/cli/main.js');

function cli(args: string[], timeoutMs = 60_000) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: timeoutMs, env: { ...process.env, CI: 'true' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tmp = () => mkdtempSync(join(tmpdir(), 'ocpp-harness-'));

describe('ocpp-harness CLI', () => {
  it('is built', () => {
    expect(existsSync(CLI)).toBe(true);
  });

  it('list --json prints the catalogue metadata', () => {
    const r = cli(['list', '--json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) expect(Object.keys(row).sort()).toEqual(['block', 'id', 'ocpp', 'profiles', 'requirements', 'suite', 'sut', 'title']);
    expect(rows.find((x) => x.id === 'TC_B_01_CS')).toMatchObject({ ocpp: '2.0.1', sut: 'cs', block: 'B', suite: 'conformance' });
  });

  it('list filters by version and role', () => {
    const rows = JSON.parse(cli(['list', '--json', '--ocpp', '2.0.1', '--sut', 'csms']).stdout) as { ocpp: string; sut: string }[];
    expect(rows.every((x) => x.ocpp === '2.0.1' && x.sut === 'csms')).toBe(true);
  });

  it.each([
    [['run', '--ocpp', '9.9', '--reference'], /--ocpp: unknown OCPP version "9.9"; use 1.6, 2.0.1 or 2.1/],
    [['run', '--sut', 'cs', '--ocpp', '2.0.1'], /--listen: required with --sut cs/],
    [['run', '--sut', 'csms', '--ocpp', '2.0.1'], /--target: required with --sut csms/],
    [['run', '--sut', 'csms', '--ocpp', '2.0.1', '--target', 'http://x'], /must start with ws:\/\/ or wss:\/\//],
    [['run', '--sut', 'cs', '--ocpp', '2.0.1', '--listen', 'nonsense'], /--listen: "nonsense" is not HOST:PORT/],
    [['run', '--reference', '--reporter', 'pdf'], /--reporter: unknown reporter "pdf"/],
    [['run', '--reference', '--config', '/nonexistent.json'], /--config \/nonexistent.json: cannot read the file/],
    [['run', '--reference', '--cases', 'NO_SUCH_CASE'], /no case matches the filters/],
    [['reference', 'csms', '--fault', 'no-such-fault'], /--fault: the 2.0.1 reference csms has no fault "no-such-fault"/],
    [['frobnicate'], /unknown command/],
  ])('bad usage %j exits 64 with a clear message', (args, message) => {
    const r = cli(args as string[]);
    expect(r.code).toBe(64);
    expect(r.stderr).toMatch(message);
  });

  it('a bad config file names the field and the fix', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ stationId: 'X', timeouts: { messageMs: 'soon' }, adapter: { type: 'http' } }));
    const r = cli(['run', '--reference', '--config', join(dir, 'c.json')]);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain('timeouts.messageMs: must be integer');
    expect(r.stderr).toContain('adapter.url: required when adapter.type is "http"');
  });

  it('reference --list-faults lists named faults', () => {
    const r = cli(['reference', 'station', '--ocpp', '2.0.1', '--list-faults']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/boot-invalid-reason/);
  });

  it('run --reference writes all four reports, and report re-renders them from a cut-off log', () => {
    const out = tmp();
    const r = cli(['run', '--reference', '--cases', 'TC_B_01_*', '--concurrency', '1', '--out', out]);
    expect(r.code).toBe(0);
    for (const f of ['run.jsonl', 'junit.xml', 'index.html', 'results.json']) expect(existsSync(join(out, f))).toBe(true);
    expect(r.stdout).toMatch(/PASS TC_B_01_CS/);

    // Simulate a crash: keep the log up to the middle of the second case, half a line included.
    const lines = readFileSync(join(out, 'run.jsonl'), 'utf8').split('\n').filter(Boolean);
    const secondStart = lines.findIndex((l, i) => i > 1 && l.includes('"type":"case-start"'));
    const cut = `${lines.slice(0, secondStart + 2).join('\n')}\n${lines[secondStart + 2].slice(0, 20)}`;
    const crashed = join(out, 'crashed.jsonl');
    writeFileSync(crashed, cut);
    const again = tmp();
    const rr = cli(['report', '--from', crashed, '--reporter', 'junit,html,json', '--out', again]);
    expect(rr.code).toBe(0);
    const results = JSON.parse(readFileSync(join(again, 'results.json'), 'utf8')) as { interrupted: boolean; cases: { verdict: { verdict: string } }[] };
    expect(results.interrupted).toBe(true);
    expect(results.cases.map((c) => c.verdict.verdict)).toEqual(['pass', 'error']);
    expect(readFileSync(join(again, 'index.html'), 'utf8')).toMatch(/partial run/i);
  });

  it('the HTML report is self-contained: no network references', () => {
    const out = tmp();
    cli(['run', '--reference', '--cases', 'TC_B_01_CS', '--out', out, '--reporter', 'html']);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<link[^>]+href=|<script[^>]+src=|<img[^>]+src=/i);
  });

  it('passwords never reach any report or the event log', () => {
    const dir = tmp();
    const password = 'Sup3r-Secret-Passw0rd-For-Tests';
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ stationId: 'CP-SECRET', security: { profile: 1, basicAuthPassword: password }, timeouts: { messageMs: 2000, connectMs: 3000, caseMs: 30000, silenceMs: 400, transactionMs: 300, heartbeatIntervalS: 1, bootRetryIntervalS: 1 } }));
    const out = join(dir, 'reports');
    const r = cli(['run', '--reference', '--config', join(dir, 'c.json'), '--ocpp', '2.0.1', '--out', out]);
    expect([0, 1]).toContain(r.code);
    const b64 = Buffer.from(`CP-SECRET:${password}`).toString('base64');
    for (const f of ['run.jsonl', 'junit.xml', 'index.html', 'results.json']) {
      const text = readFileSync(join(out, f), 'utf8');
      expect(text).not.toContain(password);
      expect(text).not.toContain(b64);
    }
    expect(r.stdout + r.stderr).not.toContain(password);
  });
});
