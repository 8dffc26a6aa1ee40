import type { ChargePoint16 } from '../charge-point.js';
import { sendMeterValues } from './transactions.js';

/**
 * Clock-aligned meter data of the 1.6 reference charge point (section MeterValues,
 * ClockAlignedDataInterval): every interval, at boundaries counted from midnight UTC, each
 * connector sends MeterValues with context Sample.Clock (with the transactionId while one runs).
 * 0 switches it off. The periodic Sample.Periodic values live in the transactions block.
 */

const aligned = new WeakMap<ChargePoint16, NodeJS.Timeout>();

export function restartClockAligned(cp: ChargePoint16): void {
  cp.cancel(aligned.get(cp));
  aligned.delete(cp);
  const s = cp.cfg.int('ClockAlignedDataInterval');
  if (s <= 0 || cp.bootState !== 'accepted' || cp.faults.has('clock-aligned-meter-values-missing')) return;
  const periodMs = s * 1000;
  const now = cp.o.clock.now();
  const next = Math.ceil((now + 1) / periodMs) * periodMs;
  aligned.set(
    cp,
    cp.later(next - now, () => {
      aligned.delete(cp);
      if (cp.bootState !== 'accepted') return;
      void (async () => {
        for (const c of cp.connectors) await sendMeterValues(cp, c, 'Sample.Clock');
      })();
      restartClockAligned(cp);
    }),
  );
}
