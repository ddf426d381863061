// The clinician's voice page: one talk control (hands-free with voice activity detection, or push-to-talk), visible
// states, live captions, the conversation with its sources and calculator results.
import type { MicVAD } from "@ricky0123/vad-web";
import { AccountPanel } from "./account";
import { LinkedAccountsPanel } from "./linked-accounts";
import { Microphone, type CapturedFrame } from "./capture";
import { SignInEnrollment } from "./enrollment";
import { Playback } from "./playback";
import type { CalendarCard, Calculator, Citation, Differential, Mode, ServerMessage, Timings, VoiceState } from "./protocol";
import { wirePasskeys } from "./passkeys";
import { PageSession } from "./session";
import { VoiceSocket } from "./socket";
import { startVad } from "./vad";

interface BargeInRecord {
  source: string;
  onsetAt: number | null;
  stoppedAt: number | null;
}

/** What automated browser tests read; nothing on the page depends on it. */
const observed = {
  state: "idle" as VoiceState,
  connected: false,
  conversationId: null as string | null,
  playedSamples: 0,
  audioChunks: 0,
  captureFrames: 0,
  micOnsetAt: null as number | null,
  bargeIns: [] as BargeInRecord[],
  transcripts: [] as string[],
  replies: [] as string[],
  endOfSpeech: [] as string[],
  vad: "off",
  vadEvents: [] as string[],
  reconnects: 0,
  signedIn: false,
  logoffs: 0,
  lastLogoff: null as string | null,
  dropSocket: () => socket.drop(),
};
(window as unknown as { voiceAssistTest: typeof observed }).voiceAssistTest = observed;

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const stateLabel: Record<VoiceState, string> = {
  idle: "Idle",
  listening: "Listening",
  hearing: "Hearing you",
  thinking: "Thinking",
  speaking: "Speaking",
};
const loudMicDb = -40;

let mode: Mode = "hands-free";
let handsFreeOn = false;
let pushToTalkHeld = false;
let discardAudio = false;
let audio: { context: AudioContext; microphone: Microphone; playback: Playback } | null = null;
let vad: MicVAD | null = null;

const session = new PageSession({ onEnded: () => logOff("timeout") });
const account = new AccountPanel(session);
new LinkedAccountsPanel(session);
const enrollment = new SignInEnrollment(session, { onSignedIn: signedIn });

const socket = new VoiceSocket(
  {
    onMessage: handle,
    onAudio: (pcm) => {
      if (!discardAudio && audio) {
        observed.audioChunks++;
        audio.playback.enqueue(pcm);
      }
    },
    onConnection: (connected, attempt) => {
      observed.connected = connected;
      observed.reconnects = socket.reconnects;
      $("connection").textContent = connected ? "Connected" : `Connection lost, reconnecting (attempt ${attempt})…`;
      if (!connected && audio?.playback.stop()) {
        observed.bargeIns.push({ source: "disconnect", onsetAt: null, stoppedAt: audio.playback.stoppedAt });
      }
    },
    onUnauthorized: () => showSignIn(""),
    onSessionEnded: () => sessionEnded(sessionEndedReason),
  },
  mode,
  () => session.token(),
  () => session.socketTicket(),
);

function setState(state: VoiceState): void {
  observed.state = state;
  const element = $("state");
  element.dataset.state = state;
  element.textContent = stateLabel[state];
}

function handle(message: ServerMessage): void {
  switch (message.type) {
    case "ready":
      observed.conversationId = message.conversationId;
      $("connection").textContent = message.resumed ? `Connected, conversation resumed (${message.turns} turns)` : "Connected";
      break;
    case "state":
      setState(message.state);
      break;
    case "partial_transcript":
      $("caption-heard").textContent = message.text + "…";
      break;
    case "transcript":
      session.noteActivity();
      observed.transcripts.push(message.text);
      $("caption-heard").textContent = message.text;
      addYou(message.text);
      break;
    case "reply":
      observed.replies.push(message.text);
      observed.endOfSpeech.push(message.timings.endOfSpeechSource);
      $("caption-said").textContent = message.text;
      addReply(message.text, message.clarifyingQuestion, message.citations, message.calculator, message.differential ?? null, message.timings, message.calendar ?? null);
      break;
    case "audio_start":
      discardAudio = false;
      observed.micOnsetAt = null;
      audio?.playback.begin(message.sampleRate);
      break;
    case "audio_end":
      if (message.interrupted) {
        stopPlayback("server");
      }
      break;
    case "barge_in":
      stopPlayback(`server-${message.source}`);
      break;
    case "error":
      $("connection").textContent = message.message;
      break;
    case "session_ended":
      sessionEndedReason = message.reason;
      break;
    case "pong":
      break;
  }
}

