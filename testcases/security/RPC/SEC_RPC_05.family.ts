import { defineCase, defineCaseFamily, type CaseContext, untypedContext } from '../../../src/dsl.js';
import { frameProbeRule, type CarriedRequest, type Carrier, type FrameProbe, type Malformation } from '../../../src/kit/index.js';

/**
 * SEC-RPC-05, actions the SUT must not run: an unknown name, known names spelled in another case
 * or with a trailing space, and actions that travel the other way. The probes are the union of
 * the former cases, as the same kinds of request in each version (remote start, remote stop,
 * reset, set and get configuration, unlock; boot, status, heartbeat, transaction start).
 */

const ROWS = [
  {
    id: 'SEC16_RPC_05_CS',
    ocpp: '1.6',
    sut: 'cs',
    title: 'Unknown, wrong-direction and wrong-case actions are refused with NotImplemented / NotSupported',
    severity: 'medium',
    cwe: 'CWE-20',
    purpose:
      'The harness calls an action 1.6 does not have, four actions only a charge point sends (BootNotification, StartTransaction, StatusNotification, Heartbeat), and ChangeConfiguration to a marker value spelled in lower case, upper case, camel case or with a trailing space. The charge point answers NotImplemented (unknown name) or NotSupported (known but not its to receive), never a CALLRESULT, and the marker value is not stored.',
    hint: 'Look action names up case-sensitively and only among the actions the charge point receives; answer NotImplemented for unknown names and NotSupported for known ones it does not handle. Never route a central-system-bound action (BootNotification, StartTransaction ...) into local logic.',
    fault: 'cp-action-case-insensitive',
    requirements: ['OCPPJ16-4.2.3', 'OCPPJ16-4.2.1'],
    judge: { executed: 'OCPPJ16-4.2.3', session: 'OCPPJ16-4.2.3', code: 'OCPPJ16-4.2.3', effect: 'OCPPJ16-4.2.1' },
  },
  {
    id: 'SEC16_RPC_05_CSMS',
    ocpp: '1.6',
    sut: 'csms',
    title: 'Unknown, wrong-direction and wrong-case actions are refused with NotImplemented / NotSupported',
    severity: 'high',
    cwe: 'CWE-749',
    purpose:
      'The harness charge point calls an action 1.6 does not have, six actions only a central system sends (RemoteStartTransaction, RemoteStopTransaction, Reset, ChangeConfiguration, GetConfiguration, UnlockConnector), and Heartbeat, Authorize and BootNotification spelled in the wrong case or with a trailing space. The central system answers NotImplemented (unknown name) or NotSupported (known, but not one it receives), never a CALLRESULT: a charge point must not be able to trigger central-system commands.',
    hint: 'Route inbound CALLs only to handlers of the actions a central system receives, matched case-sensitively; answer NotImplemented for unknown names and NotSupported for known ones travelling the wrong way. A charge point sending RemoteStartTransaction or Reset is an attack, not a request.',
    fault: 'cs-executes-wrong-direction-remote-start',
    requirements: ['OCPPJ16-4.2.3', 'OCPPJ16-4.2.1'],
    judge: { executed: 'OCPPJ16-4.2.3', session: 'OCPPJ16-4.2.3', code: 'OCPPJ16-4.2.3', effect: 'OCPPJ16-4.2.1' },
  },
  {
    id: 'SEC_RPC_05_CS',
    ocpp: '2.0.1',
    sut: 'cs',
    title: 'Unknown, wrong-direction and wrong-case actions toward the station',
    severity: 'high',
    cwe: 'CWE-20',
    purpose:
      'Only the actions a CSMS may send to a station are served, spelled exactly. An unknown action, actions the CSMS never sends (BootNotification, StatusNotification, Heartbeat, TransactionEvent) and Reset spelled in another case or with a trailing space are answered NotImplemented or NotSupported and have no effect.',
    hint: 'Match action names case-sensitively against the CSMS-to-station list; answer NotImplemented for unknown names and NotSupported for known ones the station does not serve, without executing anything.',
    fault: 'action-name-case-insensitive',
    requirements: ['OCPPJ20-4.1.7', 'OCPPJ20-4.2.3'],
    judge: { executed: 'OCPPJ20-4.1.7', session: 'OCPPJ20-4.1.7', code: 'OCPPJ20-4.2.3', effect: 'OCPPJ20-4.1.7' },
  },
  {
    id: 'SEC_RPC_05_CSMS',
    ocpp: '2.0.1',
    sut: 'csms',
    title: 'Unknown, wrong-direction and wrong-case actions toward the CSMS',
    severity: 'high',
    cwe: 'CWE-749',
    purpose:
      'A station must not be able to run anything but the station-to-CSMS actions: an unknown action and a differently cased known one are answered NotImplemented, and CSMS-to-station actions sent by a station (RequestStartTransaction, RequestStopTransaction, Reset, SetVariables, GetVariables, UnlockConnector) are answered NotSupported or NotImplemented, never executed.',
    hint: 'Route actions through an exact, case-sensitive table of what a station may send; answer NotImplemented for names you do not know and NotSupported for actions that only travel from the CSMS to the station.',
    fault: 'action-case-insensitive',
    requirements: ['OCPPJ20-4.2.3', 'OCPPJ20-4.2.1'],
    judge: { executed: 'OCPPJ20-4.2.3', session: 'OCPPJ20-4.2.1', code: 'OCPPJ20-4.2.3', effect: 'OCPPJ20-4.2.3' },
  },
] as const;

