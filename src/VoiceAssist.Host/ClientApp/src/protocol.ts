// The voice socket's messages (docs/voice-protocol.md).

export type VoiceState = "idle" | "listening" | "hearing" | "thinking" | "speaking";
export type Mode = "hands-free" | "push-to-talk";

export interface Citation {
  number: number;
  title: string;
  reference: string;
  page: number | null;
  section: string | null;
  passage: string;
}

export interface CalculatorSource {
  citation: string;
  doi: string | null;
  pmid: string | null;
}

export interface Calculator {
  id: string;
  name: string;
  /** Full precision. */
  value: number | null;
  /** The number as displayValue shows it. */
  roundedValue: number | null;
  unit: string;
  /** The value with its unit ("4 points", "35.2 mL/min/1.73 m²"), or the components of a partial GCS ("E3 VT M5"). */
  displayValue: string;
  category: string | null;
  interpretation: string;
  sources: CalculatorSource[];
}

export interface SuggestedCalculator {
  id: string;
  name: string;
}

export interface DifferentialItem {
  rank: number;
  diagnosis: string;
  reason: string;
  citations: number[];
  calculators: SuggestedCalculator[];
}

/** A differential diagnosis: status "ranked", "needs-model", "model-unavailable" or "not-grounded". */
export interface Differential {
  status: string;
  items: DifferentialItem[];
  calculators: SuggestedCalculator[];
  dropped: string[];
  safetyNotice: string | null;
}

export interface Timings {
  endOfSpeechSource: string;
  transcriptMs: number | null;
  replyMs: number | null;
  firstAudioMs: number | null;
}

/** One event of a calendar card, its times in the owner's zone (ISO 8601 with offset). */
export interface CalendarCardEvent {
  summary: string;
  start: string;
  end: string;
  allDay: boolean;
  location: string | null;
  recurring: boolean;
}

/** The events a calendar turn is about; a problem in words (server down, password refused); a change awaiting a yes. */
export interface CalendarCard {
  title: string;
  timeZone: string;
  events: CalendarCardEvent[];
  problem: string | null;
  pending: string | null;
}

export type ServerMessage =
  | { type: "ready"; conversationId: string; resumed: boolean; turns: number; bargeInMinSpeechMs: number; mode: Mode }
  | { type: "state"; state: VoiceState }
  | { type: "partial_transcript"; text: string }
  | { type: "transcript"; text: string; source: string }
  | {
      type: "reply";
      turnId: string | null;
      text: string;
      clarifyingQuestion: string | null;
      citations: Citation[];
      calculator: Calculator | null;
      differential?: Differential | null;
      calendar?: CalendarCard | null;
      timings: Timings;
    }
  | { type: "audio_start"; sampleRate: number; encoding: string }
  | { type: "audio_end"; interrupted: boolean; timings: Timings }
  | { type: "barge_in"; source: string }
  | { type: "error"; code: string; message: string }
  | { type: "session_ended"; reason: string }
  | { type: "pong" };

export type ClientMessage =
  | { type: "start"; conversationId: string | null; sampleRate: number; mode: Mode }
  | { type: "speech_start" }
  | { type: "end_of_speech" }
  | { type: "barge_in" }
  | { type: "text"; text: string }
  | { type: "ping" };
