/*
 * Abuse of the frame's header fields around a valid payload: the action name (SEC-RPC-05),
 * the message type id (RPC-02/03), the message id (RPC-04), a replayed id (RPC-08) and
 * responses to calls never sent (RPC-09).
 */
import { type FrameFamily, ID_ALPHABET, q } from './builder.js';

/** action-name: unknown / wrong-case action (case-sensitive; NotImplemented). */
export const actionName: FrameFamily = (b) => {
  const { action, send } = b;
  for (const [name, a] of [
    ['wrong-case', action.toLowerCase() === action ? action.toUpperCase() : action.toLowerCase()],
    ['unknown', 'FuzzUnknownAction'],
    ['trailing-space', `${action} `],
  ] as const) {
    const id = b.newId();
    b.add({
      id: `${action}/action-name/${name}`,
      mutator: 'action-name',
      category: 'action',
      ruleId: 'SEC-RPC-05',
      action,
      description: `action sent as ${JSON.stringify(a)}`,
      frame: JSON.stringify([b.type, id, a, b.validPayload]),
      messageId: id,
      violation: 'action',
      expectation: send ? 'no-response' : 'callerror',
      silenceAllowed: send,
    });
  }
};

/** message-type: type ids no version has, ids of the wrong JSON type, and 2.1-only types before 2.1. */
export const messageType: FrameFamily = (b) => {
  const { action, payloadText } = b;
  for (const [name, tid] of [
    ['0', '0'],
    ['1', '1'],
    ['7', '7'],
    ['99', '99'],
    ['-1', '-1'],
    ['float', '2.5'],
    ['string', '"2"'],
  ] as const) {
    const id = b.newId();
    const rule = name === 'float' || name === 'string' ? 'SEC-RPC-02' : 'SEC-RPC-03';
    b.frameMutation('message-type', 'message-type', rule, name, `message type id ${tid}`, `[${tid},${q(id)},${q(action)},${payloadText}]`, {
      messageId: id,
    });
  }
  if (b.version !== '2.1') {
    // Well-formed 2.1 frame types sent to a 1.6/2.0.1 peer: the version has no such type.
    const id6 = b.newId();
    b.frameMutation(
      'message-type',
      'message-type',
      'SEC-RPC-03',
      'send-6',
      'a 2.1 SEND [6] on a pre-2.1 connection',
      `[6,${q(id6)},${q(action)},${payloadText}]`,
      {
        violation: 'message-type',
        messageId: id6,
      },
    );
    const id5 = b.newId();
    b.frameMutation(
      'message-type',
      'message-type',
      'SEC-RPC-03',
      'callresulterror-5',
      'a 2.1 CALLRESULTERROR [5] on a pre-2.1 connection',
      `[5,${q(id5)},"GenericError","",{}]`,
      {
        violation: 'message-type',
        messageId: id5,
      },
    );
  }
};

/** message-id: ids of the wrong JSON type or length; the receiver must answer, not drop the frame. */
export const messageId: FrameFamily = (b) => {
  const huge = b.hugeLength;
  for (const [name, idText, note] of [
    ['number', '12345', 'a number'],
    ['empty', '""', 'an empty string'],
    ['37-chars', q(b.rng.string(37, ID_ALPHABET)), '37 characters (max 36)'],
    ['null', 'null', 'null'],
    ['object', '{}', 'an object'],
    ['huge', q('A'.repeat(huge)), `${huge} characters`],
  ] as const) {
    b.frameMutation(
      'message-id',
      'message-id',
      'SEC-RPC-04',
      name,
      `message id is ${note}`,
      `[${b.type},${idText},${q(b.action)},${b.payloadText}]`,
      { silenceAllowed: false },
    );
  }
};

/** duplicate-id: the same call twice (setup sends the first); the receiver must stay up. */
export const duplicateId: FrameFamily = (b) => {
  const id = b.newId();
  const original = b.base(id);
  b.frameMutation('duplicate-id', 'replay', 'SEC-RPC-08', 'replay', 'the same CALL (same message id) sent twice', original, {
    violation: 'none',
    expectation: b.send ? 'no-response' : 'survive',
    messageId: id,
    setup: [original],
  });
};

/** unsolicited-response: a CALLRESULT / CALLERROR for an id the receiver never sent. */
export const unsolicitedResponse: FrameFamily = (b) => {
  for (const [name, build] of [
    ['callresult', (id: string) => `[3,${q(id)},{}]`],
    ['callerror', (id: string) => `[4,${q(id)},"GenericError","",{}]`],
  ] as const) {
    const id = b.newId();
    b.frameMutation(
      'unsolicited-response',
      'unsolicited',
      'SEC-RPC-09',
      name,
      `an unsolicited ${name.toUpperCase()} for an id never sent`,
      build(id),
      {
        violation: 'none',
        expectation: 'survive',
        messageId: id,
      },
    );
  }
};
