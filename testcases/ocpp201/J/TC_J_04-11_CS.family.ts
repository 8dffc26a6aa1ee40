import { check, defineCase, defineCaseFamily, type FaultOf } from '../../../src/dsl.js';
import { expectAfter, mark, meterIntervalS, setVariable, withVariable201 } from '../../../src/kit/index.js';

/**
 * Signed meter values (J01 clock-aligned, J02 sampled): with the controller's SignReadings true
 * the station's readings carry a signedMeterValue. A meter may sign only the measurands it can
 * sign (typically the energy register), so one signed sampled value with signed data, signing
 * and encoding method is enough; a station that cannot sign refuses SignReadings and the case is
 * not-applicable.
 */
type SampledValue = { context?: string; signedMeterValue?: { signedMeterData?: string; signingMethod?: string; encodingMethod?: string } };

const sampled = (p: { meterValue?: unknown }) =>
  ((p.meterValue ?? []) as { sampledValue: SampledValue[] }[]).flatMap((m) => m.sampledValue);

export default defineCaseFamily(
  [
    {
      id: 'TC_J_04_CS',
      title: 'Clock-aligned Meter Values - Signed',
      controller: 'AlignedDataCtrlr',
      requirements: ['J01.FR.21', 'J01.FR.01', 'J01.FR.02'],
      purpose:
        'With AlignedDataCtrlr.SignReadings true and no transaction running, the clock-aligned MeterValues carry signed readings (signed data, signing and encoding method).',
      fault: 'aligned-unsigned',
    },
    {
      id: 'TC_J_11_CS',
      title: 'Sampled Meter Values - Signed',
      controller: 'SampledDataCtrlr',
      requirements: ['J02.FR.20', 'J02.FR.02'],
      purpose:
        'With SampledDataCtrlr.SignReadings true, the periodic readings of a running transaction (TransactionEvent Updated) carry signed readings (signed data, signing and encoding method).',
      fault: 'sampled-unsigned',
    },
  ] as {
    id: string;
    title: string;
    controller: 'AlignedDataCtrlr' | 'SampledDataCtrlr';
    requirements: [string, ...string[]];
    purpose: string;
    fault: FaultOf<'2.0.1', 'cs'>;
  }[],
  ({ controller, ...row }) =>
    defineCase({ ...row, ocpp: '2.0.1', sut: 'cs', block: 'J' }, async (ctx) => {
      const { csms, config } = ctx;
      const [signedReq, intervalReq] = row.requirements;
      const intervalS = meterIntervalS(config);
      await ctx.given('Booted');
      await withVariable201(ctx, { component: controller, variable: 'SignReadings', value: 'true' }, async () => {
        let readings: SampledValue[];
        if (controller === 'AlignedDataCtrlr') {
          ctx.step(`The harness sets AlignedDataCtrlr.Interval to ${intervalS} s`);
          const since = mark(csms);
          await setVariable(ctx, 'AlignedDataCtrlr', 'Interval', String(intervalS), intervalReq);
          ctx.step('At the next interval boundary the station sends MeterValues');
          const mv = await expectAfter(csms, since, 'MeterValues', {
            within: intervalS * 1000 + config.timeouts.messageMs,
            requirement: 'J01.FR.02',
          });
          readings = sampled(mv.payload);
        } else {
          await ctx.given('EnergyTransferStarted');
          ctx.step(`The harness sets SampledDataCtrlr.TxUpdatedInterval to ${intervalS} s`);
          const since = mark(csms);
          await setVariable(ctx, 'SampledDataCtrlr', 'TxUpdatedInterval', String(intervalS), intervalReq);
          ctx.step('The station sends a TransactionEvent Updated with the periodic readings');
          const te = await expectAfter(csms, since, 'TransactionEvent', {
            within: intervalS * 1000 + config.timeouts.messageMs,
            where: (p) => p.eventType === 'Updated' && p.triggerReason === 'MeterValuePeriodic',
            whereText: 'eventType Updated, triggerReason MeterValuePeriodic',
            requirement: intervalReq,
          });
          readings = sampled(te.payload);
        }

        ctx.step('The readings carry a signedMeterValue with signed data, signing method and encoding method');
        const signed = readings.filter((v) => v.signedMeterValue);
        check(
          signed.length > 0 && signed.every((v) => !!v.signedMeterValue?.signedMeterData && !!v.signedMeterValue.encodingMethod),
          signedReq,
          'at least one sampled value with a complete signedMeterValue',
          readings,
        );
      });
    }),
);
