import type { Payload } from '../../../rpc.js';
import type { StationState } from '../state.js';

/** Block J (meter values): the simulated meter, clock-aligned and periodic sampling. */

/** Charging power of the simulated EV, W. */
const POWER_W = 7400;

function meterWh(st: StationState): number {
  const extra = st.chargingSince === undefined ? 0 : ((st.o.clock.now() - st.chargingSince) * POWER_W) / 3_600_000;
  return Math.round((st.energyWh + extra) * 10) / 10;
}

export function startCharging(st: StationState): void {
  if (st.chargingSince === undefined) st.chargingSince = st.o.clock.now();
}

export function stopCharging(st: StationState): void {
  st.energyWh = meterWh(st);
  st.chargingSince = undefined;
}

export function meterValue(st: StationState, context: string, measurands: string[], at = st.o.clock.now()): Payload {
  return {
    timestamp: st.now(at),
    sampledValue: measurands.map((m) => ({
      value: m === 'Power.Active.Import' ? (st.chargingSince === undefined ? 0 : POWER_W) : meterWh(st),
      context,
      measurand: m,
      unitOfMeasure: { unit: m === 'Power.Active.Import' ? 'W' : 'Wh' },
    })),
  };
}

export function restartAligned(st: StationState): void {
  st.cancel(st.alignedTimer);
  st.alignedTimer = undefined;
  const s = st.dm.int('AlignedDataCtrlr', 'Interval');
  if (s <= 0 || st.bootState !== 'accepted') return;
  const step = s * 1000;
  const schedule = () => {
    const now = st.o.clock.now();
    const next = Math.floor(now / step) * step + step;
    st.alignedTimer = st.later(next - now, () => {
      schedule();
      sendAligned(st, next);
    });
  };
  schedule();
}

function sendAligned(st: StationState, at: number): void {
  const measurands = st.dm.list('AlignedDataCtrlr', 'Measurands');
  if (st.tx) {
    if (st.dm.bool('AlignedDataCtrlr', 'SendDuringIdle')) return;
    void st.txEvent('Updated', st.faults.has('aligned-tx-wrong-trigger') ? 'MeterValuePeriodic' : 'MeterValueClock', {
      meterValue: [meterValue(st, 'Sample.Clock', measurands, at)],
    });
    return;
  }
  const context = st.faults.has('aligned-wrong-context') ? 'Sample.Periodic' : 'Sample.Clock';
  void st.send('MeterValues', { evseId: st.evseId, meterValue: [meterValue(st, context, measurands, at)] });
}

export function restartPeriodic(st: StationState): void {
  st.cancel(st.periodicTimer);
  st.periodicTimer = undefined;
  const s = st.dm.int('SampledDataCtrlr', 'TxUpdatedInterval');
  if (s <= 0 || !st.tx) return;
  const tick = () => {
    st.periodicTimer = st.later(s * 1000, tick);
    if (!st.tx) return;
    const context = st.faults.has('periodic-wrong-context') ? 'Sample.Clock' : 'Sample.Periodic';
    void st.txEvent('Updated', 'MeterValuePeriodic', {
      meterValue: [meterValue(st, context, st.dm.list('SampledDataCtrlr', 'TxUpdatedMeasurands'))],
    });
  };
  st.periodicTimer = st.later(s * 1000, tick);
}
