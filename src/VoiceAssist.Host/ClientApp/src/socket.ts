// One voice socket that survives drops: it reconnects with growing pauses and resumes the same conversation.
import type { ClientMessage, Mode, ServerMessage } from "./protocol";

export interface SocketEvents {
  onMessage: (message: ServerMessage) => void;
  onAudio: (pcm: ArrayBuffer) => void;
  onConnection: (connected: boolean, attempt: number) => void;
  onUnauthorized: () => void;
  /** The server closed the socket because the sign-in session ended; reconnecting with the same token is pointless. */
  onSessionEnded: () => void;
}

/** The close code of a socket whose sign-in session ended (signed out, timed out, revoked). */
export const sessionEndedCloseCode = 4401;

export class VoiceSocket {
  private socket: WebSocket | null = null;
  private attempt = 0;
  private closedOnPurpose = false;
  private opened = false;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  /** Counts connection attempts, so a ticket that arrives after a newer attempt (or a close) opens nothing. */
  private attemptId = 0;
  conversationId: string | null = sessionStorage.getItem("voiceassist.conversationId");
  reconnects = 0;

  constructor(
    private readonly events: SocketEvents,
    private mode: Mode,
    private readonly accessToken: () => string | null,
    private readonly socketTicket: () => Promise<string | null>,
  ) {}

  get connected(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  /** Asks for a socket ticket (when signed in), then opens the socket with it. */
  connect(): void {
    this.cancelReconnect();
    this.closedOnPurpose = false;
    const attempt = ++this.attemptId;
    void this.socketTicket().then((ticket) => {
      if (attempt === this.attemptId && !this.closedOnPurpose) {
        this.open(ticket);
      }
    });
  }

  private open(ticket: string | null): void {
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    const query = ticket ? `?ticket=${encodeURIComponent(ticket)}` : "";
    const socket = new WebSocket(`${scheme}//${location.host}/api/voice/ws${query}`);
    socket.binaryType = "arraybuffer";
    this.socket = socket;
    this.opened = false;
    socket.onopen = () => {
      this.opened = true;
      this.attempt = 0;
      this.send({ type: "start", conversationId: this.conversationId, sampleRate: 16000, mode: this.mode });
      this.events.onConnection(true, 0);
    };
    socket.onmessage = (event: MessageEvent<string | ArrayBuffer>) => {
      if (typeof event.data === "string") {
        const message = JSON.parse(event.data) as ServerMessage;
        if (message.type === "ready") {
          this.conversationId = message.conversationId;
          sessionStorage.setItem("voiceassist.conversationId", message.conversationId);
        } else if (message.type === "error" && message.code === "conversation_not_found") {
          // The conversation is gone (or another user's): start a new one.
          this.conversationId = null;
          sessionStorage.removeItem("voiceassist.conversationId");
          this.send({ type: "start", conversationId: null, sampleRate: 16000, mode: this.mode });
        }
        this.events.onMessage(message);
      } else {
        this.events.onAudio(event.data);
      }
    };
    socket.onclose = (event: CloseEvent) => {
      if (this.socket !== socket) {
        return;
      }
      if (event.code === sessionEndedCloseCode) {
        this.closedOnPurpose = true;
        this.socket = null;
        this.events.onConnection(false, 0);
        this.events.onSessionEnded();
        return;
      }
      this.events.onConnection(false, this.attempt + 1);
      if (!this.opened && this.attempt === 0 && !this.accessToken()) {
        // Refused before opening with no token: sign-in is required.
        this.events.onUnauthorized();
      }
      if (this.closedOnPurpose) {
        return;
      }
      const delay = Math.min(5000, 250 * 2 ** this.attempt++);
      this.reconnects++;
      this.reconnectTimer = setTimeout(() => this.connect(), delay);
    };
  }

  send(message: ClientMessage): void {
    if (this.socket?.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify(message));
    }
  }

  sendAudio(pcm: ArrayBuffer): void {
    if (this.socket?.readyState === WebSocket.OPEN) {
      this.socket.send(pcm);
    }
  }

  /** Drops the connection as a network failure would; the socket reconnects by itself. */
  drop(): void {
    this.socket?.close(4000, "dropped");
  }

  changeMode(mode: Mode): void {
    this.mode = mode;
    this.close();
    this.connect();
  }

  close(): void {
    this.cancelReconnect();
    this.closedOnPurpose = true;
    this.attemptId++;
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000, "bye");
  }

  /** A reconnection still pending from an earlier drop must not open a second socket beside a newer one (or one
   * after the session ended). */
  private cancelReconnect(): void {
    if (this.reconnectTimer !== null) {
      clearTimeout(this.reconnectTimer);
      this.reconnectTimer = null;
    }
  }

  /** Signed out: the next sign-in starts a new conversation rather than resuming this one. */
  forgetConversation(): void {
    this.conversationId = null;
    sessionStorage.removeItem("voiceassist.conversationId");
  }

  newConversation(): void {
    this.conversationId = null;
    sessionStorage.removeItem("voiceassist.conversationId");
    this.close();
    this.connect();
  }
}
