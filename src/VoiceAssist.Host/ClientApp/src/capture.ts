// The microphone: the browser's own echo cancellation, noise suppression and gain control, resampled to 16 kHz
// PCM16 in an AudioWorklet.

export interface CapturedFrame {
  pcm: ArrayBuffer;
  level: number;
}

export class Microphone {
  private node: AudioWorkletNode | null = null;
  private source: MediaStreamAudioSourceNode | null = null;
  stream: MediaStream | null = null;

  constructor(
    private readonly context: AudioContext,
    private readonly onFrame: (frame: CapturedFrame) => void,
  ) {}

  async open(): Promise<MediaStream> {
    this.stream = await navigator.mediaDevices.getUserMedia({
      audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true, channelCount: 1 },
    });
    await this.context.audioWorklet.addModule("capture-worklet.js");
    this.source = this.context.createMediaStreamSource(this.stream);
    this.node = new AudioWorkletNode(this.context, "capture-16k");
    this.node.port.onmessage = (event: MessageEvent<CapturedFrame>) => this.onFrame(event.data);
    this.source.connect(this.node);
    return this.stream;
  }

  close(): void {
    this.source?.disconnect();
    this.node?.disconnect();
    this.stream?.getTracks().forEach((track) => track.stop());
    this.node = null;
    this.source = null;
    this.stream = null;
  }
}
