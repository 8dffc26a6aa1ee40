import { defineCase, subprotocolOf } from '../../../../src/dsl.js';
import { bootPayload, callOn, freshIdentity, startDribble, stationUrlFor, type RawUpgradeResult } from '../../../../src/kit/index.js';

/** Bounds: parallel upgrades with random identities, and one slow client. */
const PARALLEL = 50;
const DRIBBLE_MS = 20;

export default defineCase(
  {
    id: 'SEC_DOS_04_CSMS',
    title: 'Parallel bogus upgrades and a slowloris client do not lock out the station',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'DOS',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-DOS-04',
    severity: 'high',
    cwe: 'CWE-770',
    requirements: ['SEC-DOS-04', 'OCPPJ20-3.2'],
    purpose:
      'While one client dribbles its upgrade request a byte at a time and 50 upgrades with random identities and no credentials arrive at once, the bogus upgrades are refused cheaply (no server errors) and the legitimate station still connects and gets its BootNotification answered within its normal time.',
    hint: 'Handle handshakes concurrently and independently; bound how long a client may take to send its headers, refuse unknown identities before doing any expensive work, and rate-limit per source address rather than serialising all upgrades.',
    fault: 'slow-handshake-blocks-all',
  },
  async (ctx) => {
    const { station, config } = ctx;
    // TLS handshakes under a 50-connection flood cost more CPU; still well below the ~4 s dribble.
    const legitWithin = Math.min(config.timeouts.connectMs, station.secure ? 2500 : 1500);

    ctx.step('A slow client starts an upgrade, sending its request one byte every 20 ms');
    const slow = startDribble(
      stationUrlFor(ctx, freshIdentity(ctx, 'SLOW')),
      DRIBBLE_MS,
      legitWithin + 2000,
      station.secure ? station.tlsOptions({}) : undefined,
    );
    try {
      await new Promise((r) => setTimeout(r, 50));

      ctx.step(`${PARALLEL} upgrades with random identities and no credentials arrive at once`);
      const flood: Promise<RawUpgradeResult>[] = [];
      for (let i = 0; i < PARALLEL; i++) {
        flood.push(
          ctx.rawUpgrade({
            url: stationUrlFor(ctx, freshIdentity(ctx, 'BOGUS')),
            protocols: subprotocolOf(ctx.ocpp),
            timeoutMs: config.timeouts.messageMs,
          }),
        );
      }

      ctx.step(`Meanwhile the legitimate station connects and boots within ${legitWithin} ms`);
      const t0 = performance.now();
      const dial = await station.tryConnect({ within: legitWithin });
      if (!dial.ok)
        ctx.evidence(
          `GET /<slow identity> HTTP/1.1 … (one byte every ${DRIBBLE_MS} ms)`,
          `${PARALLEL} x GET /BOGUS<random> (Upgrade: websocket)`,
        );
      ctx.check(dial.ok, 'SEC-DOS-04', `the station connects within ${legitWithin} ms while the attack runs`, dial.ok ? '' : dial.error);
      const boot = await callOn(ctx, station.connection!, 'BootNotification', bootPayload(), { requirement: 'SEC-DOS-04' });
      ctx.check(
        boot.kind === 'result' && boot.payload.status === 'Accepted',
        'SEC-DOS-04',
        'BootNotification Accepted while the attack runs',
        JSON.stringify(boot),
      );
      ctx.note(`the station connected and booted in ${Math.round(performance.now() - t0)} ms`);

      ctx.step('The bogus upgrades were refused without server errors');
      const results = await Promise.all(flood);
      const byStatus = new Map<string, number>();
      for (const r of results) byStatus.set(String(r.status ?? 'none'), (byStatus.get(String(r.status ?? 'none')) ?? 0) + 1);
      ctx.note(`bogus upgrades: ${[...byStatus].map(([s, n]) => `${n} x ${s}`).join(', ')}`);
      const serverErrors = results.filter((r) => r.status !== undefined && r.status >= 500 && r.status !== 503);
      if (serverErrors.length)
        ctx.nonStrict(
          'SEC-DOS-04',
          `${serverErrors.length} bogus upgrades got a server error (${serverErrors[0].status}); unknown identities deserve a 4xx`,
        );
      const upgraded = results.filter((r) => r.status === 101).length;
      // At profile 0 (no authentication declared) accepting unknown stations is registration policy.
      if (upgraded && config.security.profile === 0)
        ctx.policy('OCPPJ20-3.2', `at security profile 0 the CSMS accepts unknown stations (${upgraded} bogus identities upgraded)`);
      else if (upgraded)
        ctx.nonStrict('OCPPJ20-3.2', `${upgraded} upgrades with unknown identities were accepted; a CSMS should answer 404`);
      ctx.note(`slow client: ${slow.answered() ?? 'no answer yet (still sending its headers)'}; the harness drops it`);
      station.disconnectAll();
    } finally {
      slow.stop();
    }
  },
);
