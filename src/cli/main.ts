#!/usr/bin/env node

// A hostile SUT must never crash the harness through a stray rejection; record and go on.
process.on('unhandledRejection', (reason) => {
  process.stderr.write(`ocpp-harness: unhandled rejection (recorded, run continues): ${String((reason as Error)?.stack ?? reason)}\n`);
});

/**
 * A reader that stops early (`list --json | head`) closes the pipe. That is not an error of ours:
 * stop writing to that stream and carry on, so a run still writes its reports and exit code.
 */
function pipeWriter(stream: NodeJS.WriteStream): (text: string) => void {
  let closed = false;
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    closed = true;
  });
  return (text) => {
    if (!closed) stream.write(text);
  };
}

const io = {
  stdout: pipeWriter(process.stdout),
  stderr: pipeWriter(process.stderr),
  stdin: process.stdin,
  isTTY: Boolean(process.stdout.isTTY),
};
// `list` loads only its own small program (no peers, reporters or case modules): instant start.
process.exitCode =
  process.argv[2] === 'list'
    ? await (await import('./list.js')).runListCli(process.argv, io)
    : await (await import('./commands.js')).runCli(process.argv, io);
