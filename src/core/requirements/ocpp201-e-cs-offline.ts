import { defineRequirements } from './sources.js';

const I = 'inferred' as const;

/**
 * OCPP 2.0.1 functional requirements of the station's transaction message delivery (E11-E14),
 * first named by the `_CS` cases of block E part 2. Our words; the meanings come from the use
 * cases and the public requirement lists, not the primary text, so they are marked inferred.
 */
export const OCPP201_E_CS_OFFLINE = defineRequirements('OCPP201', [
  // E11 connection loss during a transaction.
  [
    'E11.FR.01',
    'MUST',
    'Transaction events that happen while the station is offline are kept and delivered once it is connected again, marked offline true.',
    I,
  ],
  ['E11.FR.02', 'MUST', 'Queued transaction events are delivered in the order they happened, with their seqNo unbroken.', I],
  // E12 a transaction that happened offline.
  [
    'E12.FR.01',
    'MUST',
    'A transaction that started while the station was offline is reported once it is back: all its events, Started first, each marked offline true.',
    I,
  ],
  // E13 retrying transaction messages.
  [
    'E13.FR.01',
    'MUST',
    'A TransactionEvent the CSMS answers with a CALLERROR or not within the message timeout is sent again, up to MessageAttempts[TransactionEvent] attempts in all.',
    I,
  ],
  [
    'E13.FR.02',
    'MUST',
    'Before each new attempt the station waits MessageAttemptInterval[TransactionEvent] seconds times the attempts made so far.',
    I,
  ],
  ['E13.FR.03', 'MUST', 'After the last allowed attempt failed, the station drops the message and goes on with the next one.', I],
  // E14 GetTransactionStatus.
  ['E14.FR.01', 'MUST', 'A transactionId the station does not know is not reported as ongoing, and nothing is queued for it.', I],
  [
    'E14.FR.07',
    'MUST',
    'Without a transactionId, the station answers messagesInQueue true while any transaction message waits for delivery.',
    I,
  ],
  ['E14.FR.08', 'MUST', 'Without a transactionId, the station answers messagesInQueue false when no transaction message waits.', I],
]);
