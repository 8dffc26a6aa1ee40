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

/** Whether readings of this context are signed: clock-aligned ones by AlignedDataCtrlr, the others by SampledDataCtrlr (J01, J02). */
function signs(st: StationState, context: string): boolean {
  if (context === 'Sample.Clock') return st.dm.bool('AlignedDataCtrlr', 'SignReadings') && !st.faults.has('aligned-unsigned');
  return st.dm.bool('SampledDataCtrlr', 'SignReadings') && !st.faults.has('sampled-unsigned');
}

/** The meter's signature over one register reading (opaque to the CSMS, base64). */
function signed(st: StationState, value: number, at: number): Payload {
  const data = Buffer.from(JSON.stringify({ meter: `${st.o.config.ids.evseId}`, t: st.now(at), wh: value })).toString('base64');
  return { signedMeterData: data, signingMethod: 'ECDSA-secp256r1-SHA256', encodingMethod: 'OCMF', publicKey: '' };
}

export function meterValue(st: StationState, context: string, measurands: string[], at = st.o.clock.now()): Payload {
  const sign = signs(st, context);
  return {
    timestamp: st.now(at),
    sampledValue: measurands.map((m) => {
      const power = m === 'Power.Active.Import';
      const value = power ? (st.chargingSince === undefined ? 0 : POWER_W) : meterWh(st);
      const sample: Payload = { value, context, measurand: m, unitOfMeasure: { unit: power ? 'W' : 'Wh' } };
      if (sign && !power) sample.signedMeterValue = signed(st, value, at);
      return sample;
    }),
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
    if (st.dm.bool('AlignedDataCtrlr', 'SendDuringIdle') && !st.faults.has('aligned-ignores-send-during-idle')) return;
    void st.txEvent('Updated', st.faults.has('aligned-tx-wrong-trigger') ? 'MeterValuePeriodic' : 'MeterValueClock', {
      meterValue: [meterValue(st, 'Sample.Clock', measurands, at)],
    });
    return;
  }
  const context = st.faults.has('aligned-wrong-context') ? 'Sample.Periodic' : 'Sample.Clock';
  void st.send('MeterValues', { evseId: st.evseId, meterValue: [meterValue(st, context, measurands, at)] });
}

/** Clock-aligned readings kept for TransactionEvent Ended (AlignedDataCtrlr.TxEndedInterval), per transaction. */
const endedReadings = new WeakMap<object, Payload[]>();

/** Samples the register at each TxEndedInterval boundary while `tx` runs (J01). */
function sampleForEnded(st: StationState, tx: object): void {
  const s = st.dm.int('AlignedDataCtrlr', 'TxEndedInterval');
  if (s <= 0) return;
  const step = s * 1000;
  const now = st.o.clock.now();
  const next = Math.floor(now / step) * step + step;
  st.later(next - now, () => {
    if (st.tx !== tx) return;
    const readings = endedReadings.get(tx) ?? [];
    readings.push(meterValue(st, 'Sample.Clock', st.dm.list('AlignedDataCtrlr', 'TxEndedMeasurands'), next));
    endedReadings.set(tx, readings);
    sampleForEnded(st, tx);
  });
}

/** The clock-aligned readings for the Ended event of `tx`. */
export function alignedForEnded(st: StationState, tx: object): Payload[] {
  return st.faults.has('aligned-ended-missing') ? [] : (endedReadings.get(tx) ?? []);
}

export function restartPeriodic(st: StationState): void {
  st.cancel(st.periodicTimer);
  st.periodicTimer = undefined;
  if (st.tx && !endedReadings.has(st.tx)) {
    endedReadings.set(st.tx, []);
    sampleForEnded(st, st.tx);
  }
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
