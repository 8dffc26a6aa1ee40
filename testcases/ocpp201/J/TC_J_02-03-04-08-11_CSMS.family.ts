import { defineCase, defineCaseFamily, type TypedCaseContext } from '../../../src/dsl.js';
import {
  authorizeValidToken,
  connectorStatus,
  energyReading,
  expectIdTokenStatus,
  signedEnergyReading,
  txEvent,
} from '../../../src/kit/index.js';

/**
 * Meter values inside transactions (J01 clock-aligned, J02 sampled): the CSMS must take every
 * kind of reading a station may put in its TransactionEvents: clock-aligned ones during the
 * transaction and in its Ended event, signed ones, and a start reading sent once the EVSE is
 * known. TC_J_01/07/09/10_CSMS are the siblings outside this table.
 */
type Ctx = TypedCaseContext<'2.0.1', 'csms'>;

const charging = async (ctx: Ctx) => {
  ctx.step('A transaction is charging on the configured EVSE');
  await ctx.given('EnergyTransferStarted');
};

export default defineCaseFamily(
  [
    {
      id: 'TC_J_02_CSMS',
      title: 'Clock-aligned Meter Values - Transaction ongoing',
      requirements: ['J01.FR.20', 'J02.FR.19'],
      purpose:
        'During a transaction the station sends its clock-aligned readings in TransactionEvent Updated (triggerReason MeterValueClock, context Sample.Clock); the CSMS answers each.',
      fault: 'meter-clock-in-txevent-refused',
      run: async (ctx: Ctx) => {
        await charging(ctx);
        for (const wh of [1_200, 2_400]) {
          ctx.step(`The clock-aligned interval passes: the station sends the reading (${wh} Wh) in an Updated event`);
          await txEvent(ctx, 'Updated', 'MeterValueClock', {
            meterValue: [energyReading(ctx, wh, 'Sample.Clock')],
            requirement: 'J01.FR.20',
          });
        }
      },
    },
    {
      id: 'TC_J_03_CSMS',
      title: 'Clock-aligned Meter Values - EventType Ended',
      requirements: ['J01.FR.20', 'J02.FR.11', 'J02.FR.19'],
      purpose:
        'The Ended event of a transaction carries the clock-aligned readings taken during it (Sample.Clock) next to the end reading (Transaction.End); the CSMS answers it.',
      fault: 'meter-clock-in-txevent-refused',
      run: async (ctx: Ctx) => {
        await charging(ctx);
        ctx.step('The cable is unplugged: the Ended event carries the clock-aligned readings and the end reading');
        await txEvent(ctx, 'Ended', 'EVCommunicationLost', {
          chargingState: 'Idle',
          stoppedReason: 'EVDisconnected',
          meterValue: [
            energyReading(ctx, 1_200, 'Sample.Clock'),
            energyReading(ctx, 2_400, 'Sample.Clock'),
            energyReading(ctx, 2_650, 'Transaction.End'),
          ],
          requirement: 'J02.FR.19',
        });
        await connectorStatus(ctx, 'Available', 'J02.FR.19');
      },
    },
    {
      id: 'TC_J_04_CSMS',
      title: 'Clock-aligned Meter Values - Signed',
      requirements: ['J01.FR.20', 'J02.FR.21'],
      purpose:
        'A station that signs its clock-aligned readings sends them with signedMeterValue in TransactionEvent Updated (MeterValueClock); the CSMS answers them.',
      fault: 'meter-signed-refused',
      run: async (ctx: Ctx) => {
        await charging(ctx);
        ctx.step('The clock-aligned interval passes: the station sends a signed reading');
        await txEvent(ctx, 'Updated', 'MeterValueClock', {
          meterValue: [signedEnergyReading(ctx, 1_200, 'Sample.Clock')],
          requirement: 'J02.FR.21',
        });
      },
    },
    {
      id: 'TC_J_08_CSMS',
      title: 'Sampled Meter Values - Context Transaction.Begin - EVSE not known',
      requirements: ['J02.FR.10', 'J02.FR.19'],
      purpose:
        'A transaction started on authorization, before the EV chose an EVSE, has no evse in its Started event; the start reading (Transaction.Begin) follows with the evse once the cable is plugged in. The CSMS takes both.',
      fault: 'txevent-started-requires-evse',
      run: async (ctx: Ctx) => {
        const token = ctx.config.ids.validIdToken;
        ctx.step('The station is booted and idle');
        await ctx.given('Booted');
        ctx.step('The driver presents a valid token: the transaction starts, no EVSE known yet');
        await authorizeValidToken(ctx);
        const res = await txEvent(ctx, 'Started', 'Authorized', { idToken: token, withoutEvse: true, requirement: 'J02.FR.19' });
        expectIdTokenStatus(ctx, res, ['Accepted'], 'J02.FR.19');
        ctx.step('The EV is plugged in: the station names the EVSE and sends the start reading (Transaction.Begin)');
        await connectorStatus(ctx, 'Occupied', 'J02.FR.10');
        await txEvent(ctx, 'Updated', 'CablePluggedIn', {
          chargingState: 'EVConnected',
          withEvse: true,
          meterValue: [energyReading(ctx, 0, 'Transaction.Begin')],
          requirement: 'J02.FR.10',
        });
        await txEvent(ctx, 'Updated', 'ChargingStateChanged', { chargingState: 'Charging', requirement: 'J02.FR.19' });
      },
    },
    {
      id: 'TC_J_11_CSMS',
      title: 'Sampled Meter Values - Signed',
      requirements: ['J02.FR.02', 'J02.FR.21'],
      purpose:
        'A station that signs its sampled readings sends them with signedMeterValue in TransactionEvent Updated (MeterValuePeriodic); the CSMS answers them.',
      fault: 'meter-signed-refused',
      run: async (ctx: Ctx) => {
        await charging(ctx);
        ctx.step('The sample interval passes: the station sends a signed periodic reading');
        await txEvent(ctx, 'Updated', 'MeterValuePeriodic', {
          meterValue: [signedEnergyReading(ctx, 1_500, 'Sample.Periodic')],
          requirement: 'J02.FR.21',
        });
      },
    },
  ] as const,
  ({ run, requirements, ...row }) =>
    defineCase({ ...row, requirements: [...requirements], ocpp: '2.0.1', sut: 'csms', block: 'J', profiles: ['Core'] }, (ctx) => run(ctx)),
);
