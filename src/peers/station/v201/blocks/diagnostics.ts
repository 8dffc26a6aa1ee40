import { uploadToLoopback } from '../../../../transport/loopback.js';
import type { Payload } from '../../../rpc.js';
import { formatSecurityLog } from '../../../shared/security-log.js';
import type { StationState } from '../state.js';

/** Block N (diagnostics): GetLog, the security or diagnostics log PUT to the remote location (loopback http only). */

export function getLog(st: StationState, p: Payload): Payload {
  const requestId = p.requestId as number;
  const logType = p.logType as string;
  const log = p.log as { remoteLocation: string; oldestTimestamp?: string; latestTimestamp?: string };
  const text =
    logType === 'SecurityLog'
      ? formatSecurityLog(st.securityLog.all(), log.oldestTimestamp, log.latestTimestamp)
      : `${st.diagnostics.all().join('\n')}\nboot reason ${st.bootReason}; registration ${st.bootState}\n`;
  const filename = `${logType === 'SecurityLog' ? 'security' : 'diagnostics'}-${requestId}.log`;
  st.later(0, () =>
    st.serialize(async () => {
      await st.send('LogStatusNotification', { status: 'Uploading', requestId });
      const ok = await uploadToLoopback(log.remoteLocation, text, st.o.config.timeouts.messageMs);
      await st.send('LogStatusNotification', { status: ok ? 'Uploaded' : 'UploadFailure', requestId });
    }),
  );
  return { status: 'Accepted', filename };
}
