import type { Payload } from '../../../rpc.js';
import { AFTER_REPLY_MS, type ChargePoint16, type Connector } from '../charge-point.js';
import { jammedUnlock } from './connector-faults.js';
import { holds } from './reservation.js';
import { authorizeFor, authorizeIdTag, startTx, stopTx } from './transactions.js';
import { keepRemoteStartProfile, remoteStartProfileRefused } from './smart-charging.js';

/**
 * Central-system commands of the 1.6 reference charge point (sections RemoteActions and Unlock):
 * RemoteStartTransaction, RemoteStopTransaction, UnlockConnector and ChangeAvailability.
 */

export function onRemoteStart(cp: ChargePoint16, p: Payload): Payload {
  if (cp.bootState !== 'accepted') return { status: 'Rejected' };
  const idTag = String(p.idTag);
  let c: Connector | undefined;
  const any = p.connectorId === undefined || (p.connectorId === 0 && cp.faults.has('remote-start-connector-zero-accepted'));
  // connectorId 0 is no connector (OCPP 1.6 §5.11: connectorId > 0): cp.connector(0) is undefined, so Rejected.
  if (any) c = cp.connectors.find((x) => x.operative && !x.tx && !x.starting);
  else c = cp.connector(p.connectorId);
  if (!c || c.tx || c.starting) return { status: 'Rejected' };
  // A connector reserved for another idTag cannot be started remotely for this one.
  const held = cp.reservationOn(c);
  if (held && !holds(cp, held, idTag)) return { status: 'Rejected' };
  if (!c.operative && !cp.faults.has('remote-start-inoperative-accepted')) return { status: 'Rejected' };
  if (!c.operative) return { status: 'Accepted' };
  // A charging profile sent along must be a TxProfile without transactionId (§5.11).
  if (remoteStartProfileRefused(cp, p)) return { status: 'Rejected' };
  keepRemoteStartProfile(cp, c, p);
  const target = c;
  cp.later(AFTER_REPLY_MS, () => void remoteStart(cp, target, idTag));
  return { status: 'Accepted' };
}

async function remoteStart(cp: ChargePoint16, c: Connector, idTag: string): Promise<void> {
  // AuthorizeRemoteTxRequests: authorized like a local start (local list and cache included).
  if (cp.cfg.bool('AuthorizeRemoteTxRequests')) {
    const { accepted } = await authorizeIdTag(cp, idTag);
    if (!accepted && !cp.faults.has('remote-authorize-status-ignored')) {
      cp.setStatus(c, cp.restingStatus(c));
      return;
    }
  }
  if (c.tx || c.starting) return;
  if (c.plugged) {
    if (cp.faults.has('remote-start-plugged-no-tx')) return;
    await startTx(cp, c, idTag);
  } else {
    authorizeFor(cp, c, idTag, true);
  }
}

export function onRemoteStop(cp: ChargePoint16, p: Payload): Payload {
  if (cp.bootState !== 'accepted') return { status: 'Rejected' };
  const c = cp.connectors.find((x) => x.tx?.transactionId === p.transactionId);
  if (!c) return { status: cp.faults.has('remote-stop-unknown-accepted') ? 'Accepted' : 'Rejected' };
  if (!cp.faults.has('remote-stop-ignored')) cp.later(AFTER_REPLY_MS, () => void stopTx(cp, c, 'Remote'));
  return { status: 'Accepted' };
}

export function onUnlock(cp: ChargePoint16, p: Payload): Payload {
  const c = cp.connector(p.connectorId);
  if (!c && cp.faults.has('unlock-unknown-connector-unlocked')) return { status: 'Unlocked' };
  if (!c || cp.faults.has('unlock-not-supported')) return { status: 'NotSupported' };
  if (c.unlockJammed) return jammedUnlock(cp, c);
  if (c.tx && !cp.faults.has('unlock-tx-not-stopped')) {
    // The transaction is stopped first, then the connector unlocks.
    cp.later(AFTER_REPLY_MS, () => void stopTx(cp, c, 'UnlockCommand'));
  }
  return { status: 'Unlocked' };
}

export function onChangeAvailability(cp: ChargePoint16, p: Payload): Payload {
  const id = p.connectorId as number;
  const targets = id === 0 ? cp.connectors : [cp.connector(id)].filter((c): c is Connector => !!c);
  if (!targets.length) return { status: 'Rejected' };
  const operative = p.type === 'Operative';
  let scheduled = false;
  const changed: Connector[] = [];
  for (const c of targets) {
    if (!operative && c.tx) {
      c.scheduledInoperative = true;
      scheduled = true;
      continue;
    }
    c.scheduledInoperative = false;
    if (c.operative !== operative) {
      c.operative = operative;
      changed.push(c);
    }
  }
  cp.later(AFTER_REPLY_MS, () => {
    if (id === 0) void cp.sendStatus(0);
    for (const c of changed) cp.setStatus(c, cp.restingStatus(c));
  });
  return { status: scheduled ? 'Scheduled' : 'Accepted' };
}