/** Why the server last said the sign-in session ended; the socket closes right after saying it. */
let sessionEndedReason = "ended";

/** The server closed the voice socket because the sign-in session ended (signed out in another tab, timed out,
 * revoked by the user elsewhere or by an administrator): the page logs off at once rather than reconnecting. */
function sessionEnded(reason: string): void {
  if (!observed.signedIn) {
    return;
  }
  session.ended();
  logOff(reason === "idle_timeout" || reason === "absolute_timeout" ? "timeout" : "ended");
}

function stopPlayback(source: string): void {
  discardAudio = true;
  if (audio?.playback.stop()) {
    observed.bargeIns.push({ source, onsetAt: observed.micOnsetAt, stoppedAt: audio.playback.stoppedAt });
  }
}

function assistantBusy(): boolean {
  return observed.state === "thinking" || observed.state === "speaking" || (audio?.playback.playing ?? false);
}

function onFrame(frame: CapturedFrame): void {
  observed.captureFrames++;
  if (audio?.playback.playing && observed.micOnsetAt === null && frame.level > loudMicDb) {
    observed.micOnsetAt = performance.now();
  }
  if ((mode === "hands-free" && handsFreeOn) || (mode === "push-to-talk" && pushToTalkHeld)) {
    socket.sendAudio(frame.pcm);
  }
}

async function ensureAudio(): Promise<void> {
  if (audio) {
    await audio.context.resume();
    return;
  }
  const context = new AudioContext();
  const playback = new Playback(context, () => {
    observed.playedSamples = playback.playedSamples;
  });
  const microphone = new Microphone(context, onFrame);
  audio = { context, microphone, playback };
  setInterval(() => (observed.playedSamples = playback.playedSamples), 100);
  const stream = await microphone.open();
  await context.resume();
  // ?vad=off leaves end-of-speech to the server's energy endpointer, as for a browser without the model.
  if (new URLSearchParams(location.search).get("vad") === "off") {
    $("vad-status").textContent = "Silero VAD off; the server's endpointer detects speech.";
  } else {
    void startVoiceDetection(stream, context);
  }
}

async function startVoiceDetection(stream: MediaStream, context: AudioContext): Promise<void> {
  const number = (id: string) => Number($<HTMLInputElement>(id).value);
  const positive = number("vad-positive");
  try {
    vad = await startVad(
      stream,
      context,
      {
        positiveSpeechThreshold: positive,
        negativeSpeechThreshold: Math.max(0.05, positive - 0.15),
        minSpeechMs: number("vad-min-speech"),
        redemptionMs: number("vad-redemption"),
      },
      {
        onSpeechStart: () => {
          observed.vadEvents.push("start");
          session.noteActivity();
          if (mode === "hands-free" && handsFreeOn && !assistantBusy()) {
            socket.send({ type: "speech_start" });
          }
        },
        onSpeechConfirmed: () => {
          observed.vadEvents.push("confirmed");
          if (mode === "hands-free" && handsFreeOn && assistantBusy()) {
            stopPlayback("vad");
            socket.send({ type: "barge_in" });
          }
        },
        onSpeechEnd: () => {
          observed.vadEvents.push("end");
          if (mode === "hands-free" && handsFreeOn) {
            socket.send({ type: "end_of_speech" });
          }
        },
        onMisfire: () => observed.vadEvents.push("misfire"),
      },
    );
    observed.vad = "silero";
    $("vad-status").textContent = "Silero VAD running in the browser; the server's endpointer backs it up.";
  } catch (error) {
    observed.vad = "unavailable";
    $("vad-status").textContent = `Silero VAD unavailable (${String(error)}); the server's endpointer detects speech.`;
  }
}

function addEntry(className: string, who: string): HTMLLIElement {
  const item = document.createElement("li");
  item.className = className;
  const label = document.createElement("span");
  label.className = "who";
  label.textContent = `${who}: `;
  item.append(label);
  $("transcript").append(item);
  item.scrollIntoView({ block: "nearest" });
  return item;
}

function addYou(text: string): void {
  addEntry("you", "You").append(text);
}

