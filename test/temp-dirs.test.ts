/** Temporary folders (ocpp-harness-*) do not outlive the run that made them (issue 10, group 6). */
import { describe, expect, it } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sweepStaleTempDirs } from '../src/transport/temp-dirs.js';

const CLI = resolve('dist/src/cli/main.js');

describe('temporary folders', () => {
  it('a run interrupted with Ctrl-C removes its temporary PKI folder', async () => {
    // A private temp directory, so other processes' folders do not count.
    const own = mkdtempSync(join(tmpdir(), 'ocpp-harness-test-tmp-'));
    const child = spawn(process.execPath, [CLI, 'selfcheck', '--security-profile', '2', '--ocpp', '2.0.1', '--cases', 'TC_B_0*'], {
      stdio: 'ignore',
      env: { ...process.env, TMPDIR: own },
    });
    const deadline = Date.now() + 20_000;
    while (readdirSync(own).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(readdirSync(own)).toHaveLength(1);
    child.kill('SIGINT');
    await new Promise((r) => child.on('close', r));
    expect(readdirSync(own)).toEqual([]);
  }, 30_000);

  it('the folder of a process that died without cleaning up (kill -9) is removed by the next run', () => {
    const own = mkdtempSync(join(tmpdir(), 'ocpp-harness-test-tmp-'));
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    mkdirSync(join(own, `ocpp-harness-pki-${dead}-abc123`));
    mkdirSync(join(own, `ocpp-harness-pki-${process.pid}-live01`));
    mkdirSync(join(own, 'unrelated-folder'));
    sweepStaleTempDirs(own);
    expect(readdirSync(own).sort()).toEqual([`ocpp-harness-pki-${process.pid}-live01`, 'unrelated-folder']);
    expect(existsSync(join(own, `ocpp-harness-pki-${dead}-abc123`))).toBe(false);
  });
});
