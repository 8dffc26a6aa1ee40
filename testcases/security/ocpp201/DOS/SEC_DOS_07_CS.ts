import { defineCase } from '../../../../src/dsl.js';
import { observeUpgrades } from '../../../../src/kit/index.js';

/**
 * Refused attempts observed at most (bounded observation). Six give five delays: enough to compare
 * the first two with the last two, so one stalled attempt (a loaded host, a slow TLS handshake)
 * cannot make a fixed delay look like a growing one.
 */
const MAX_ATTEMPTS = 6;

export default defineCase(
  {
    id: 'SEC_DOS_07_CS',
    title: 'Reconnect back-off while the CSMS refuses connections',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'DOS',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-DOS-07',
    severity: 'medium',
    cwe: 'CWE-400',
    requirements: ['OCPPJ20-5.3'],
    purpose:
      'While the CSMS refuses every upgrade with HTTP 503, the station retries with growing delays (back-off with a random part) instead of hammering the CSMS, and connects again as soon as it is allowed.',
    hint: 'Implement the RetryBackOffWaitMinimum / RetryBackOffRandomRange / RetryBackOffRepeatTimes scheme: double the wait after each failed attempt (up to the repeat limit), add jitter, and reset after a successful connection.',
    fault: 'no-backoff',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('Booted');
    const seen = observeUpgrades(ctx);
    try {
      ctx.step('The mock CSMS refuses all upgrades with 503 and drops the connection');
      csms.setHandshakePolicy({ rejectStatus: 503 });
      csms.close(1001, 'going away');
      const windowMs = 2 * config.timeouts.connectMs;
      await seen.waitForCount(MAX_ATTEMPTS, windowMs);
      const times = seen.attempts.map((a) => a.at);
      const gaps = times.slice(1).map((t, i) => Math.round(t - times[i]));
      ctx.note(`${times.length} refused attempts; gaps between them: ${gaps.join(', ')} ms`);
      ctx.evidence(`HTTP 503 to every upgrade; attempt gaps ${gaps.join(', ')} ms`);

      ctx.step('The delays between attempts grow');
      if (gaps.length >= 4) {
        // The shorter of the last two delays against the shorter of the first two: growth shows in
        // both late ones, while a stall lengthens one. A back-off that stops doubling at its repeat
        // limit (RetryBackOffRepeatTimes) still ends at least twice its first delay.
        const early = Math.min(gaps[0], gaps[1]);
        const late = Math.min(gaps[gaps.length - 2], gaps[gaps.length - 1]);
        ctx.check(
          late >= 1.5 * early,
          'OCPPJ20-5.3',
          `the last two delays (shorter ${late} ms) at least 1.5 times the first two (shorter ${early} ms)`,
          `delays ${gaps.join(', ')} ms`,
        );
      } else if (gaps.length >= 2) {
        // Fewer attempts in the window: the station already waits long; compare what there is.
        const shortest = Math.min(...gaps.slice(0, -1));
        const last = gaps[gaps.length - 1];
        ctx.check(
          last >= 1.5 * shortest,
          'OCPPJ20-5.3',
          `the last delay (${last} ms) at least 1.5 times the shortest earlier one (${shortest} ms)`,
          `delays ${gaps.join(', ')} ms`,
        );
      } else {
        ctx.note(`only ${times.length} attempt(s) in ${windowMs} ms: the station waits long between attempts`);
      }

      ctx.step('The mock CSMS accepts again; the station reconnects');
      csms.setHandshakePolicy({});
      const lastGap = gaps.length ? gaps[gaps.length - 1] : 0;
      await csms.expectConnection({
        within: 2 * lastGap + config.timeouts.connectMs + config.timeouts.messageMs,
        requirement: 'OCPPJ20-5.3',
      });
    } finally {
      // Leave the station able to connect, whatever happened above.
      csms.setHandshakePolicy({});
      seen.stop();
    }
  },
);
