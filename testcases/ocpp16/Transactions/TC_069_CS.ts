import { check, defineCase } from '../../../src/dsl.js';
import { acceptStop, newTransactionId, plugIn, presentIdTag, session16, statusOf } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_069_CS',
    title: 'Stop Transaction - ParentIdTag in StopTransaction matches ParentIdTag in StartTransaction',
    ocpp: '1.6',
    sut: 'cs',
    block: 'Transactions',
    requirements: ['OCPP16-4.10', 'OCPP16-4.1', 'OCPP16-4.8', 'OCPP16-4.9'],
    purpose:
      'A session started by one idTag of a group (parentIdTag) is ended by another idTag of the same group: the charge point authorizes the second idTag, learns its parent, and sends StopTransaction carrying the second idTag.',
    fault: 'stop-by-parent-idtag-ignored',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    const connectorId = config.ids.connectorId;
    const first = config.ids.validIdToken;
    const second = { idToken: `${first.idToken.slice(0, 16)}-G2`, type: first.type };
    const parentIdTag = 'HARNESS-GROUP-01';
    await ctx.given('Booted');
    csms.respondTo('Authorize', { idTagInfo: { status: 'Accepted', parentIdTag } });

    ctx.step(`A session starts with ${first.idToken}, which the harness places in group ${parentIdTag}`);
    await plugIn(ctx);
    await presentIdTag(ctx, first);
    const start = await csms.expectCall('StartTransaction', {
      where: (p) => p.connectorId === connectorId,
      whereText: `connectorId = ${connectorId}`,
      requirement: 'OCPP16-4.8',
    });
    const transactionId = newTransactionId(ctx);
    await csms.reply(start, { transactionId, idTagInfo: { status: 'Accepted', parentIdTag } });
    Object.assign(session16(ctx), { transactionId, idTag: first.idToken });
    await csms.expectCall('StatusNotification', { ...statusOf(connectorId, 'Charging'), requirement: 'OCPP16-4.9' });

    ctx.step(`Another member of the group presents ${second.idToken}: the charge point authorizes it and ends the session`);
    await presentIdTag(ctx, second);
    const stop = await csms.expectCall('StopTransaction', {
      where: (p) => p.transactionId === transactionId,
      whereText: `transactionId = ${transactionId}`,
      requirement: 'OCPP16-4.10',
    });
    check(
      stop.payload.idTag === second.idToken,
      'OCPP16-4.10',
      `StopTransaction.req idTag = ${second.idToken}`,
      `idTag = ${JSON.stringify(stop.payload.idTag)}`,
    );
    await acceptStop(ctx, stop);

    ctx.step('The cable is unplugged');
    await ctx.given('Idle');
  },
);
