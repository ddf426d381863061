// Runs in the AudioWorkletGlobalScope: takes the microphone at the context's rate (often 48 kHz), low-passes and
// resamples it to 16 kHz, and posts 20 ms frames of PCM16 with their level to the page.

declare const sampleRate: number;
declare function registerProcessor(name: string, processor: unknown): void;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
}

const TARGET_RATE = 16000;
const FRAME_SAMPLES = 320;

class CaptureProcessor extends AudioWorkletProcessor {
  private readonly step = sampleRate / TARGET_RATE;
  private position = 0;
  private previous = 0;
  private smoothed = 0;
  private readonly alpha: number;
  private frame = new Int16Array(FRAME_SAMPLES);
  private filled = 0;
  private energy = 0;

  constructor() {
    super();
    // One-pole low-pass near 7 kHz, enough against aliasing for speech recognition at 16 kHz.
    const cutoff = 7000;
    const dt = 1 / sampleRate;
    const rc = 1 / (2 * Math.PI * cutoff);
    this.alpha = dt / (rc + dt);
  }

  process(inputs: Float32Array[][]): boolean {
    const channel = inputs[0]?.[0];
    if (!channel) {
      return true;
    }
    for (let i = 0; i < channel.length; i++) {
      const current = this.smoothed + this.alpha * (channel[i] - this.smoothed);
      // Linear interpolation between the previous and this (filtered) input sample.
      while (this.position <= 1) {
        const value = this.previous + (current - this.previous) * this.position;
        this.push(value);
        this.position += this.step;
      }
      this.position -= 1;
      this.previous = current;
      this.smoothed = current;
    }
    return true;
  }

  private push(value: number): void {
    const clamped = Math.max(-1, Math.min(1, value));
    this.frame[this.filled++] = clamped < 0 ? clamped * 0x8000 : clamped * 0x7fff;
    this.energy += clamped * clamped;
    if (this.filled === FRAME_SAMPLES) {
      const level = 10 * Math.log10(this.energy / FRAME_SAMPLES + 1e-12);
      this.port.postMessage({ pcm: this.frame.buffer, level }, [this.frame.buffer]);
      this.frame = new Int16Array(FRAME_SAMPLES);
      this.filled = 0;
      this.energy = 0;
    }
  }
}

registerProcessor("capture-16k", CaptureProcessor);
