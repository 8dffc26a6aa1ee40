import { CaseFailure, check, defineCase } from '../../../src/dsl.js';
import { checkListVersion, expectSendLocalList, operatorSends, validToken } from '../../../src/kit/index.js';

type ListReq = {
  updateType: string;
  versionNumber: number;
  localAuthorizationList?: { idToken: { idToken: string }; idTokenInfo?: unknown }[];
};

export default defineCase(
  {
    id: 'TC_N_46_CSMS',
    title: 'Clear Customer Information - Update Local Authorization List',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'N',
    profiles: ['Local Authorization List Management'],
    features: ['LocalAuthListManagement'],
    requirements: ['N10.FR.01', 'N10.FR.08', 'D01.FR.17', 'D01.FR.18'],
    purpose:
      "When the operator erases a customer's data by idToken and that token is on the station's local authorization list, the CSMS also takes it off the list: a Differential update with the token and no idTokenInfo (or a Full list without it), at a new version.",
    fault: 'customerinfo-clear-list-keeps-info',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const token = validToken(config);
    await ctx.given('Booted');

    ctx.step(`Preparation: the operator makes the CSMS put ${token.idToken} on the station's local list (Full update)`);
    await ctx.manual(
      'csmsSend',
      { message: 'SendLocalList', stationId: config.stationId, updateType: 'Full', idTokens: [token] },
      `Make the CSMS send station ${config.stationId} a Full local authorization list that holds idToken ${token.idToken}`,
    );
    const { req: setup } = await expectSendLocalList(ctx, 0, 'D01.FR.01');
    const held = setup.payload as ListReq;
    if (!(held.localAuthorizationList ?? []).some((e) => e.idToken?.idToken === token.idToken))
      ctx.inconclusive(`precondition not reached: the local list the CSMS sent does not hold ${token.idToken}`);
    await station.untyped.reply(setup, { status: 'Accepted' });
    const version = held.versionNumber;

    ctx.step(`The operator makes the CSMS erase and report the customer data of ${token.idToken}`);
    const req = await operatorSends(
      ctx,
      'CustomerInformation',
      { report: true, clear: true, idToken: token },
      `Make the CSMS clear and report the customer information of idToken ${token.idToken}`,
      'N10.FR.01',
    );
    check(req.payload.clear === true, 'N10.FR.01', 'clear true', `clear ${req.payload.clear}`);
    check(req.payload.idToken?.idToken === token.idToken, 'N10.FR.08', `idToken ${token.idToken}`, JSON.stringify(req.payload.idToken));
    await station.reply(req, { status: 'Accepted' });
    await station.call(
      'NotifyCustomerInformation',
      {
        data: `idToken ${token.idToken}: no stored sessions`,
        seqNo: 0,
        tbc: false,
        generatedAt: ctx.nowIso(),
        requestId: req.payload.requestId,
      },
      { requirement: 'N10.FR.01' },
    );

    // The CSMS may update the list on its own or when the operator asks: both are accepted.
    ctx.step('The CSMS takes the token off the local list, on its own or at the operator request');
    let found: Awaited<ReturnType<typeof expectSendLocalList>> | undefined;
    try {
      found = await expectSendLocalList(ctx, version, 'D01.FR.17', ctx.waits.twoMessages);
    } catch (e) {
      // Only "nothing came yet" leads to the operator; a bad SendLocalList stays the failure it is.
      if (!(e instanceof CaseFailure) || station.receivedCalls('SendLocalList').some((c) => c.at > req.at)) throw e;
    }
    if (!found) {
      await ctx.manual(
        'csmsSend',
        { message: 'SendLocalList', stationId: config.stationId, updateType: 'Differential', idTokens: [token], remove: true },
        `Make the CSMS send station ${config.stationId} a Differential local list update that removes idToken ${token.idToken}`,
      );
      found = await expectSendLocalList(ctx, version, 'D01.FR.17');
    }
    const { req: update, told } = found;
    const p = update.payload as ListReq;
    checkListVersion(p, told ?? version, 'D01.FR.18');
    const list = p.localAuthorizationList ?? [];
    // Errata 2024-11 of TC_N_46 accepts either form of removal.
    if (p.updateType === 'Full')
      check(
        !list.some((e) => e.idToken?.idToken === token.idToken),
        'D01.FR.17',
        `a Full list without ${token.idToken}`,
        'the token is still on it',
      );
    else {
      const entry = list.find((e) => e.idToken?.idToken === token.idToken);
      check(
        entry !== undefined,
        'D01.FR.17',
        `an entry for ${token.idToken}`,
        `entries ${list.map((e) => e.idToken?.idToken).join(', ') || 'none'}`,
      );
      check(
        entry?.idTokenInfo === undefined,
        'D01.FR.17',
        'the entry without idTokenInfo (a removal)',
        'idTokenInfo present: the token stays on the list',
      );
    }
    await station.untyped.reply(update, { status: 'Accepted' });
  },
);
