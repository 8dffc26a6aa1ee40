import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { AdapterConfig } from '../core/config.js';

import type { ActionOutcome, ManualAction } from '../core/manual-actions.js';

export type { ActionOutcome, ManualAction } from '../core/manual-actions.js';

export interface ManualAdapter {
  readonly name: string;
  perform(action: ManualAction, abort: AbortSignal): Promise<ActionOutcome>;
}

/** No way to perform manual steps: such cases end inconclusive at once. */
export const noAdapter: ManualAdapter = {
  name: 'none',
  perform: async (a) => ({ done: false, reason: `manual step "${a.action}" needs an adapter (set "adapter" in the SUT config)` }),
};

/** Runs a shell command per action: OCPP_ACTION, OCPP_PARAMS (JSON), OCPP_CASE in its environment. */
export function commandAdapter(command: string, timeoutMs = 60_000): ManualAdapter {
  return {
    name: 'command',
    perform: (a, abort) =>
      new Promise((resolve) => {
        const child = spawn(command, {
          shell: true,
          stdio: ['ignore', 'ignore', 'pipe'],
          env: {
            ...process.env,
            OCPP_ACTION: a.action,
            OCPP_PARAMS: JSON.stringify(a.params),
            OCPP_CASE: a.caseId,
            OCPP_INSTRUCTION: a.instruction,
          },
        });
        let stderr = '';
        child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-500)));
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          resolve({ done: false, reason: `adapter command did not finish "${a.action}" within ${timeoutMs} ms` });
        }, timeoutMs);
        const onAbort = () => child.kill('SIGKILL');
        abort.addEventListener('abort', onAbort, { once: true });
        child.on('error', (err) => {
          clearTimeout(timer);
          resolve({ done: false, reason: `adapter command failed to start: ${err.message}` });
        });
        child.on('close', (code) => {
          clearTimeout(timer);
          abort.removeEventListener('abort', onAbort);
          resolve(
            code === 0
              ? { done: true }
              : { done: false, reason: `adapter command exited ${code} for "${a.action}"${stderr ? `: ${stderr.trim()}` : ''}` },
          );
        });
      }),
  };
}

/** POSTs each action as JSON to a hook; any 2xx means done. */
export function httpAdapter(url: string, headers: Record<string, string> = {}, timeoutMs = 60_000): ManualAdapter {
  return {
    name: 'http',
    async perform(a, abort) {
      const signal = AbortSignal.any([abort, AbortSignal.timeout(timeoutMs)]);
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(a),
          signal,
        });
        return res.ok ? { done: true } : { done: false, reason: `adapter hook answered HTTP ${res.status} for "${a.action}"` };
      } catch (err) {
        return { done: false, reason: `adapter hook ${url} failed for "${a.action}": ${(err as Error).message}` };
      }
    },
  };
}

/** Asks the operator on a TTY; Enter means done, "s" skips. Bounded by a timeout. */
export function promptAdapter(input: NodeJS.ReadableStream, output: NodeJS.WritableStream, timeoutMs = 300_000): ManualAdapter {
  return {
    name: 'prompt',
    perform: (a, abort) =>
      new Promise((resolve) => {
        const rl = createInterface({ input, output });
        const finish = (o: ActionOutcome) => {
          clearTimeout(timer);
          abort.removeEventListener('abort', onAbort);
          rl.close();
          resolve(o);
        };
        const timer = setTimeout(() => finish({ done: false, reason: `no operator answer within ${timeoutMs} ms` }), timeoutMs);
        const onAbort = () => finish({ done: false, reason: 'aborted' });
        abort.addEventListener('abort', onAbort, { once: true });
        rl.question(`\n[${a.caseId}] MANUAL STEP: ${a.instruction}\n  press Enter when done, or type s and Enter to skip: `, (answer) =>
          finish(answer.trim().toLowerCase() === 's' ? { done: false, reason: 'operator skipped the step' } : { done: true }),
        );
      }),
  };
}

export function adapterFromConfig(
  config: AdapterConfig,
  tty: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream; isTTY: boolean },
): ManualAdapter {
  switch (config.type) {
    case 'command':
      return commandAdapter(config.command, config.timeoutMs);
    case 'http':
      return httpAdapter(config.url, config.headers, config.timeoutMs);
    case 'prompt':
      return tty.isTTY ? promptAdapter(tty.input, tty.output, config.timeoutMs) : noAdapter;
    case 'none':
      return tty.isTTY ? promptAdapter(tty.input, tty.output) : noAdapter;
  }
}