function addReply(
  text: string,
  clarifying: string | null,
  citations: Citation[],
  calculator: Calculator | null,
  differential: Differential | null,
  timings: Timings,
  calendar: CalendarCard | null = null,
): void {
  const item = addEntry("assistant", "VoiceAssist");
  const body = document.createElement("span");
  body.className = "reply";
  const at = clarifying ? text.lastIndexOf(clarifying) : -1;
  if (clarifying && at >= 0) {
    const question = document.createElement("mark");
    question.className = "clarifying";
    question.textContent = clarifying;
    body.append(text.slice(0, at), question, text.slice(at + clarifying.length));
  } else {
    body.textContent = text;
    if (clarifying) {
      const question = document.createElement("mark");
      question.className = "clarifying";
      question.textContent = ` ${clarifying}`;
      body.append(question);
    }
  }
  item.append(body);

  if (calculator) {
    const card = document.createElement("section");
    card.className = "calculator-card";
    card.setAttribute("aria-label", `${calculator.name} result`);
    const name = document.createElement("h3");
    name.textContent = calculator.name;
    const value = document.createElement("p");
    value.className = "value";
    // displayValue already carries the unit ("4 points"); adding calculator.unit again said "4 points points".
    value.textContent = `${calculator.displayValue}${calculator.category ? ` (${calculator.category})` : ""}`;
    const interpretation = document.createElement("p");
    interpretation.textContent = calculator.interpretation;
    card.append(name, value, interpretation);
    const sources = calculator.sources.map((source) => ({
      text: source.citation,
      href: source.doi ? `https://doi.org/${source.doi}` : source.pmid ? `https://pubmed.ncbi.nlm.nih.gov/${source.pmid}/` : null,
    }));
    if (sources.length > 0) {
      card.append(sourceList(sources));
    }
    item.append(card);
  }

  if (differential) {
    item.append(differentialCard(differential));
  }

  if (calendar) {
    item.append(calendarCard(calendar));
  }

  if (citations.length > 0) {
    item.append(
      sourceList(
        citations.map((citation) => ({
          text: `[${citation.number}] ${citation.title}${citation.page ? `, p. ${citation.page}` : ""}${citation.section ? `, ${citation.section}` : ""}`,
          href: /^https?:\/\//.test(citation.reference) ? citation.reference : `/api/knowledge/documents/${encodeURIComponent(citation.reference)}`,
        })),
      ),
    );
  }

  const timing = document.createElement("p");
  timing.className = "timings";
  timing.textContent = `Transcript ${format(timings.transcriptMs)}, reply ${format(timings.replyMs)} after you stopped speaking.`;
  item.append(timing);
}

// The events a calendar turn is about, each with its local times (in the calendar owner's zone), or the problem that
// kept them from being read; a change awaiting confirmation is marked as such.
function calendarCard(calendar: CalendarCard): HTMLElement {
  const card = document.createElement("section");
  card.className = "calendar-card";
  card.setAttribute("aria-label", `Calendar: ${calendar.title}`);
  const title = document.createElement("h3");
  title.textContent = calendar.title;
  card.append(title);
  if (calendar.problem) {
    const problem = document.createElement("p");
    problem.className = "problem";
    problem.setAttribute("role", "alert");
    problem.textContent = calendar.problem;
    card.append(problem);
  }
  if (calendar.events.length > 0) {
    const list = document.createElement("ul");
    list.className = "events";
    const day = new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short", timeZone: calendar.timeZone });
    const time = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit", timeZone: calendar.timeZone });
    for (const event of calendar.events) {
      const entry = document.createElement("li");
      const when = document.createElement("span");
      when.className = "when";
      const start = new Date(event.start);
      when.textContent = event.allDay
        ? `${day.format(start)}, all day`
        : `${day.format(start)} ${time.format(start)}–${time.format(new Date(event.end))}`;
      const what = document.createElement("span");
      what.className = "what";
      what.textContent = `${event.summary}${event.location ? `, ${event.location}` : ""}${event.recurring ? " (repeats)" : ""}`;
      entry.append(when, " ", what);
      list.append(entry);
    }
    card.append(list);
  } else if (!calendar.problem) {
    const none = document.createElement("p");
    none.textContent = "No events.";
    card.append(none);
  }
  if (calendar.pending) {
    const pending = document.createElement("p");
    pending.className = "pending";
    pending.textContent = "Not changed yet: say or type yes to go ahead, or no to leave it.";
    card.append(pending);
  }
  return card;
}

