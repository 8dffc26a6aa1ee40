import { defineCase, defineCaseFamily } from '../../../src/dsl.js';
import { acceptStop, changeConfiguration16, plugIn, session16, statusOf, unplug } from '../../../src/kit/index.js';

/**
 * The EV unplugs during a transaction (OCPP 1.6 §9.1 StopTransactionOnEVSideDisconnect): with
 * the key true the charge point stops the transaction with reason EVDisconnected (005_1, with
 * UnlockConnectorOnEVSideDisconnect true); with both keys false it keeps the transaction,
 * SuspendedEV, and charges on when the EV is back (005_3).
 */
export default defineCaseFamily(
  [
    {
      id: 'TC_005_1_CS',
      title: 'EV Side Disconnected - StopTransactionOnEVSideDisconnect = true - UnlockConnectorOnEVSideDisconnect = true',
      stop: true,
      fault: 'ev-disconnect-tx-not-stopped' as const,
      purpose: 'With StopTransactionOnEVSideDisconnect true, the EV unplugging ends the transaction with reason EVDisconnected.',
    },
    {
      id: 'TC_005_3_CS',
      title: 'EV Side Disconnected - StopTransactionOnEVSideDisconnect = false - UnlockConnectorOnEVSideDisconnect = false',
      stop: false,
      fault: 'ev-reconnect-not-resumed' as const,
      purpose:
        'With StopTransactionOnEVSideDisconnect false, the EV unplugging suspends the transaction (SuspendedEV) and plugging back in resumes charging; no StopTransaction until then.',
    },
  ],
  ({ stop, ...row }) =>
    defineCase(
      { ...row, ocpp: '1.6', sut: 'cs', block: 'Transactions', requirements: ['OCPP16-9.1.23', 'OCPP16-4.10', 'OCPP16-4.9'] },
      async (ctx) => {
        const { csms, config } = ctx;
        const connectorId = config.ids.connectorId;
        const value = String(stop);
        await ctx.given('Booted');

        ctx.step(`The harness sets StopTransactionOnEVSideDisconnect and UnlockConnectorOnEVSideDisconnect to ${value}`);
        // Either key may be read-only on a charge point: then its fixed value decides whether the case applies.
        for (const key of ['StopTransactionOnEVSideDisconnect', 'UnlockConnectorOnEVSideDisconnect']) {
          const status = await changeConfiguration16(ctx, key, value, 'OCPP16-9.1.23', { accept: ['Accepted', 'Rejected'] });
          if (status !== 'Accepted') ctx.notApplicable(`${key} cannot be set to ${value} (read-only)`);
        }
        await ctx.given('Charging');
        const s = session16(ctx);
        const transactionId = s.transactionId;

        ctx.step('The EV unplugs during the transaction');
        await unplug(ctx);
        if (stop) {
          ctx.step('The charge point stops the transaction with reason EVDisconnected');
          const sent = await csms.expectCall('StopTransaction', {
            where: (p) => p.transactionId === transactionId,
            whereText: `transactionId = ${transactionId}`,
            requirement: 'OCPP16-9.1.23',
          });
          ctx.expectOneOf(sent.payload.reason ?? 'Local', ['EVDisconnected'], 'OCPP16-9.1.23', 'StopTransaction.reason');
          await acceptStop(ctx, sent);
          // Finishing may come first; with the connector unlocked it ends Available.
          await csms.expectCall('StatusNotification', { ...statusOf(connectorId, 'Available'), requirement: 'OCPP16-4.9' });
          return;
        }
        ctx.step('The charge point keeps the transaction and reports SuspendedEV');
        await csms.expectCall('StatusNotification', { ...statusOf(connectorId, 'SuspendedEV'), requirement: 'OCPP16-9.1.23' });
        await csms.expectNoCall('StopTransaction', { within: config.timeouts.silenceMs, requirement: 'OCPP16-9.1.23' });

        ctx.step('The EV plugs in again: the connector reports Charging');
        await plugIn(ctx);
        await csms.expectCall('StatusNotification', { ...statusOf(connectorId, 'Charging'), requirement: 'OCPP16-9.1.23' });

        ctx.step('The session is ended and the cable unplugged');
        await ctx.given('Idle');
      },
    ),
);
