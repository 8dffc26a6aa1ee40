import type { Ctx201Cs } from './contexts.js';
import { check } from '../engine/checks.js';
import { CaseFailure } from '../core/verdict.js';
import { UploadServer } from '../transport/upload.js';
import { freshRequestId } from './csms201.js';

export { UploadServer } from '../transport/upload.js';

/** Logs: a loopback upload server, and GetLog with its LogStatusNotifications and the uploaded file. */

export type LogFetch = { supported: false; why: string } | { supported: true; text: string; requestId: number };

/** A started loopback upload server whose notes go to the case log (stop it in a finally). */
export async function startUploadServer(ctx: Ctx201Cs): Promise<UploadServer> {
  const upload = new UploadServer({ recorder: { frame: () => undefined, note: (_k, t) => ctx.note(t) } });
  await upload.start();
  return upload;
}

/**
 * Asks the station for a log with GetLog and receives it on `upload`: GetLog Accepted, then
 * LogStatusNotification Uploading and Uploaded carrying the requestId, and the file itself.
 * NotSupported/NotImplemented/Rejected mean "not observable here".
 */
export async function fetchLog(
  ctx: Ctx201Cs,
  upload: UploadServer,
  logType: 'SecurityLog' | 'DiagnosticsLog',
  requirement: string,
): Promise<LogFetch> {
  const { csms } = ctx;
  csms.respondTo('LogStatusNotification', {});
  const requestId = freshRequestId();
  const path = `/logs/${logType}-${requestId}.log`;
  const res = await csms.callMayError('GetLog', { logType, requestId, log: { remoteLocation: upload.url(path) } }, { requirement });
  if (res.kind === 'error') {
    if (['NotSupported', 'NotImplemented'].includes(res.errorCode))
      return { supported: false, why: `GetLog answered with CALLERROR ${res.errorCode}` };
    throw new CaseFailure(
      requirement,
      ['GetLog answered with a CALLRESULT (or NotSupported)'],
      `CALLERROR ${res.errorCode} "${res.errorDescription}"`,
    );
  }
  if (res.payload.status === 'Rejected') return { supported: false, why: 'GetLog was Rejected' };
  ctx.expectOneOf(res.payload.status, ['Accepted', 'AcceptedCanceled'], requirement, 'GetLog status');
  const within = ctx.waits.twoMessages;
  const uploading = await csms.expectCall('LogStatusNotification', {
    where: (p) => p.status === 'Uploading',
    whereText: 'status Uploading',
    within,
    requirement,
  });
  check(
    uploading.payload.requestId === requestId,
    requirement,
    `LogStatusNotification Uploading with requestId ${requestId}`,
    uploading.payload,
  );
  const done = await csms.expectCall('LogStatusNotification', {
    where: (p) => p.status !== 'Uploading' && p.status !== 'Idle',
    whereText: 'the upload outcome (Uploaded)',
    after: uploading,
    within,
    requirement,
  });
  check(
    done.payload.status === 'Uploaded' && done.payload.requestId === requestId,
    requirement,
    `LogStatusNotification Uploaded with requestId ${requestId}`,
    done.payload,
  );
  const file = await upload.waitFor(
    (r) => (r.method === 'PUT' || r.method === 'POST') && r.path.startsWith(path.slice(0, path.lastIndexOf('.'))),
    within,
    ctx.abort,
  );
  check(
    file !== undefined,
    requirement,
    `the ${logType} uploaded to ${upload.url(path)}`,
    `nothing uploaded there (${upload.records.length} requests seen)`,
  );
  return { supported: true, text: file.body.toString('utf8'), requestId };
}
