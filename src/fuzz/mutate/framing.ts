/*
 * Malformed frames around a valid call (SEC-RPC-01/02): wrong arity, a payload that is not
 * an object, trailing garbage, truncation and text that is not JSON at all.
 */
import { type FrameFamily, q } from './builder.js';

/** arity: elements missing from, or added to, the call array. */
export const arity: FrameFamily = (b) => {
  const { type, action, payloadText } = b;
  for (const [name, build, note] of [
    ['missing-payload', (id: string) => `[${type},${q(id)},${q(action)}]`, 'the payload element is missing'],
    ['missing-action', (id: string) => `[${type},${q(id)}]`, 'only type and id'],
    ['type-only', () => `[${type}]`, 'only the message type'],
    ['empty-array', () => '[]', 'an empty array'],
    ['extra-element', (id: string) => `[${type},${q(id)},${q(action)},${payloadText},"extra"]`, 'a fifth element'],
  ] as const) {
    const id = b.newId();
    b.frameMutation('arity', 'framing', 'SEC-RPC-02', name, `wrong arity: ${note}`, build(id), { messageId: id });
  }
};

/** payload-not-object: the payload element is another JSON type. */
export const payloadNotObject: FrameFamily = (b) => {
  for (const [name, text] of [
    ['array', '[]'],
    ['string', '"payload"'],
    ['null', 'null'],
    ['number', '42'],
    ['boolean', 'true'],
  ] as const) {
    const id = b.newId();
    b.frameMutation(
      'payload-not-object',
      'framing',
      'SEC-RPC-02',
      name,
      `payload is ${name}, not an object`,
      `[${b.type},${q(id)},${q(b.action)},${text}]`,
      { messageId: id },
    );
  }
};

/** trailing-garbage: text after a complete frame, including a second frame in the same message. */
export const trailingGarbage: FrameFamily = (b) => {
  for (const [name, suffix] of [
    ['text', 'xyz'],
    ['bracket', ']'],
    ['second-frame', ''],
    ['comma', ',{}'],
  ] as const) {
    const id = b.newId();
    const frame = b.base(id);
    b.frameMutation(
      'trailing-garbage',
      'framing',
      'SEC-RPC-01',
      name,
      `trailing garbage after the frame (${name})`,
      frame + (name === 'second-frame' ? frame : suffix),
      { messageId: id },
    );
  }
};

/** truncated: the frame cut short. Any strict prefix of a JSON array is unterminated, so every cut point is malformed. */
export const truncated: FrameFamily = (b) => {
  const id = b.newId();
  const frame = b.base(id);
  b.frameMutation('truncated', 'framing', 'SEC-RPC-01', 'last-char', 'the closing bracket is missing', frame.slice(0, -1), {
    messageId: id,
  });
  const id2 = b.newId();
  const frame2 = b.base(id2);
  b.frameMutation(
    'truncated',
    'framing',
    'SEC-RPC-01',
    'random-cut',
    'the frame is cut off mid-way',
    frame2.slice(0, b.rng.int(1, frame2.length - 1)),
  );
};

/** non-json: text that is not a JSON array frame. */
export const nonJson: FrameFamily = (b) => {
  const { type, action, payloadText } = b;
  const id = b.newId();
  for (const [name, text, note] of [
    ['empty', '', 'an empty message'],
    ['text', 'hello', 'plain text'],
    ['single-quotes', `[${type},'${id}','${action}',{}]`, 'single-quoted strings'],
    ['object', `{"messageTypeId":${type},"messageId":${q(id)}}`, 'a JSON object, not an array'],
    ['scalar', String(type), 'a JSON scalar'],
    ['null', 'null', 'JSON null'],
    ['bom', `\ufeff${b.base(id)}`, 'a byte-order mark before the frame'],
    ['raw-control', `[${type},"${id}\u0001",${q(action)},${payloadText}]`, 'an unescaped control character in a string'],
    ['bad-escape', `[${type},"\\x41${id}",${q(action)},${payloadText}]`, 'an invalid \\x escape'],
    ['nan-token', `[${type},${q(id)},${q(action)},{"value":NaN}]`, 'a bare NaN token'],
    ['comment', `${b.base(id)}//`, 'a trailing comment'],
  ] as const) {
    b.frameMutation('non-json', 'framing', 'SEC-RPC-01', name, `not JSON: ${note}`, text);
  }
};
