import { check, defineCase } from '../../../src/dsl.js';
import { expectAfter, expectTlsAttemptAfter, mark } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_A_04_CS',
    title: 'TLS with a valid CSMS server certificate',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'A',
    requirements: ['A00.FR.312', 'A00.FR.313', 'A00.FR.307'],
    profiles: ['Core'],
    securityProfiles: [2, 3],
    purpose:
      'On security profile 2 or 3 the station connects over TLS (wss://) using TLS 1.2 or higher, accepts the valid CSMS server certificate and registers over the secured connection.',
    fault: 'dials-plain-ws',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    ctx.step('The station opens a new connection (power cycle when it is already connected)');
    const before = mark(csms);
    const attemptsBefore = csms.connection ? csms.attempts.length : 0;
    if (csms.connection) await ctx.manual('reboot', {}, 'Power-cycle the charging station so that it connects again.');

    ctx.step('The connection is TLS 1.2 or higher and the handshake completes with the CSMS certificate');
    const first = await csms.expectTlsAttempt({
      after: attemptsBefore,
      within: 2 * config.timeouts.connectMs + config.timeouts.messageMs,
      requirement: 'A00.FR.312',
      expected: 'a connection attempt from the station',
    });
    check(first.transport === 'tls', 'A00.FR.312', 'the station connects with TLS (wss://)', `a ${first.transport} connection`);
    const secure =
      first.outcome === 'secure' ? first : await expectTlsAttemptAfter(ctx, first.index - 1, 'A00.FR.312', 'a completed TLS handshake');
    check(
      secure.outcome === 'secure',
      'A00.FR.312',
      'the TLS handshake with the valid CSMS certificate completes',
      `${secure.outcome}${secure.error ? ` (${secure.error})` : ''}`,
    );
    const protocol = secure.session?.protocol ?? 'unknown';
    ctx.expectOneOf(protocol, ['TLSv1.2', 'TLSv1.3'], 'A00.FR.313', 'negotiated TLS version');
    ctx.note(`TLS ${protocol} with ${secure.session?.cipher ?? '?'}`);

    ctx.step('The station registers over the secured connection');
    const hs = await csms.expectHandshake({
      after: 0,
      within: ctx.waits.reconnect,
      where: (h) => h.tls !== undefined,
      requirement: 'A00.FR.312',
      expected: 'a WebSocket handshake over TLS',
    });
    check(hs.profile >= 2, 'A00.FR.312', 'the connection uses security profile 2 or 3', `profile ${hs.profile}`);
    const boot = await expectAfter(csms, before, 'BootNotification', { within: config.timeouts.messageMs, requirement: 'A00.FR.312' });
    await csms.reply(boot, { currentTime: ctx.nowIso(), interval: config.timeouts.heartbeatIntervalS, status: 'Accepted' });
  },
);
