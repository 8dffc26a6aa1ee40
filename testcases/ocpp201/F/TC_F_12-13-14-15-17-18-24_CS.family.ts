import { check, defineCase, defineCaseFamily, type FaultOf, type TypedCaseContext } from '../../../src/dsl.js';
import { expectAfter, mark, startedTransaction } from '../../../src/kit/index.js';

/**
 * Trigger message (F06), station side: the harness asks for one message, for one EVSE, one
 * connector or (no target) the whole station; the station accepts and sends that message, whose
 * content reflects its state at that moment. TC_F_11 (MeterValues, one EVSE), TC_F_20
 * (Heartbeat), TC_F_23 (StatusNotification Available), TC_F_26 (BootNotification) and TC_F_27
 * (NotImplemented) are single cases beside these.
 */
type Ctx = TypedCaseContext<'2.0.1', 'cs'>;
type Target = 'station' | 'evse' | 'connector';
type Triggered = 'MeterValues' | 'TransactionEvent' | 'LogStatusNotification' | 'FirmwareStatusNotification' | 'StatusNotification';
type Payload = Record<string, unknown>;

const contexts = (p: Payload) =>
  ((p.meterValue ?? []) as { sampledValue: { context?: string }[] }[]).flatMap((m) => m.sampledValue.map((s) => s.context));

/** A triggered TransactionEvent: Updated, triggerReason Trigger, of the running transaction (F06.FR.07). */
const transactionEvent = {
  message: 'TransactionEvent' as const,
  given: 'EnergyTransferStarted' as const,
  // Periodic or clock-aligned events of the same transaction may come in between; the triggered one names its trigger.
  where: (p: Payload) => p.eventType === 'Updated' && p.triggerReason === 'Trigger',
  whereText: 'eventType Updated, triggerReason Trigger',
  requirement: 'F06.FR.07',
  verify: (ctx: Ctx, p: Payload) => {
    const txId = startedTransaction(ctx).payload.transactionInfo.transactionId;
    const info = p.transactionInfo as { transactionId?: string };
    ctx.expectOneOf(info.transactionId, [txId], 'F06.FR.07', 'triggered TransactionEvent transactionId');
  },
};

