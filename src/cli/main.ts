#!/usr/bin/env node
import { runCli } from './commands.js';

// A hostile SUT must never crash the harness through a stray rejection; record and go on.
process.on('unhandledRejection', (reason) => {
  process.stderr.write(`ocpp-harness: unhandled rejection (recorded, run continues): ${String((reason as Error)?.stack ?? reason)}\n`);
});

process.exitCode = await runCli(process.argv, {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  stdin: process.stdin,
  isTTY: Boolean(process.stdout.isTTY),
});
