/** End-to-end tests of the built CLI (npm test builds dist/ first). */
import { secretsInFrame } from '../src/engine/wire-secrets.js';
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
    for (const row of rows)
      expect(Object.keys(row).sort()).toEqual(['block', 'features', 'id', 'ocpp', 'profiles', 'requirements', 'suite', 'sut', 'title']);
    expect(rows.find((x) => x.id === 'TC_B_01_CS')).toMatchObject({ ocpp: '2.0.1', sut: 'cs', block: 'B', suite: 'conformance' });
    // Cases that need an optional feature name its PICS id (class 13).
    expect(rows.find((x) => x.id === 'TC_054_CS')).toMatchObject({ features: ['RemoteTrigger'] });
    expect(rows.find((x) => x.id === 'TC_A_11_CS')).toMatchObject({ features: ['AdvancedSecurity'] });
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
    [['run', '--reference', '--strictness', 'loose'], /--strictness: "loose" is not certification or lenient/],
    [['run', '--reference', '--config', '/nonexistent.json'], /--config \/nonexistent.json: cannot read the file/],
    [['run', '--reference', '--cases', 'NO_SUCH_CASE'], /no case matches the filters/],
    [['reference', 'csms', '--fault', 'no-such-fault'], /--fault: the 2.0.1 reference csms has no fault "no-such-fault"/],
    [['frobnicate'], /unknown command/],
    // The guard refuses before any connection is attempted: nothing is sent to these hosts.
    [['fuzz', '--sut', 'csms', '--ocpp', '2.0.1', '--target', 'ws://csms.example:8180/ocpp'], /not loopback.*--i-own-this-target/],
    [['fuzz', '--sut', 'cs', '--ocpp', '2.0.1', '--listen', '0.0.0.0:9555'], /not loopback.*--i-own-this-target/],
    [['run', '--sut', 'csms', '--ocpp', '2.0.1', '--suite', 'security', '--target', 'ws://csms.example:8180/ocpp'], /--i-own-this-target/],
    [['fuzz', '--sut', 'csms', '--ocpp', '2.0.1'], /--reference.*--target.*--listen/],
    [['fuzz', '--sut', 'csms', '--ocpp', '2.0.1', '--reference', '--duration', 'forever'], /--duration: "forever" is not a duration/],
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
    // A cut-off log renders, but earns no pass: exit 2 as the interrupted run would.
    expect(rr.code).toBe(2);
    const results = JSON.parse(readFileSync(join(again, 'results.json'), 'utf8')) as {
      interrupted: boolean;
      cases: { verdict: { verdict: string } }[];
    };
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
    writeFileSync(
      join(dir, 'c.json'),
      JSON.stringify({
        stationId: 'CP-SECRET',
        security: { profile: 1, basicAuthPassword: password },
        timeouts: {
          messageMs: 2000,
          connectMs: 3000,
          // The retry cases (TC_E_41/42) wait out the station's MessageTimeout several times: room for a loaded machine.
          caseMs: 90000,
          silenceMs: 400,
          transactionMs: 300,
          heartbeatIntervalS: 1,
          bootRetryIntervalS: 1,
        },
      }),
    );
    const out = join(dir, 'reports');
    // The whole 2.0.1 catalogue: four at once, and a spawn limit above its run time (a killed run exits 2, interrupted).
    const r = cli(['run', '--reference', '--config', join(dir, 'c.json'), '--ocpp', '2.0.1', '--concurrency', '4', '--out', out], 230_000);
    expect([0, 1]).toContain(r.code);
    const b64 = Buffer.from(`CP-SECRET:${password}`).toString('base64');
    for (const f of ['run.jsonl', 'junit.xml', 'index.html', 'results.json']) {
      const text = readFileSync(join(out, f), 'utf8');
      expect(text).not.toContain(password);
      expect(text).not.toContain(b64);
    }
    expect(r.stdout + r.stderr).not.toContain(password);
  }, 240_000);

  it('rotated passwords and private keys never reach any report, on every security profile', () => {
    const dir = tmp();
    const password = 'Sup3r-Secret-Passw0rd-For-Tests';
    writeFileSync(
      join(dir, 'c.json'),
      JSON.stringify({
        stationId: 'CP-SECRET',
        security: { profile: 1, basicAuthPassword: password },
        timeouts: {
          messageMs: 2000,
          connectMs: 3000,
          caseMs: 30000,
          silenceMs: 400,
          transactionMs: 300,
          heartbeatIntervalS: 1,
          bootRetryIntervalS: 1,
        },
      }),
    );
    const out = join(dir, 'reports');
    // Password rotation (A01, TC_073), certificate renewal with CSRs (A02, TC_074) and Basic auth, both roles.
    const r = cli(
      [
        'run',
        '--reference',
        '--config',
        join(dir, 'c.json'),
        '--security-profile',
        '1,2,3',
        '--cases',
        'TC_A_01_*,TC_A_09_*,TC_A_11_*,TC_073_*,TC_074_*,SEC_AUTH_08_CS',
        '--out',
        out,
      ],
      240_000,
    );
    expect(r.code).toBe(0);
    const b64 = Buffer.from(`CP-SECRET:${password}`).toString('base64');
    for (const f of ['run.jsonl', 'junit.xml', 'index.html', 'results.json']) {
      const text = readFileSync(join(out, f), 'utf8');
      expect(text).not.toContain(password);
      expect(text).not.toContain(b64);
      expect(text).not.toMatch(/PRIVATE KEY/);
    }
    // Every password that travelled inside an OCPP message is masked in the recorded frame.
    const frames = readFileSync(join(out, 'run.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { type: string; text?: string })
      .filter((e) => e.type === 'wire');
    const carried = frames.flatMap((e) => secretsInFrame(e.text ?? ''));
    expect(carried.length).toBeGreaterThan(0);
    expect(new Set(carried)).toEqual(new Set(['***']));
    expect(r.stdout + r.stderr).not.toContain(password);
  });

  it('fuzz finds the planted crash in a faulted reference CSMS, and the printed replay reproduces it', () => {
    const out = tmp();
    const r = cli(
      [
        'fuzz',
        '--sut',
        'csms',
        '--ocpp',
        '2.0.1',
        '--reference',
        '--fault',
        'crash-on-far-future-year',
        '--seed',
        'planted-1',
        '--stop-after-findings',
        '1',
        '--json',
        '--out',
        out,
      ],
      120_000,
    );
    expect(r.code).toBe(1);
    const summary = JSON.parse(r.stdout) as {
      seed: string;
      frames: number;
      findings: { id: string; severity: string; frames: string[] }[];
      replay: string;
    };
    const crash = summary.findings.find((f) => f.severity === 'high' && f.id.includes(':crash'));
    expect(crash).toBeDefined();
    expect(crash!.frames[0]).toMatch(/\d{5,}-\d\d-\d\dT/);
    const sarif = JSON.parse(readFileSync(join(out, 'findings.sarif'), 'utf8')) as {
      version: string;
      runs: { results: { level?: string }[] }[];
    };
    expect(sarif.version).toBe('2.1.0');
    // The crash is the one result above a note; fitting-but-not-prescribed error codes are notes.
    expect(sarif.runs[0].results.filter((x) => x.level !== 'note').length).toBe(1);
    // The replay command reproduces the same finding.
    const args = summary.replay.replace(/^npx ocpp-harness /, '').split(' ');
    const again = cli([...args, '--json', '--out', tmp()], 120_000);
    const replayed = JSON.parse(again.stdout) as { findings: { id: string }[] };
    expect(replayed.findings.map((f) => f.id)).toContain(crash!.id);
  });

  it('fuzz finds nothing in the conformant reference CSMS with the same seed', () => {
    const r = cli(
      ['fuzz', '--sut', 'csms', '--ocpp', '2.0.1', '--reference', '--seed', 's1', '--count', '120', '--json', '--out', tmp()],
      120_000,
    );
    expect(JSON.parse(r.stdout).findings).toEqual([]);
    expect(r.code).toBe(0);
  });

  it.each([['2.0.1'], ['1.6']])('fuzz finds nothing in the conformant reference station (%s)', (version) => {
    const r = cli(
      ['fuzz', '--sut', 'cs', '--ocpp', version, '--reference', '--seed', 's1', '--count', '100', '--json', '--out', tmp()],
      120_000,
    );
    expect(JSON.parse(r.stdout).findings).toEqual([]);
    expect(r.code).toBe(0);
  });
});