export default defineCaseFamily(
  [
    {
      id: 'TC_F_12_CS',
      title: 'Trigger message - MeterValues - All EVSE',
      message: 'MeterValues',
      target: 'station',
      given: 'Booted',
      requirements: ['F06.FR.13', 'F06.FR.01', 'F06.FR.06'],
      purpose:
        'TriggerMessage MeterValues without an EVSE is accepted and answered with MeterValues for every EVSE, the configured one included, each reading marked as triggered.',
      fault: 'trigger-metervalues-all-rejected',
      // The station may also report its main meter (evseId 0) or its other EVSEs; the configured EVSE must be among them.
      where: (p: Payload, ctx: Ctx) => p.evseId === ctx.config.ids.evseId,
      whereText: 'MeterValues for the configured EVSE',
      requirement: 'F06.FR.13',
      verify: (ctx: Ctx, p: Payload) => {
        const cs = contexts(p);
        check(cs.length > 0 && cs.every((c) => c === 'Trigger'), 'F06.FR.06', 'context Trigger on every sampled value', cs);
      },
    },
    {
      id: 'TC_F_13_CS',
      title: 'Trigger message - TransactionEvent - Specific EVSE',
      target: 'evse',
      requirements: ['F06.FR.07', 'F06.FR.01', 'F06.FR.04'],
      purpose:
        'TriggerMessage TransactionEvent for the charging EVSE is accepted and answered with a TransactionEvent Updated of the running transaction whose trigger is the request.',
      fault: 'trigger-txevent-wrong-trigger',
      ...transactionEvent,
    },
    {
      id: 'TC_F_14_CS',
      title: 'Trigger message - TransactionEvent - All EVSE',
      target: 'station',
      requirements: ['F06.FR.07', 'F06.FR.01', 'F06.FR.04'],
      purpose:
        'TriggerMessage TransactionEvent without an EVSE is accepted and answered with a TransactionEvent Updated, triggered by the request, for the transaction running on the station.',
      fault: 'trigger-txevent-all-rejected',
      ...transactionEvent,
    },
    {
      id: 'TC_F_15_CS',
      title: 'Trigger message - LogStatusNotification - Idle',
      message: 'LogStatusNotification',
      target: 'station',
      given: 'Booted',
      requirements: ['F06.FR.09', 'F06.FR.01', 'F06.FR.04'],
      purpose: 'A station that is not uploading a log, asked for its LogStatusNotification, accepts and reports Idle.',
      fault: 'trigger-log-status-not-idle',
      requirement: 'F06.FR.04',
      verify: (ctx: Ctx, p: Payload) => ctx.expectOneOf(p.status, ['Idle'], 'F06.FR.09', 'LogStatusNotification status'),
    },
    {
      id: 'TC_F_17_CS',
      title: 'Trigger message - FirmwareStatusNotification - Specific EVSE not relevant',
      message: 'FirmwareStatusNotification',
      target: 'evse',
      given: 'Booted',
      requirements: ['F06.FR.11', 'F06.FR.01'],
      purpose:
        'TriggerMessage FirmwareStatusNotification that names an EVSE is accepted: the EVSE means nothing for a firmware status, so the station ignores it and sends its FirmwareStatusNotification.',
      fault: 'trigger-firmware-evse-rejected',
      requirement: 'F06.FR.11',
      accepted: 'F06.FR.11',
    },
    {
      id: 'TC_F_18_CS',
      title: 'Trigger message - FirmwareStatusNotification - Idle',
      message: 'FirmwareStatusNotification',
      target: 'station',
      given: 'Booted',
      requirements: ['F06.FR.10', 'F06.FR.01', 'F06.FR.04'],
      purpose: 'A station that is not updating its firmware, asked for its FirmwareStatusNotification, accepts and reports Idle.',
      fault: 'trigger-firmware-status-not-idle',
      requirement: 'F06.FR.04',
      verify: (ctx: Ctx, p: Payload) => ctx.expectOneOf(p.status, ['Idle'], 'F06.FR.10', 'FirmwareStatusNotification status'),
    },
    {
      id: 'TC_F_24_CS',
      title: 'Trigger message - StatusNotification - Specific EVSE - Occupied',
      message: 'StatusNotification',
      target: 'connector',
      given: 'EVConnectedPreSession',
      requirements: ['F06.FR.12', 'F06.FR.01', 'F06.FR.04'],
      purpose:
        'With a cable plugged in, TriggerMessage StatusNotification for that connector is accepted and answered with a StatusNotification for exactly that EVSE and connector, reporting Occupied.',
      fault: 'trigger-status-stale',
      where: (p: Payload, ctx: Ctx) => p.evseId === ctx.config.ids.evseId && p.connectorId === ctx.config.ids.connectorId,
      whereText: 'StatusNotification for the configured EVSE and connector',
      requirement: 'F06.FR.12',
      verify: (ctx: Ctx, p: Payload) => ctx.expectOneOf(p.connectorStatus, ['Occupied'], 'F06.FR.12', 'connectorStatus'),
    },
  ] as {
    id: string;
    title: string;
    message: Triggered;
    target: Target;
    given: 'Booted' | 'EnergyTransferStarted' | 'EVConnectedPreSession';
    requirements: string[];
    purpose: string;
    fault: FaultOf<'2.0.1', 'cs'>;
    where?: (p: Payload, ctx: Ctx) => boolean;
    whereText?: string;
    requirement: string;
    /** The requirement an answer other than Accepted breaks (default F06.FR.01). */
    accepted?: string;
    verify?: (ctx: Ctx, p: Payload) => void;
  }[],
  ({ message, target, given, where, whereText, requirement, accepted = 'F06.FR.01', verify, ...row }) =>
    defineCase({ ...row, ocpp: '2.0.1', sut: 'cs', block: 'F' }, async (ctx) => {
      const { csms, config } = ctx;
      const { evseId, connectorId } = config.ids;
      await ctx.given('Booted');
      if (given !== 'Booted') await ctx.given(given);
      const evse = target === 'station' ? undefined : target === 'evse' ? { id: evseId } : { id: evseId, connectorId };

      ctx.step(`The harness sends TriggerMessage ${message} for ${evse ? `EVSE ${evseId}` : 'the whole station'}; the station accepts`);
      const since = mark(csms);
      const res = await csms.call('TriggerMessage', { requestedMessage: message, ...(evse ? { evse } : {}) }, { requirement: accepted });
      ctx.expectOneOf(res.status, ['Accepted'], accepted, 'TriggerMessageResponse.status');

      ctx.step(`The station sends ${message}`);
      const sent = await expectAfter(csms, since, message, {
        ...(where ? { where: (p: unknown) => where(p as Payload, ctx), whereText } : {}),
        requirement,
      });
      verify?.(ctx, sent.payload as unknown as Payload);
    }),
);
