// Silero voice activity detection in the browser (@ricky0123/vad-web), its model and the onnxruntime-web files served
// from the page's own vendor folder: nothing is fetched from elsewhere.
import { MicVAD } from "@ricky0123/vad-web";

export interface VadEvents {
  onSpeechStart: () => void;
  onSpeechConfirmed: () => void;
  onSpeechEnd: () => void;
  onMisfire: () => void;
}

export interface VadTuning {
  positiveSpeechThreshold: number;
  negativeSpeechThreshold: number;
  minSpeechMs: number;
  redemptionMs: number;
}

export async function startVad(stream: MediaStream, context: AudioContext, tuning: VadTuning, events: VadEvents): Promise<MicVAD> {
  const vad = await MicVAD.new({
    model: "v5",
    baseAssetPath: "/vendor/vad/",
    onnxWASMBasePath: "/vendor/ort/",
    audioContext: context,
    getStream: () => Promise.resolve(stream),
    pauseStream: () => Promise.resolve(),
    resumeStream: () => Promise.resolve(stream),
    startOnLoad: true,
    positiveSpeechThreshold: tuning.positiveSpeechThreshold,
    negativeSpeechThreshold: tuning.negativeSpeechThreshold,
    minSpeechMs: tuning.minSpeechMs,
    redemptionMs: tuning.redemptionMs,
    preSpeechPadMs: 300,
    onSpeechStart: events.onSpeechStart,
    onSpeechRealStart: events.onSpeechConfirmed,
    onSpeechEnd: () => events.onSpeechEnd(),
    onVADMisfire: events.onMisfire,
  });
  return vad;
}
