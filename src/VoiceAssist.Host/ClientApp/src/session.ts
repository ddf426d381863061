// The page's cookie session. The HttpOnly session cookie is the only credential the browser keeps; this module asks
// it for short-lived access tokens (held in memory only, never in sessionStorage or localStorage), refreshes them
// before they expire, reports the user's activity so the server slides the idle deadline, and notices when the
// server has ended the session (idle timeout, absolute lifetime, logout elsewhere, an administrator) so the page can
// log off.

interface PageAccess {
  accessToken: string;
  expiresIn: number;
  idleTimeout: number;
  idleExpiresIn: number;
  sessionExpiresIn: number;
}

export type SignInResult = "signed_in" | "mfa_required" | "mfa_enrollment_required" | "failed" | "too_many_attempts";

export interface SessionEvents {
  /** The server no longer has a session for this page: it timed out or was ended elsewhere. */
  onEnded: () => void;
}

const json = { "Content-Type": "application/json" };

export class PageSession {
  private accessToken: string | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private activeSinceReport = false;
  private lastReport = 0;
  private reportEveryMs = 60_000;
  private refreshing: Promise<boolean> | null = null;
  signedIn = false;

  constructor(private readonly events: SessionEvents) {}

  /** The current access token for the API and the voice socket, or null when not signed in. */
  token(): string | null {
    return this.accessToken;
  }

  /** Picks up a session the cookie already holds (a reload, or the return from a provider sign-in). */
  async resume(): Promise<boolean> {
    return this.refresh(true, false);
  }

  async signIn(email: string, password: string, code: string): Promise<SignInResult> {
    const trimmed = code.replace(/\s/g, "");
    // Six digits are an authenticator code; anything else typed there is taken as a recovery code.
    const secondFactor = trimmed === "" ? {} : /^\d{6}$/.test(trimmed) ? { code: trimmed } : { recoveryCode: code.trim() };
    const response = await fetch("/api/identity/session", {
      method: "POST",
      headers: json,
      body: JSON.stringify({ email, password, ...secondFactor }),
    });
    if (response.status === 429) {
      return "too_many_attempts";
    }
    const body = (await response.json().catch(() => ({}))) as { status?: string };
    if (!response.ok || body.status !== "signed_in") {
      return body.status === "mfa_required" || body.status === "mfa_enrollment_required" ? body.status : "failed";
    }
    return (await this.refresh(true, false)) ? "signed_in" : "failed";
  }

  /** Ends the session on the server; returns where to send the browser to end a provider's session too. */
  async signOut(): Promise<string | null> {
    const response = await fetch("/api/identity/session/logout", { method: "POST", headers: json, body: "{}" });
    const body = (await response.json().catch(() => ({}))) as { endSessionUrl?: string | null };
    this.forget();
    return body.endSessionUrl ?? null;
  }

  /** The user did something (typed, clicked, spoke). Reported to the server at most every reportEveryMs. */
  noteActivity(): void {
    if (!this.signedIn) {
      return;
    }
    this.activeSinceReport = true;
    if (Date.now() - this.lastReport >= this.reportEveryMs) {
      void this.refresh(true, true);
    }
  }

  /** A single-use ticket, valid for seconds, that opens the voice socket: the access token itself never goes into a
   * URL, where proxies and access logs would keep it. Null when not signed in or when no ticket could be had. */
  async socketTicket(): Promise<string | null> {
    const token = this.accessToken;
    if (!token) {
      return null;
    }
    try {
      const response = await fetch("/api/identity/socket-tickets", { method: "POST", headers: { Authorization: `Bearer ${token}` } });
      return response.ok ? ((await response.json()) as { ticket: string }).ticket : null;
    } catch {
      return null;
    }
  }

  /** The server ended the session (the voice socket said so): drop the access token at once. */
  ended(): void {
    this.forget();
  }

  private forget(): void {
    this.accessToken = null;
    this.signedIn = false;
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
  }

  private refresh(active: boolean, endedIfRefused: boolean): Promise<boolean> {
    this.refreshing ??= this.exchange(active, endedIfRefused).finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private async exchange(active: boolean, endedIfRefused: boolean): Promise<boolean> {
    if (active) {
      this.activeSinceReport = false;
    }
    let response: Response;
    try {
      response = await fetch("/api/identity/session/access-token", { method: "POST", headers: json, body: JSON.stringify({ active }) });
    } catch {
      // Offline for a moment: try again shortly; the server keeps the deadlines either way.
      this.schedule(5_000);
      return false;
    }
    if (response.status === 429 || response.status >= 500) {
      this.schedule(5_000);
      return false;
    }
    if (!response.ok) {
      const wasSignedIn = this.signedIn;
      this.forget();
      if (response.status === 401 && wasSignedIn && endedIfRefused) {
        this.events.onEnded();
      }
      return false;
    }
    const access = (await response.json()) as PageAccess;
    this.accessToken = access.accessToken;
    this.signedIn = true;
    if (active) {
      this.lastReport = Date.now();
    }
    // Report activity often enough that a user who keeps working is never timed out between reports.
    this.reportEveryMs = Math.min(60_000, (access.idleTimeout * 1000) / 3);
    const beforeExpiry = Math.min(60, access.expiresIn / 4);
    this.schedule(Math.min(access.expiresIn - beforeExpiry, access.idleExpiresIn + 1, access.sessionExpiresIn + 1) * 1000);
    return true;
  }

  private schedule(delayMs: number): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
    }
    // At the idle deadline this call finds out whether the server has logged the page off.
    this.timer = setTimeout(() => void this.refresh(this.activeSinceReport, true), Math.max(1_000, delayMs));
  }
}