/** Rows of the error-code table: an unknown name (NotImplemented), a known action travelling the wrong way (NotSupported or NotImplemented). */
const UNKNOWN = 'unknown-action';
const WRONG_WAY = 'unsupported-action';

/** Requests of each version by what they do; the SUT receives the ones of the other role. */
function requests(
  ctx: CaseContext,
): Record<'stationSends' | 'csmsSends', CarriedRequest[]> & { authorize: CarriedRequest; boot: CarriedRequest } {
  const { connectorId, evseId, validIdToken } = ctx.config.ids;
  const timestamp = ctx.nowIso();
  if (ctx.ocpp === '1.6') {
    const idTag = validIdToken.idToken;
    const boot = { action: 'BootNotification', payload: { chargePointVendor: 'ocpp-harness', chargePointModel: 'Attacker' } };
    return {
      authorize: { action: 'Authorize', payload: { idTag } },
      boot,
      stationSends: [
        boot,
        { action: 'StartTransaction', payload: { connectorId, idTag, meterStart: 0, timestamp } },
        { action: 'StatusNotification', payload: { connectorId, errorCode: 'NoError', status: 'Faulted', timestamp } },
        { action: 'Heartbeat', payload: {} },
      ],
      csmsSends: [
        { action: 'RemoteStartTransaction', payload: { connectorId, idTag } },
        { action: 'RemoteStopTransaction', payload: { transactionId: 4711 } },
        { action: 'Reset', payload: { type: 'Hard' } },
        { action: 'ChangeConfiguration', payload: { key: 'HeartbeatInterval', value: '1' } },
        { action: 'GetConfiguration', payload: {} },
        { action: 'UnlockConnector', payload: { connectorId } },
      ],
    };
  }
  const idToken = { idToken: validIdToken.idToken, type: validIdToken.type };
  const boot = {
    action: 'BootNotification',
    payload: { reason: 'PowerUp', chargingStation: { model: 'Attacker', vendorName: 'ocpp-harness' } },
  };
  return {
    authorize: { action: 'Authorize', payload: { idToken } },
    boot,
    stationSends: [
      boot,
      {
        action: 'TransactionEvent',
        payload: {
          eventType: 'Started',
          timestamp,
          triggerReason: 'Authorized',
          seqNo: 0,
          transactionInfo: { transactionId: 'sec-rpc-05-tx' },
          evse: { id: evseId, connectorId },
          idToken,
        },
      },
      { action: 'StatusNotification', payload: { timestamp, connectorStatus: 'Faulted', evseId, connectorId } },
      { action: 'Heartbeat', payload: {} },
    ],
    csmsSends: [
      { action: 'RequestStartTransaction', payload: { idToken, remoteStartId: 4711, evseId } },
      { action: 'RequestStopTransaction', payload: { transactionId: 'sec-rpc-05-tx' } },
      { action: 'Reset', payload: { type: 'Immediate' } },
      {
        action: 'SetVariables',
        payload: {
          setVariableData: [{ component: { name: 'SecurityCtrlr' }, variable: { name: 'SecurityProfile' }, attributeValue: '0' }],
        },
      },
      {
        action: 'GetVariables',
        payload: { getVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } }] },
      },
      { action: 'UnlockConnector', payload: { evseId, connectorId } },
    ],
  };
}

const SPELLINGS: Record<string, (action: string) => string> = {
  'lower case': (a) => a.toLowerCase(),
  'upper case': (a) => a.toUpperCase(),
  'camel case': (a) => a[0].toLowerCase() + a.slice(1),
  'a trailing space': (a) => `${a} `,
};

function probes(ctx: CaseContext, carrier: Carrier): FrameProbe[] {
  const r = requests(ctx);
  const call = (label: string, { action, payload }: CarriedRequest, malformation: Malformation): FrameProbe => {
    const id = ctx.ids.next();
    return { label, text: JSON.stringify([2, id, action, payload]), id, malformation };
  };
  // One probe per distinct spelling ("Reset" in camel case is its lower case).
  const spelled = (req: CarriedRequest, ...kinds: string[]) =>
    [...new Map(kinds.map((k) => [SPELLINGS[k](req.action), k])).entries()].map(([action, k]) =>
      call(`${req.action} spelled in ${k} (${JSON.stringify(action)})`, { action, payload: req.payload }, UNKNOWN),
    );
  const cs = ctx.meta.sut === 'cs';
  const wrongWay = (cs ? r.stationSends : r.csmsSends).map((req) => call(`${req.action} (sent the wrong way)`, req, WRONG_WAY));
  const heartbeat = { action: 'Heartbeat', payload: {} };
  const wrongCase = cs
    ? spelled(carrier, ...Object.keys(SPELLINGS))
    : [
        ...spelled(heartbeat, 'lower case', 'upper case', 'a trailing space'),
        ...spelled(r.authorize, 'lower case', 'a trailing space'),
        ...spelled(r.boot, 'camel case'),
      ];
  return [call('an unknown action', { action: 'OcppHarnessNoSuchAction', payload: {} }, UNKNOWN), ...wrongWay, ...wrongCase];
}

export default defineCaseFamily(ROWS, ({ judge, ...row }) =>
  defineCase(
    { ...row, requirements: [...row.requirements], block: 'RPC', suite: 'security', profiles: ['Security'], rule: 'SEC-RPC-05' },
    async (ctx) => {
      await frameProbeRule(ctx, (carrier) => probes(untypedContext(ctx), carrier), {
        ...judge,
        malformation: UNKNOWN,
      });
    },
  ),
);
