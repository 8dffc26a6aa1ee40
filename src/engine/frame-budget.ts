import { createHash, type Hash } from 'node:crypto';
import type { Limits } from '../core/config.js';
import type { WireDirection } from './events.js';

export type Admission = 'record' | 'first-over' | 'over';

/**
 * How many frames of one case the log records. A flood beyond the cap is not recorded frame by
 * frame (that took a flood of 200,000 CALLs to 836 MB); the log keeps the count per direction,
 * the total size and a SHA-256 over the texts in order, and says so. Once the cap is reached
 * every later frame of the case is counted, so the recorded frames stay a prefix of the traffic.
 */
export class FrameBudget {
  private frames = 0;
  private bytes = 0;
  private readonly over = { frames: 0, in: 0, out: 0, bytes: 0 };
  private digest: Hash | undefined;

  constructor(private readonly limits: Pick<Limits, 'maxFramesPerCase' | 'maxRecordedBytesPerCase' | 'maxRecordedFrameBytes'>) {}

  admit(dir: WireDirection, text: string): Admission {
    const size = Buffer.byteLength(text, 'utf8');
    const recordedSize = Math.min(size, this.limits.maxRecordedFrameBytes);
    if (
      this.over.frames === 0 &&
      this.frames < this.limits.maxFramesPerCase &&
      this.bytes + recordedSize <= this.limits.maxRecordedBytesPerCase
    ) {
      this.frames += 1;
      this.bytes += recordedSize;
      return 'record';
    }
    this.over.frames += 1;
    this.over[dir] += 1;
    this.over.bytes += size;
    this.digest ??= createHash('sha256');
    this.digest.update(text, 'utf8').update('\n');
    return this.over.frames === 1 ? 'first-over' : 'over';
  }

  /** The note written when the first frame is not recorded. */
  capNote(): string {
    const which =
      this.frames >= this.limits.maxFramesPerCase
        ? `${this.limits.maxFramesPerCase} frames`
        : `${this.limits.maxRecordedBytesPerCase} bytes`;
    return `frame recording cap of ${which} reached: further frames of this case are counted, not recorded (limits in the config)`;
  }

  /** The closing note, when frames went unrecorded. */
  summary(): string | undefined {
    if (this.over.frames === 0 || !this.digest) return undefined;
    const { frames, bytes } = this.over;
    return `${frames} frames not recorded (${this.over.in} in, ${this.over.out} out, ${bytes} bytes, SHA-256 ${this.digest.digest('hex')} over their texts in order, each followed by a newline)`;
  }
}
