import type { Command } from 'commander';
import { resolve } from 'node:path';
import { verifyDir } from '../reporters/integrity.js';
import { EXIT, type CliIo } from './options.js';
import { verifyKeyOf } from './reports.js';

/** `ocpp-harness verify DIR`: the event log's hash chain, every artifact against manifest.json, and the signature with --verify-key. */
export function addVerifyCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('verify')
    .description('check a report folder: the event log hash chain, each file against manifest.json, and the signature (--verify-key)')
    .argument('<dir>', 'report folder (with manifest.json)')
    .option('--verify-key <file>', 'Ed25519 public key (PEM) that must have signed manifest.json (manifest.sig)')
    .action((dir: string, o: { verifyKey?: string }) => {
      const key = verifyKeyOf(o.verifyKey);
      const r = verifyDir(resolve(dir), key);
      for (const c of r.checked) io.stdout(`ok       ${c}\n`);
      for (const p of r.problems) io.stdout(`TAMPERED ${p}\n`);
      io.stdout(
        r.ok
          ? `verified: ${r.checked.length} artifacts match manifest.json, the event log's hash chain is whole${key ? ', the signature verifies' : ''}\n`
          : `NOT verified: ${r.problems.length} problem${r.problems.length === 1 ? '' : 's'}\n`,
      );
      setExit(r.ok ? EXIT.ok : EXIT.fail);
    });
}
