import { defineCase } from '../../../src/dsl.js';
import { idTokenOf } from '../../../src/kit/index.js';

/**
 * Every OCPP 2.0.1 object may carry customData (a vendorId plus any vendor properties); the schema
 * admits it, so a request carrying it is a valid CALL the CSMS answers as usual. What the CSMS
 * does with the custom data is its own business: any schema-valid answer passes.
 */
export default defineCase(
  {
    id: 'TC_P_03_CSMS',
    title: 'CustomData - Receive custom data',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'P',
    profiles: ['Core'],
    requirements: ['OCPPJ20-4.2.1'],
    purpose:
      'The station sends StatusNotification, Authorize and TransactionEvent requests carrying customData (with vendor properties, top level and nested); the CSMS answers each with a normal CALLRESULT.',
    fault: 'customdata-rejected',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const customData = { vendorId: 'org.ocpp-harness', note: 'custom data probe', level: 3 };
    ctx.step('The station is booted and idle');
    await ctx.given('Booted');

    ctx.step('The station sends a StatusNotification with customData');
    await station.untyped.call(
      'StatusNotification',
      { timestamp: ctx.nowIso(), connectorStatus: 'Occupied', evseId: config.ids.evseId, connectorId: config.ids.connectorId, customData },
      { requirement: 'OCPPJ20-4.2.1' },
    );

    ctx.step('The station sends an Authorize whose idToken carries customData');
    await station.untyped.call(
      'Authorize',
      { idToken: { ...idTokenOf(config.ids.validIdToken), customData } },
      { requirement: 'OCPPJ20-4.2.1' },
    );

    ctx.step('The station starts and ends a transaction with customData in the request and in transactionInfo');
    const transactionId = ctx.ids.next().slice(0, 36);
    const event = (eventType: 'Started' | 'Ended', seqNo: number) =>
      station.untyped.call(
        'TransactionEvent',
        {
          eventType,
          timestamp: ctx.nowIso(),
          triggerReason: eventType === 'Started' ? 'CablePluggedIn' : 'EVCommunicationLost',
          seqNo,
          transactionInfo: {
            transactionId,
            chargingState: eventType === 'Started' ? 'EVConnected' : 'Idle',
            ...(eventType === 'Ended' ? { stoppedReason: 'EVDisconnected' } : {}),
            customData,
          },
          evse: { id: config.ids.evseId, connectorId: config.ids.connectorId },
          customData,
        },
        { requirement: 'OCPPJ20-4.2.1' },
      );
    await event('Started', 0);
    await event('Ended', 1);
    await station.call('StatusNotification', {
      timestamp: ctx.nowIso(),
      connectorStatus: 'Available',
      evseId: config.ids.evseId,
      connectorId: config.ids.connectorId,
    });
  },
);