// A ranked differential with its citations and next calculators, under the safety notice; or, without one, the
// calculators that fit the presentation.
function differentialCard(differential: Differential): HTMLElement {
  const card = document.createElement("section");
  card.className = "differential-card";
  card.setAttribute("aria-label", "Differential diagnosis");
  if (differential.safetyNotice) {
    const notice = document.createElement("p");
    notice.className = "safety-notice";
    notice.setAttribute("role", "note");
    notice.textContent = differential.safetyNotice;
    card.append(notice);
  }
  if (differential.items.length > 0) {
    const list = document.createElement("ol");
    list.className = "differential";
    for (const entry of differential.items) {
      const row = document.createElement("li");
      const name = document.createElement("strong");
      name.textContent = entry.diagnosis;
      row.append(name, `: ${entry.reason}`);
      if (entry.calculators.length > 0) {
        const next = document.createElement("span");
        next.className = "next-calculators";
        next.textContent = ` Next: ${entry.calculators.map((c) => c.name).join(", ")}.`;
        row.append(next);
      }
      list.append(row);
    }
    card.append(list);
  }
  if (differential.calculators.length > 0) {
    const offered = document.createElement("p");
    offered.className = "offered-calculators";
    offered.textContent = `Calculators to run: ${differential.calculators.map((c) => c.name).join(", ")}.`;
    card.append(offered);
  }
  return card;
}

function sourceList(sources: { text: string; href: string | null }[]): HTMLElement {
  const list = document.createElement("ol");
  list.className = "citations";
  list.setAttribute("aria-label", "Sources");
  for (const source of sources) {
    const entry = document.createElement("li");
    if (source.href) {
      const link = document.createElement("a");
      link.href = source.href;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      link.textContent = source.text;
      entry.append(link);
    } else {
      entry.textContent = source.text;
    }
    list.append(entry);
  }
  return list;
}

function format(ms: number | null): string {
  return ms === null ? "–" : `${Math.round(ms)} ms`;
}

async function pressTalk(): Promise<void> {
  await ensureAudio();
  if (mode === "push-to-talk") {
    if (pushToTalkHeld) {
      return;
    }
    pushToTalkHeld = true;
    $("talk").setAttribute("aria-pressed", "true");
    if (assistantBusy()) {
      stopPlayback("push-to-talk");
      socket.send({ type: "barge_in" });
    } else {
      socket.send({ type: "speech_start" });
    }
  } else {
    handsFreeOn = !handsFreeOn;
    if (handsFreeOn) {
      void vad?.start();
    } else {
      void vad?.pause();
    }
    $("talk").setAttribute("aria-pressed", String(handsFreeOn));
    $("talk").textContent = handsFreeOn ? "Stop listening" : "Start listening";
  }
}

function releaseTalk(): void {
  if (mode === "push-to-talk" && pushToTalkHeld) {
    pushToTalkHeld = false;
    $("talk").setAttribute("aria-pressed", "false");
    socket.send({ type: "end_of_speech" });
  }
}

function wire(): void {
  const talk = $<HTMLButtonElement>("talk");
  talk.addEventListener("click", () => {
    if (mode === "hands-free") {
      void pressTalk();
    }
  });
  talk.addEventListener("pointerdown", () => mode === "push-to-talk" && void pressTalk());
  talk.addEventListener("pointerup", releaseTalk);
  talk.addEventListener("pointerleave", releaseTalk);
  document.addEventListener("keydown", (event) => {
    const typing = event.target instanceof HTMLInputElement && event.target.type !== "radio";
    if (mode === "push-to-talk" && event.code === "Space" && !typing && !event.repeat) {
      event.preventDefault();
      void pressTalk();
    }
  });
  document.addEventListener("keyup", (event) => {
    if (mode === "push-to-talk" && event.code === "Space") {
      event.preventDefault();
      releaseTalk();
    }
  });
  for (const radio of document.querySelectorAll<HTMLInputElement>("input[name=mode]")) {
    radio.addEventListener("change", () => {
      mode = radio.value as Mode;
      handsFreeOn = false;
      talk.setAttribute("aria-pressed", "false");
      talk.textContent = mode === "hands-free" ? "Start listening" : "Hold to talk";
      socket.changeMode(mode);
    });
  }
  $<HTMLFormElement>("text-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const input = $<HTMLInputElement>("text-input");
    const text = input.value.trim();
    if (text) {
      stopPlayback("typed");
      socket.send({ type: "text", text });
      input.value = "";
    }
  });
  $("new-conversation").addEventListener("click", () => {
    $("transcript").replaceChildren();
    socket.newConversation();
  });
  $<HTMLFormElement>("sign-in-form").addEventListener("submit", (event) => {
    event.preventDefault();
    void signIn(new FormData(event.target as HTMLFormElement));
  });
  $("sign-out").addEventListener("click", () => void signOut());
  wirePasskeys(session, signedIn);
  // While signed out the dialog stays: Escape must not uncover the page.
  $<HTMLDialogElement>("sign-in").addEventListener("cancel", (event) => event.preventDefault());
  for (const type of ["keydown", "pointerdown"]) {
    document.addEventListener(type, () => session.noteActivity(), { passive: true });
  }
}

