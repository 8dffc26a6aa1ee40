import { NO_REPLY, RpcError, type Payload } from '../../../rpc.js';
import type { CsmsBlock, CsmsContext } from '../state.js';

/** Meter values (J): MeterValues and the meter values inside TransactionEvents. */

/** Sampled values per MeterValues request the large-metervalues-crash fault survives. */
const FAULT_MAX_SAMPLED_VALUES = 1000;

/** Signed readings (J01/J02 with SampledDataSignReadings/AlignedDataSignReadings) are sampled values like others. */
function refuseSigned(ctx: CsmsContext, samples: Payload[]): void {
  if (ctx.faults.has('meter-signed-refused') && samples.some((v) => v.signedMeterValue !== undefined))
    throw new RpcError('PropertyConstraintViolation', 'signed meter values are not supported');
}

/** The meter-value faults of a TransactionEventRequest: each refuses a valid request with a CALLERROR. */
export function checkTransactionMeterValues(ctx: CsmsContext, p: Payload): void {
  const samples: Payload[] = ((p.meterValue ?? []) as Payload[]).flatMap((m) => m.sampledValue as Payload[]);
  if (ctx.faults.has('meter-requires-measurand') && samples.some((v) => v.measurand === undefined)) {
    throw new RpcError('OccurrenceConstraintViolation', 'sampledValue.measurand missing');
  }
  if (ctx.faults.has('meter-decimal-rejected') && samples.some((v) => !Number.isInteger(v.value))) {
    throw new RpcError('TypeConstraintViolation', 'sampledValue.value must be an integer');
  }
  if (ctx.faults.has('meter-clock-in-txevent-refused') && samples.some((v) => v.context === 'Sample.Clock')) {
    throw new RpcError('PropertyConstraintViolation', 'clock-aligned values belong in MeterValues');
  }
  if (ctx.faults.has('txevent-started-requires-evse') && p.eventType === 'Started' && p.evse === undefined) {
    throw new RpcError('OccurrenceConstraintViolation', 'evse is required to start a transaction');
  }
  refuseSigned(ctx, samples);
  if (ctx.faults.has('txevent-ended-multi-meter-error') && p.eventType === 'Ended' && (p.meterValue?.length ?? 0) > 1) {
    throw new RpcError('InternalError', 'cannot store more than one meter value');
  }
}

export const meterValues: CsmsBlock = {
  inbound: {
    MeterValues: (ctx, p) => {
      const sampled = ((p.meterValue ?? []) as Payload[]).reduce((n, m) => n + ((m.sampledValue as unknown[] | undefined)?.length ?? 0), 0);
      if (sampled > FAULT_MAX_SAMPLED_VALUES && ctx.faults.has('large-metervalues-crash')) {
        ctx.crash(`a MeterValues request with ${sampled} sampled values`);
        return NO_REPLY;
      }
      refuseSigned(
        ctx,
        ((p.meterValue ?? []) as Payload[]).flatMap((m) => m.sampledValue as Payload[]),
      );
      if (ctx.faults.has('metervalues-evse0-rejected') && p.evseId === 0)
        throw new RpcError('PropertyConstraintViolation', 'unknown EVSE 0');
      return {};
    },
  },
};
