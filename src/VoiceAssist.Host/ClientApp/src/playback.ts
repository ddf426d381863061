// Speech from the server, played through Web Audio as it arrives; stop() silences it at once (barge-in).

export class Playback {
  private sampleRate = 22050;
  private nextTime = 0;
  private readonly sources = new Set<AudioBufferSourceNode>();
  playedSamples = 0;
  stoppedAt: number | null = null;

  constructor(
    private readonly context: AudioContext,
    private readonly onIdle: () => void,
  ) {}

  get playing(): boolean {
    return this.sources.size > 0;
  }

  begin(sampleRate: number): void {
    this.sampleRate = sampleRate;
    this.nextTime = 0;
  }

  enqueue(pcm: ArrayBuffer): void {
    const samples = new Int16Array(pcm);
    if (samples.length === 0) {
      return;
    }
    const buffer = this.context.createBuffer(1, samples.length, this.sampleRate);
    const channel = buffer.getChannelData(0);
    for (let i = 0; i < samples.length; i++) {
      channel[i] = samples[i] / 0x8000;
    }
    const source = this.context.createBufferSource();
    source.buffer = buffer;
    source.connect(this.context.destination);
    const startAt = Math.max(this.context.currentTime + 0.03, this.nextTime);
    source.start(startAt);
    this.nextTime = startAt + buffer.duration;
    this.sources.add(source);
    source.onended = () => {
      if (this.sources.delete(source)) {
        this.playedSamples += samples.length;
        if (this.sources.size === 0) {
          this.onIdle();
        }
      }
    };
  }

  /** Stops everything scheduled; returns whether anything was playing. */
  stop(): boolean {
    const wasPlaying = this.sources.size > 0;
    for (const source of this.sources) {
      this.sources.delete(source);
      try {
        source.stop();
      } catch {
        // Already ended.
      }
    }
    this.nextTime = 0;
    if (wasPlaying) {
      this.stoppedAt = performance.now();
    }
    return wasPlaying;
  }
}
