import { uploadToLoopback } from '../../../../transport/loopback.js';
import type { Payload } from '../../../rpc.js';
import { formatSecurityLog } from '../../../shared/security-log.js';
import type { StationState } from '../state.js';

/**
 * Block N (diagnostics): GetLog, the security or diagnostics log PUT to the remote location
 * (loopback http only), reported Uploading then Uploaded or UploadFailure (N01.FR.08-10), every
 * notification with the request's requestId (N01.FR.07). A request while an upload is still
 * running cancels it: AcceptedCanceled, and the canceled one is reported AcceptedCanceled (N01.FR.12/20).
 */

interface LogUpload {
  requestId: number;
  canceled: boolean;
}

/** The upload in progress per station (only this block reads it). */
const ongoing = new WeakMap<StationState, LogUpload>();

export function getLog(st: StationState, p: Payload): Payload {
  const requestId = p.requestId as number;
  const logType = p.logType as string;
  const log = p.log as { remoteLocation: string; oldestTimestamp?: string; latestTimestamp?: string };
  const text =
    logType === 'SecurityLog'
      ? formatSecurityLog(st.securityLog.all(), log.oldestTimestamp, log.latestTimestamp)
      : `${st.diagnostics.all().join('\n')}\nboot reason ${st.bootReason}; registration ${st.bootState}\n`;
  const filename = `${logType === 'SecurityLog' ? 'security' : 'diagnostics'}-${requestId}.log`;
  const previous = ongoing.get(st);
  if (previous) previous.canceled = true;
  const upload: LogUpload = { requestId, canceled: false };
  ongoing.set(st, upload);
  st.later(0, () => void run(st, upload, previous, log.remoteLocation, text));
  return { status: previous ? 'AcceptedCanceled' : 'Accepted', filename };
}

async function run(st: StationState, upload: LogUpload, canceled: LogUpload | undefined, location: string, text: string): Promise<void> {
  const { requestId } = upload;
  if (canceled && !st.faults.has('log-cancel-not-notified'))
    await st.send('LogStatusNotification', { status: 'AcceptedCanceled', requestId: canceled.requestId });
  if (!st.faults.has('log-upload-skips-uploading')) await st.send('LogStatusNotification', { status: 'Uploading', requestId });
  const ok = st.faults.has('log-upload-not-sent') ? true : await uploadToLoopback(location, text, st.o.config.timeouts.messageMs);
  // A canceled upload reports nothing more: its AcceptedCanceled was its last word.
  if (upload.canceled) return;
  if (ongoing.get(st) === upload) ongoing.delete(st);
  const status = ok || st.faults.has('log-failure-reported-uploaded') ? 'Uploaded' : 'UploadFailure';
  await st.send('LogStatusNotification', { status, requestId });
}
