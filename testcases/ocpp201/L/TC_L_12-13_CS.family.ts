import { randomBytes } from 'node:crypto';
import { check, defineCase, defineCaseFamily } from '../../../src/dsl.js';
import {
  callsSince,
  checkFirmwareOrder,
  checkFirmwareRequestIds,
  endSession,
  expectSecurityEvent201,
  firmwareCourse201,
  firmwareSigner16,
  freshRequestId,
  mark,
  startedTransaction,
  withFirmwareServer,
  withVariable201,
} from '../../../src/kit/index.js';

/** Firmware statuses that mean the install began. */
const INSTALL = ['Installing', 'InstallRebooting', 'Installed', 'InstallVerificationFailed', 'InstallationFailed'];

/**
 * A firmware update while a transaction charges, once per value of AllowNewSessionsPendingFWUpdate
 * (which only decides whether idle EVSEs take new sessions meanwhile): either way the station
 * installs only after the transaction ended.
 */
export default defineCaseFamily(
  [
    {
      id: 'TC_L_12_CS',
      title:
        'Secure Firmware Update - Charging Station cannot download/install firmware during transaction (AllowNewSessionsPendingFWUpdate=true)',
      allowNewSessions: 'true',
    },
    {
      id: 'TC_L_13_CS',
      title:
        'Secure Firmware Update - Charging Station cannot download/install firmware during transaction (AllowNewSessionsPendingFWUpdate=false)',
      allowNewSessions: 'false',
    },
  ] as const,
  ({ allowNewSessions, ...row }) =>
    defineCase(
      {
        ...row,
        ocpp: '2.0.1',
        sut: 'cs',
        block: 'L',
        profiles: ['Core'],
        requirements: ['L01.FR.06', 'L01.FR.01', 'L01.FR.10', 'A04.FR.01'],
        purpose: `With AllowNewSessionsPendingFWUpdate ${allowNewSessions} and a transaction charging, the harness sends UpdateFirmware with a correctly signed image. The station accepts; it may download and verify the image at once or later, but it neither installs nor reboots while the transaction runs. Once the harness has ended the transaction remotely, the station installs the firmware (Installing, Installed) and raises FirmwareUpdated.`,
        fault: 'fw-installs-during-transaction',
      },
      async (ctx) => {
        const { csms, config } = ctx;
        await ctx.given('Booted');
        const need = { component: 'ChargingStation', variable: 'AllowNewSessionsPendingFWUpdate', value: allowNewSessions };
        await withVariable201(ctx, need, async () => {
          await ctx.given('EnergyTransferStarted');
          const txId = String(startedTransaction(ctx).payload.transactionInfo.transactionId);
          await withFirmwareServer(ctx, async (server) => {
            const signer = firmwareSigner16(ctx);
            const image = randomBytes(4096);
            const requestId = freshRequestId();
            const before = mark(csms);

            ctx.step(`The harness sends UpdateFirmware ${requestId} while transaction ${txId} is charging; the station accepts`);
            const res = await csms.call(
              'UpdateFirmware',
              {
                requestId,
                firmware: {
                  location: server.serve('image.bin', image),
                  retrieveDateTime: ctx.nowIso(),
                  signingCertificate: signer.certificatePem,
                  signature: signer.sign(image),
                },
              },
              { requirement: 'L01.FR.01' },
            );
            ctx.expectOneOf(res.status, ['Accepted'], 'L01.FR.01', 'UpdateFirmwareResponse status');

            ctx.step('While the transaction runs the station installs nothing and does not reboot');
            // Downloading and verifying now is allowed, and so is waiting with them: wait for SignatureVerified or two message timeouts.
            const verified = await csms
              .expectCall('FirmwareStatusNotification', { where: (p) => p.status === 'SignatureVerified', within: ctx.waits.twoMessages })
              .catch(() => undefined);
            await csms.wait(config.timeouts.silenceMs);
            const during = callsSince(csms, before);
            const installing = during.filter(
              (c) => c.action === 'FirmwareStatusNotification' && INSTALL.includes(String(c.payload.status)),
            );
            const boots = during.filter((c) => c.action === 'BootNotification');
            check(
              installing.length === 0 && boots.length === 0,
              'L01.FR.06',
              'no install and no reboot while the transaction runs',
              `${installing.map((c) => String(c.payload.status)).join(', ') || 'no install status'}; ${boots.length} BootNotification(s)`,
            );
            const ended = during.filter((c) => c.action === 'TransactionEvent' && c.payload.eventType === 'Ended');
            check(
              ended.length === 0,
              'L01.FR.06',
              'the station leaves the running transaction alone',
              `${ended.length} TransactionEvent Ended`,
            );

            ctx.step('The harness ends the transaction; then the station installs the firmware');
            const endAt = ctx.clock.monotonic();
            await endSession(ctx, txId);
            // The SignatureVerified taken above belongs to the course too.
            const early = verified ? [{ status: verified.payload.status, requestId: verified.payload.requestId, at: verified.at }] : [];
            const seen = [...early, ...(await firmwareCourse201(ctx, () => ctx.waits.reconnect))].sort((a, b) => a.at - b.at);
            checkFirmwareRequestIds(seen, requestId, 'L01.FR.10');
            checkFirmwareOrder(seen, ['Downloading', 'Downloaded', 'SignatureVerified', 'Installing', 'Installed'], 'L01.FR.01');
            const install = seen.find((s) => s.status === 'Installing');
            check(
              install !== undefined && install.at > endAt,
              'L01.FR.06',
              'Installing only after the transaction was ended',
              install ? 'Installing came before the end of the transaction' : 'no Installing',
            );
            await expectSecurityEvent201(ctx, 'FirmwareUpdated', 'A04.FR.01');
          });
        });
      },
    ),
);
