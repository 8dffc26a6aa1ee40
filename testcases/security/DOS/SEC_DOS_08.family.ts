import { check, defineCase, defineCaseFamily, present, type OcppConnection } from '../../../src/dsl.js';
import { closedText, fenceCall, waitUntil } from '../../../src/kit/index.js';

/**
 * SEC-DOS-08, a second connection with the identity and valid credentials of a connected station,
 * for both versions: the union of the former cases. Two attempts; each time the CSMS applies the
 * same policy (refuse the new connection with a 4xx, close it, or replace the old one), never
 * keeps both, serves the surviving session and sends its commands to that socket only.
 */

const ROWS = [
  {
    id: 'SEC16_DOS_08_CSMS',
    ocpp: '1.6',
    title: "A second connection with a connected charge point's identity: one session survives, commands reach it only",
    purpose:
      'While the booted harness charge point is connected, a second WebSocket connection with the same identity and the same valid credentials is opened (a cloned or rebooted charge point), twice. OCPP leaves the policy open, but it must be deterministic: either the new connection is refused with a 4xx (the old one stays) or it replaces the old one, which the central system closes, the same way both times. Two live sessions for one identity are a failure. The surviving session is served (Heartbeat) and an operator command reaches exactly that socket.',
    hint: 'Keep at most one live session per charge point identity: on a new, fully authenticated connection either refuse it (e.g. HTTP 409) or close the previous socket, document which, and raise an alert; route every command to the registered session only.',
    fault: 'cs-duplicate-keeps-both',
    requirements: ['OCPPJ16-3.1.1', 'OCPPJ16-3.2'],
    command: { message: 'GetConfiguration', key: ['HeartbeatInterval'] },
  },
  {
    id: 'SEC_DOS_08_CSMS',
    ocpp: '2.0.1',
    title: 'A second connection with the same identity and valid credentials: one deterministic session',
    purpose:
      'When a clone of a connected station opens a second connection with the same identity and valid credentials, the CSMS applies one fixed policy (refuse the new connection with a 4xx, or close it, or replace the old one), never keeps both sessions open, serves the surviving one, sends its commands to exactly one socket, and does the same on a second attempt.',
    hint: 'Keep at most one session per identity. Decide on one documented policy for a duplicate connection (refuse the newcomer, or close the old session after checking it is really gone), alert on it, and route commands by identity to that single session.',
    fault: 'duplicate-identity-shadow',
    requirements: ['SEC-DOS-08'],
    command: { message: 'TriggerMessage', requestedMessage: 'Heartbeat' },
  },
] as const;

type Policy = 'refuse-new' | 'close-new' | 'replace-old';

export default defineCaseFamily(ROWS, ({ command, ...row }) =>
  defineCase(
    {
      ...row,
      requirements: [...row.requirements],
      sut: 'csms',
      block: 'DOS',
      suite: 'security',
      profiles: ['Security'],
      rule: 'SEC-DOS-08',
      severity: 'high',
      cwe: 'CWE-613',
    },
    async (ctx) => {
      const { station, config } = ctx;
      const [session, handshake = session] = row.requirements as readonly string[];
      await ctx.given('Booted');
      let current: OcppConnection = present(station.connection, session, 'a connection of the station', 'none');
      let first: Policy | undefined;
      for (const round of [1, 2]) {
        ctx.step(`Attempt ${round}: a second connection as ${config.stationId} with valid credentials`);
        const dial = await station.tryConnect({ beside: true });
        let policy: Policy;
        let survivor = current;
        if (!dial.ok) {
          policy = 'refuse-new';
          ctx.note(`attempt ${round}: the new connection was refused (${dial.error})`);
          check(
            dial.status === undefined || (dial.status >= 400 && dial.status < 500),
            handshake,
            'the duplicate is refused with a 4xx status (such as 409)',
            dial.error,
          );
          check(current.isOpen, session, 'the first connection stays open when the duplicate is refused', closedText(current));
        } else {
          const fresh = dial.conn;
          const old = current;
          const settled = await waitUntil(ctx, () => old.closed !== undefined || fresh.closed !== undefined, ctx.waits.message);
          if (!settled) ctx.evidence(`second upgrade for identity ${config.stationId} while ${old.label} was live`);
          check(
            settled,
            session,
            'the CSMS closes one of the two sessions of the identity (refuse the new one or replace the old one)',
            `both ${old.label} and ${fresh.label} still open after ${ctx.waits.message} ms`,
          );
          await station.wait(50);
          check(
            old.isOpen || fresh.isOpen,
            session,
            'one session of the station survives',
            `both closed: ${closedText(old)}; ${closedText(fresh)}`,
          );
          policy = old.isOpen ? 'close-new' : 'replace-old';
          survivor = old.isOpen ? old : fresh;
          ctx.note(`attempt ${round}: policy ${policy}`);
        }
        first ??= policy;
        check(policy === first, session, `the same duplicate policy on every attempt (${first})`, policy);

        ctx.step(`Attempt ${round}: the surviving session is served and a command reaches exactly that socket`);
        await fenceCall(ctx, station, survivor, 'Heartbeat', {}, session);
        const since = station.receivedCalls(command.message).length;
        await ctx.manual(
          'csmsSend',
          { ...command, stationId: config.stationId },
          `Make the CSMS send ${command.message} to station ${config.stationId}`,
        );
        const target = survivor;
        const arrived = await waitUntil(
          ctx,
          () =>
            station
              .receivedCalls(command.message)
              .slice(since)
              .some((c) => c.conn === target),
          ctx.waits.message,
        );
        const calls = station.receivedCalls(command.message).slice(since);
        const elsewhere = calls.filter((c) => c.conn !== target);
        check(
          arrived && elsewhere.length === 0,
          session,
          `${command.message} on ${target.label} only`,
          arrived ? `also on ${elsewhere.map((c) => c.conn.label).join(', ')}` : 'it never arrived on the surviving session',
        );
        const call = present(
          calls.find((c) => c.conn === target),
          session,
          `${command.message} on ${target.label}`,
          'none',
        );
        await station.reply(
          call,
          command.message === 'GetConfiguration'
            ? { configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: String(config.timeouts.heartbeatIntervalS) }] }
            : { status: 'Accepted' },
        );
        current = survivor;
      }
    },
  ),
);
