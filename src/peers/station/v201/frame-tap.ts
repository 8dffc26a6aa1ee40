/**
 * The frame tap moved to src/peers/shared/frame-tap.ts. This re-export keeps the 2.0.1 reference
 * CSMS compiling until its own split imports the shared module; then this file goes.
 */
export { FrameTap, type TappedFrame } from '../../shared/frame-tap.js';
