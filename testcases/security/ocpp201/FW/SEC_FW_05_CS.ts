import { defineCase, schemaViolationCodes, serializeCall } from '../../../../src/dsl.js';
import {
  callsSince,
  describeOutcome,
  expectedAnswer,
  freshRequestId,
  judgeCallError,
  mark,
  RowVerdicts,
  sendAndObserve,
  startUploadServer,
} from '../../../../src/kit/index.js';

/** Statuses that mean the station fetched or used the image. */
const SIDE_EFFECTS = ['Downloaded', 'SignatureVerified', 'InstallScheduled', 'Installing', 'InstallRebooting', 'Installed'];
const REFUSED = ['Rejected', 'InvalidCertificate', 'RevokedCertificate'];

export default defineCase(
  {
    id: 'SEC_FW_05_CS',
    title: 'UpdateFirmware with hostile locations',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'FW',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-FW-05',
    severity: 'high',
    cwe: 'CWE-918',
    requirements: ['L01.FR.08', 'L01.FR.01'],
    purpose:
      'A firmware location is attacker-controlled input. A file: URL, a loopback target, a 513-character location, shell metacharacters and a ../ path are refused (Rejected, a schema CALLERROR, or at worst DownloadFailed): nothing is fetched from loopback, nothing is reported downloaded or installed, and the station does not reboot. A plain http: location should be refused as insecure.',
    hint: 'Accept only https/ftps locations on external hosts, reject file:, loopback and private addresses, path traversal and shell metacharacters before doing anything, and never build a shell command from the URL.',
    fault: 'firmware-file-url-accepted',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('Booted');
    const bait = await startUploadServer(ctx);
    const before = mark(csms);
    const conn = csms.connection;
    const rows = new RowVerdicts(ctx);
    try {
      const long = `https://fw.example.invalid/${'a'.repeat(513 - 'https://fw.example.invalid/'.length)}`;
      const locations: ReadonlyArray<readonly [string, string, boolean]> = [
        ['a file: URL', 'file:///etc/passwd', false],
        ['a loopback target (the harness listens there)', bait.url('/firmware/fw.bin'), false],
        ['localhost', 'https://localhost/fw.bin', false],
        ['a 513-character location', long, false],
        ['shell metacharacters', 'https://fw.example.invalid/fw.bin;reboot;$(id)', false],
        ['a ../ path', 'https://fw.example.invalid/../../../../etc/passwd', false],
        ['an insecure http: location', 'http://fw.example.invalid/fw.bin', true],
      ];
      for (const [what, location, shouldOnly] of locations) {
        await rows.control(`UpdateFirmware with ${what}: refused, or at most DownloadFailed`, async () => {
          const requestId = freshRequestId();
          const id = ctx.ids.next();
          const text = serializeCall(id, 'UpdateFirmware', { requestId, firmware: { location, retrieveDateTime: ctx.nowIso() } });
          const out = await sendAndObserve(ctx, text, { ids: [id], within: config.timeouts.messageMs });
          ctx.note(`${what}: ${describeOutcome(out)}`);
          if (out.kind === 'error' && location === long) {
            // Over the schema's 512 characters: the error-code table's bad-value row (code and id).
            const wrong = judgeCallError(ctx, {
              label: what,
              malformation: 'bad-value',
              sent: text,
              answer: out,
              requirement: 'L01.FR.08',
            });
            ctx.check(wrong === undefined, 'L01.FR.08', expectedAnswer(ctx, 'bad-value'), wrong);
            return;
          }
          if (out.kind === 'error') {
            ctx.expectOneOf(
              out.errorCode,
              [...schemaViolationCodes(ctx.ocpp), 'NotSupported', 'NotImplemented'],
              'L01.FR.08',
              `CALLERROR code for ${what}`,
            );
            return;
          }
          ctx.check(out.kind === 'result', 'L01.FR.08', `UpdateFirmware with ${what} is answered`, describeOutcome(out));
          if (out.kind !== 'result') return;
          const status = String(out.payload.status);
          if (REFUSED.includes(status)) return;
          // Accepted: the station may only fail the download.
          const outcome = await csms
            .expectCall('FirmwareStatusNotification', {
              where: (p) => p.requestId === requestId && p.status !== 'Downloading' && p.status !== 'DownloadScheduled',
              whereText: `the outcome for requestId ${requestId}`,
              within: config.timeouts.messageMs,
            })
            .catch(() => undefined);
          if (outcome && SIDE_EFFECTS.includes(outcome.payload.status)) ctx.evidence(text);
          ctx.check(
            !outcome || !SIDE_EFFECTS.includes(outcome.payload.status),
            'L01.FR.08',
            `the firmware from ${what} is not downloaded or installed`,
            `FirmwareStatusNotification ${outcome?.payload.status}`,
          );
          if (shouldOnly) ctx.nonStrict('L01.FR.08', `UpdateFirmware with ${what} was ${status} instead of Rejected`);
          else if (!outcome)
            ctx.nonStrict(
              'L01.FR.08',
              `UpdateFirmware with ${what} was ${status} and no download outcome followed within ${config.timeouts.messageMs} ms`,
            );
          else ctx.note(`${what}: accepted, then ${outcome.payload.status}`);
        });
      }

      await rows.control('No side effect: nothing fetched from loopback, no reboot', async () => {
        await csms.wait(config.timeouts.silenceMs);
        const fetched = bait.fetches();
        ctx.check(
          fetched.length === 0,
          'L01.FR.08',
          'the station fetched nothing from the loopback location',
          fetched.map((r) => `${r.method} ${r.path}`).join(', '),
        );
        const boots = callsSince(csms, before).filter((c) => c.action === 'BootNotification');
        ctx.check(
          boots.length === 0 && conn?.closed === undefined,
          'L01.FR.01',
          'the station did not reboot',
          `${boots.length} BootNotification(s); connection ${conn?.closed ? 'closed' : 'open'}`,
        );
        const statuses = callsSince(csms, before).filter(
          (c) => c.action === 'FirmwareStatusNotification' && SIDE_EFFECTS.includes(c.payload.status),
        );
        ctx.check(
          statuses.length === 0,
          'L01.FR.08',
          'no FirmwareStatusNotification reports a download or installation',
          statuses.map((c) => c.payload.status).join(', '),
        );
      });
      // Every location was tried and the side-effect check ran before the verdict (kit: RowVerdicts).
      rows.verdict();
    } finally {
      await bait.stop();
    }
  },
);
