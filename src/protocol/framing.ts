/**
 * OCPP-J framing: CALL [2], CALLRESULT [3], CALLERROR [4], and 2.1's CALLRESULTERROR [5] and SEND [6].
 * parseFrame never throws: anything the peer sends becomes either a typed frame or a described
 * malformation, so the case decides what a malformation means.
 */
export const MessageType = {
  CALL: 2,
  CALLRESULT: 3,
  CALLERROR: 4,
  CALLRESULTERROR: 5,
  SEND: 6,
} as const;

export interface CallFrame {
  kind: 'call';
  messageId: string;
  action: string;
  payload: unknown;
}
export interface CallResultFrame {
  kind: 'result';
  messageId: string;
  payload: unknown;
}
export interface CallErrorFrame {
  kind: 'error';
  /** CALLERROR [4] or 2.1's CALLRESULTERROR [5]. */
  messageType: 4 | 5;
  messageId: string;
  errorCode: string;
  errorDescription: string;
  errorDetails: unknown;
  /**
   * What is wrong with an otherwise readable CALLERROR (errorDetails not an object, a description
   * that is not a string): it still answers its CALL, and the one reading it notes the deviation.
   */
  problem?: string;
}
export interface SendFrame {
  kind: 'send';
  messageId: string;
  action: string;
  payload: unknown;
}
export interface MalformedFrame {
  kind: 'malformed';
  /** Why the text is not a valid OCPP-J frame, in plain words. */
  problem: string;
  /** The message id, when one could be read (so a CALLERROR can still be correlated). */
  messageId?: string;
}
export type Frame = CallFrame | CallResultFrame | CallErrorFrame | SendFrame | MalformedFrame;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseFrame(text: string): Frame {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { kind: 'malformed', problem: `not JSON: ${(err as Error).message}` };
  }
  if (!Array.isArray(value)) return { kind: 'malformed', problem: 'not a JSON array' };
  const [type, messageId] = value;
  const idOk = typeof messageId === 'string' && messageId.length > 0 && messageId.length <= 36;
  // Only a valid id is reported: an answer to a frame with an invalid id uses "-1".
  const id = idOk ? (messageId as string) : undefined;
  const bad = (problem: string): MalformedFrame => ({ kind: 'malformed', problem, messageId: id });
  if (typeof type !== 'number') return bad('message type is not a number');
  if (!Number.isInteger(type)) return bad(`message type ${type} is not an integer`);
  if (!idOk) return bad('message id is not a string of 1 to 36 characters');
  switch (type) {
    case MessageType.CALL:
    case MessageType.SEND: {
      if (value.length !== 4) return bad(`a ${type === 2 ? 'CALL' : 'SEND'} has 4 elements, this has ${value.length}`);
      const [, , action, payload] = value;
      if (typeof action !== 'string' || action.length === 0) return bad('action is not a non-empty string');
      if (!isObject(payload)) return bad('payload is not a JSON object');
      return { kind: type === 2 ? 'call' : 'send', messageId: messageId as string, action, payload };
    }
    case MessageType.CALLRESULT: {
      if (value.length !== 3) return bad(`a CALLRESULT has 3 elements, this has ${value.length}`);
      if (!isObject(value[2])) return bad('payload is not a JSON object');
      return { kind: 'result', messageId: messageId as string, payload: value[2] };
    }
    case MessageType.CALLERROR:
    case MessageType.CALLRESULTERROR: {
      // Four elements (errorDetails left out) still answer the CALL; the missing object is noted below.
      if (value.length !== 5 && value.length !== 4) return bad(`a CALLERROR has 5 elements, this has ${value.length}`);
      const [, , errorCode, errorDescription, errorDetails] = value;
      if (typeof errorCode !== 'string') return bad('errorCode is not a string');
      // OCPP-J: errorDescription is a string and errorDetails an object ({} when empty); a CALLERROR
      // that breaks only that is still the answer to its CALL, never "no answer" (issue 9, class 15).
      const problems = [
        ...(typeof errorDescription === 'string' ? [] : [`errorDescription is ${JSON.stringify(errorDescription)}, not a string`]),
        ...(isObject(errorDetails)
          ? []
          : [value.length === 4 ? 'errorDetails is missing' : `errorDetails is ${JSON.stringify(errorDetails)}, not a JSON object`]),
      ];
      return {
        kind: 'error',
        messageType: type,
        messageId: messageId as string,
        errorCode,
        errorDescription: typeof errorDescription === 'string' ? errorDescription : String(JSON.stringify(errorDescription)),
        errorDetails,
        ...(problems.length ? { problem: problems.join('; ') } : {}),
      };
    }
    default:
      return bad(`unknown message type ${type}`);
  }
}

export function serializeCall(messageId: string, action: string, payload: unknown): string {
  return JSON.stringify([MessageType.CALL, messageId, action, payload]);
}
export function serializeResult(messageId: string, payload: unknown): string {
  return JSON.stringify([MessageType.CALLRESULT, messageId, payload]);
}
export function serializeError(messageId: string, errorCode: string, errorDescription = '', errorDetails: unknown = {}): string {
  return JSON.stringify([MessageType.CALLERROR, messageId, errorCode, errorDescription, errorDetails]);
}

/** 2.1 CALLRESULTERROR [5]: the receiver of a CALLRESULT reports an error in it (no answer follows). */
export function serializeResultError(messageId: string, errorCode: string, errorDescription = '', errorDetails: unknown = {}): string {
  return JSON.stringify([MessageType.CALLRESULTERROR, messageId, errorCode, errorDescription, errorDetails]);
}
/** 2.1 SEND [6]: an unconfirmed message; the receiver never answers it, not even with an error. */
export function serializeSend(messageId: string, action: string, payload: unknown): string {
  return JSON.stringify([MessageType.SEND, messageId, action, payload]);
}

/** A one-line summary of a frame for logs and reports. */
export function describeFrame(frame: Frame): string {
  switch (frame.kind) {
    case 'call':
      return `CALL ${frame.action} (${frame.messageId})`;
    case 'send':
      return `SEND ${frame.action} (${frame.messageId})`;
    case 'result':
      return `CALLRESULT (${frame.messageId})`;
    case 'error':
      return `${frame.messageType === 5 ? 'CALLRESULTERROR' : 'CALLERROR'} ${frame.errorCode} (${frame.messageId})${frame.problem ? ` [${frame.problem}]` : ''}`;
    case 'malformed':
      return `malformed frame: ${frame.problem}`;
  }
}