function showSignIn(reason: string): void {
  $("sign-in-reason").textContent = reason;
  const dialog = $<HTMLDialogElement>("sign-in");
  if (!dialog.open) {
    dialog.showModal();
  }
}

/** Where a server-rendered page (the admin console) sent the browser to sign in, to go back to once signed in: only
 * a path of the console on this host, never another site. */
function returnPath(): string | null {
  const next = new URLSearchParams(location.search).get("next");
  return next && /^\/admin(\/|$|\?)/.test(next) && !next.includes("//") ? next : null;
}

function signedIn(): void {
  const next = returnPath();
  if (next) {
    location.assign(next);
    return;
  }
  observed.signedIn = true;
  $("sign-out").hidden = false;
  account.signedIn();
  const dialog = $<HTMLDialogElement>("sign-in");
  if (dialog.open) {
    dialog.close();
  }
  socket.close();
  socket.connect();
}

/** Automatic logoff (or logout): nothing of the conversation stays on screen, the microphone stops sending, the
 * socket closes and the sign-in dialog covers the page. */
function logOff(why: "timeout" | "logout" | "ended"): void {
  observed.signedIn = false;
  observed.logoffs++;
  observed.lastLogoff = why;
  handsFreeOn = false;
  pushToTalkHeld = false;
  void vad?.pause();
  stopPlayback("logoff");
  socket.close();
  $("talk").setAttribute("aria-pressed", "false");
  $("talk").textContent = mode === "hands-free" ? "Start listening" : "Hold to talk";
  $("caption-heard").textContent = "";
  $("caption-said").textContent = "";
  $("transcript").replaceChildren();
  $("sign-out").hidden = true;
  account.signedOut();
  $("connection").textContent = "Signed out";
  if (why === "logout") {
    socket.forgetConversation();
  }
  showSignIn(
    why === "timeout"
      ? "You were signed out after a period without activity. Sign in to continue."
      : why === "ended"
        ? "Your session was ended (signed out elsewhere or by an administrator). Sign in to continue."
        : "You are signed out.",
  );
}

async function signOut(): Promise<void> {
  const endSessionUrl = await session.signOut();
  logOff("logout");
  if (endSessionUrl) {
    location.assign(endSessionUrl);
  }
}

async function signIn(form: FormData): Promise<void> {
  const error = $("sign-in-error");
  error.textContent = "";
  const field = (name: string) => String(form.get(name) ?? "");
  const result = await session.signIn(field("email"), field("password"), field("code"));
  switch (result) {
    case "signed_in":
      $<HTMLFormElement>("sign-in-form").reset();
      signedIn();
      return;
    case "mfa_required":
      error.textContent = "Enter the code from your authenticator app (or a recovery code).";
      $<HTMLInputElement>("sign-in-code").focus();
      return;
    case "mfa_enrollment_required":
      await enrollment.start(field("email"), field("password"));
      return;
    case "too_many_attempts":
      error.textContent = "Too many sign-in attempts. Try again in a minute.";
      return;
    default:
      error.textContent = "Sign-in failed. Check the email, password and code.";
  }
}

/** Offers a link per configured single sign-on provider; the provider sends the browser back here, signed in. */
async function listProviders(): Promise<void> {
  const response = await fetch("/api/identity/sso/providers").catch(() => null);
  const providers = response?.ok ? ((await response.json()) as { name: string; loginPath: string }[]) : [];
  const links = providers.map((provider) => {
    const link = document.createElement("a");
    link.href = provider.loginPath;
    link.textContent = `Sign in with ${provider.name}`;
    return link;
  });
  $("sign-in-providers").replaceChildren(...links);
}

async function start(): Promise<void> {
  wire();
  void listProviders();
  setState("idle");
  if (await session.resume()) {
    observed.signedIn = true;
    $("sign-out").hidden = false;
    account.signedIn();
  }
  socket.connect();
}

void start();
