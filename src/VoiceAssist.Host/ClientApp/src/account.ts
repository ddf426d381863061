// The account security dialog of a signed-in user: whether the authenticator app (MFA) is on; setting it up or
// replacing it, new recovery codes and turning it off, each after the password (and the current code when MFA is
// on) as the server's re-authentication requires; and the user's active sessions, each but this one with a button
// that ends it. It calls the Identity API with the page's in-memory access token, never with the cookie.
import {
  clearAuthenticator,
  normalizedCode,
  problemMessage,
  showAuthenticator,
  showRecoveryCodes,
  type AuthenticatorSetup,
  type AuthenticatorView,
} from "./authenticator";
import type { PageSession } from "./session";

interface CurrentUser {
  email: string;
  mfaEnabled: boolean;
  mfaRequired: boolean;
}

interface SessionSummary {
  id: string;
  kind: "page" | "token";
  createdAt: string;
  lastRefreshedAt: string;
  authenticationMethods: string;
  userAgent: string | null;
  ipAddress: string | null;
  current: boolean;
}

type MfaAction = "enroll" | "recovery-codes" | "disable";

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const when = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export class AccountPanel {
  private readonly dialog = $<HTMLDialogElement>("account");
  private readonly opener = $<HTMLButtonElement>("account-open");
  private view: AuthenticatorView | null = null;
  private user: CurrentUser | null = null;

  constructor(private readonly session: PageSession) {
    this.opener.addEventListener("click", () => void this.open());
    this.dialog.addEventListener("close", () => this.closed());
  }

  /** The user signed in: offer the dialog. */
  signedIn(): void {
    this.opener.hidden = false;
  }

  /** The user signed out or was logged off: close the dialog, and with it everything it showed. */
  signedOut(): void {
    this.opener.hidden = true;
    if (this.dialog.open) {
      this.dialog.close();
    }
  }

  /** Fills the dialog from its template: each opening starts clean. */
  private async open(): Promise<void> {
    this.dialog.replaceChildren($<HTMLTemplateElement>("account-content").content.cloneNode(true));
    this.wire();
    this.dialog.showModal();
    $("account-heading").focus();
    await Promise.all([this.loadUser(), this.loadSessions()]);
  }

  /** Nothing secret stays in the page once the dialog closes: no QR code, key, recovery code or password. */
  private closed(): void {
    this.dialog.replaceChildren();
    this.view = null;
    this.user = null;
    if (!this.opener.hidden) {
      this.opener.focus();
    }
  }

  private wire(): void {
    $("account-close").addEventListener("click", () => this.dialog.close());
    $<HTMLFormElement>("mfa-reauth").addEventListener("submit", (event) => {
      event.preventDefault();
      const action = (event.submitter as HTMLButtonElement | null)?.value as MfaAction | undefined;
      void this.change(action ?? "enroll");
    });
    $<HTMLFormElement>("mfa-confirm").addEventListener("submit", (event) => {
      event.preventDefault();
      void this.confirmEnrollment();
    });
    $("mfa-confirm-cancel").addEventListener("click", () => {
      this.step("mfa-reauth");
      this.announce("Setting up the authenticator app was cancelled; nothing changed.");
    });
    $("mfa-codes-saved").addEventListener("click", () => {
      $("mfa-recovery-codes").replaceChildren();
      this.step("mfa-reauth");
      $("mfa-heading").focus();
    });
  }

  private async loadUser(): Promise<void> {
    const response = await this.api("GET", "/api/identity/me");
    if (!this.dialog.open) {
      return;
    }
    if (!response.ok) {
      this.fail(await problemMessage(response, "Your account could not be loaded."));
      return;
    }
    this.user = (await response.json()) as CurrentUser;
    const { mfaEnabled, mfaRequired } = this.user;
    $("mfa-state").textContent =
      (mfaEnabled ? "On: signing in needs a code from your authenticator app." : "Off: signing in needs only your password.") +
      (mfaRequired ? " Your role requires it." : "");
    $("mfa-state").dataset.enabled = String(mfaEnabled);
    $("mfa-enroll").textContent = mfaEnabled ? "Replace authenticator app" : "Set up authenticator app";
    $("mfa-regenerate").hidden = !mfaEnabled;
    $("mfa-disable").hidden = !mfaEnabled;
    $("mfa-current-code-field").hidden = !mfaEnabled;
    $<HTMLInputElement>("mfa-current-code").required = mfaEnabled;
  }

  private async change(action: MfaAction): Promise<void> {
    const password = $<HTMLInputElement>("mfa-password").value;
    const code = normalizedCode($<HTMLInputElement>("mfa-current-code").value) || null;
    this.clearMessages();
    const path = { enroll: "/api/identity/me/mfa/totp", "recovery-codes": "/api/identity/me/mfa/recovery-codes", disable: "/api/identity/me/mfa/disable" }[action];
    const response = await this.api("POST", path, { password, code });
    if (!this.dialog.open) {
      return;
    }
    if (!response.ok) {
      this.fail(await this.reAuthenticationProblem(response));
      return;
    }
    $<HTMLFormElement>("mfa-reauth").reset();
    switch (action) {
      case "enroll":
        showAuthenticator(this.authenticatorView(), (await response.json()) as AuthenticatorSetup);
        this.step("mfa-confirm");
        $("mfa-confirm-heading").focus();
        this.announce("Scan the QR code or type the key into your authenticator app, then enter the code it shows.");
        return;
      case "recovery-codes":
        this.showCodes(((await response.json()) as { recoveryCodes: string[] }).recoveryCodes);
        this.announce("New recovery codes made; the old ones no longer work.");
        return;
      case "disable":
        await this.loadUser();
        this.announce("Two-step sign-in is off. Your recovery codes no longer work.");
        $("mfa-heading").focus();
        return;
    }
  }

  private async confirmEnrollment(): Promise<void> {
    this.clearMessages();
    const input = $<HTMLInputElement>("mfa-new-code");
    const response = await this.api("POST", "/api/identity/me/mfa/totp/confirm", { code: normalizedCode(input.value) });
    if (!this.dialog.open) {
      return;
    }
    if (!response.ok) {
      // The same QR code and key stay on screen: only the code was wrong.
      this.fail(await problemMessage(response, "The code does not match. Enter the newest code the app shows."));
      input.select();
      input.focus();
      return;
    }
    const { recoveryCodes } = (await response.json()) as { recoveryCodes: string[] };
    clearAuthenticator(this.authenticatorView());
    $<HTMLFormElement>("mfa-confirm").reset();
    await this.loadUser();
    this.showCodes(recoveryCodes);
    this.announce("Authenticator app set up: signing in now needs a code from it.");
  }

  private showCodes(codes: string[]): void {
    showRecoveryCodes($("mfa-recovery-codes"), codes);
    this.step("mfa-codes");
    $("mfa-codes-heading").focus();
  }

  private async loadSessions(): Promise<void> {
    const response = await this.api("GET", "/api/identity/me/sessions");
    if (!this.dialog.open) {
      return;
    }
    if (!response.ok) {
      this.fail(await problemMessage(response, "Your sessions could not be loaded."));
      return;
    }
    const sessions = (await response.json()) as SessionSummary[];
    $("account-sessions").replaceChildren(...sessions.map((session) => this.sessionItem(session)));
  }

  private sessionItem(session: SessionSummary): HTMLLIElement {
    const item = document.createElement("li");
    item.dataset.sessionId = session.id;
    const description = document.createElement("span");
    description.id = `session-${session.id}`;
    const what = session.kind === "page" ? "Browser" : "App (API)";
    const where = [session.userAgent ? shortAgent(session.userAgent) : null, session.ipAddress].filter(Boolean).join(", ");
    description.textContent =
      `${what}, signed in ${when.format(new Date(session.createdAt))}, last active ${when.format(new Date(session.lastRefreshedAt))}` +
      (where ? ` (${where})` : "") +
      (session.authenticationMethods.includes("otp") || session.authenticationMethods.includes("rec") ? ", with two-step sign-in" : "");
    item.append(description);
    if (session.current) {
      item.setAttribute("aria-current", "true");
      const mark = document.createElement("strong");
      mark.className = "current-session";
      mark.textContent = " This browser (use Sign out to end it)";
      item.append(mark);
      return item;
    }
    const end = document.createElement("button");
    end.type = "button";
    end.textContent = "End session";
    end.setAttribute("aria-describedby", description.id);
    end.addEventListener("click", () => void this.endSession(session.id));
    item.append(" ", end);
    return item;
  }

  private async endSession(id: string): Promise<void> {
    this.clearMessages();
    const response = await this.api("DELETE", `/api/identity/me/sessions/${encodeURIComponent(id)}`);
    if (!this.dialog.open) {
      return;
    }
    if (!response.ok && response.status !== 404) {
      this.fail(await problemMessage(response, "The session could not be ended."));
      return;
    }
    await this.loadSessions();
    this.announce("Session ended: that device is signed out.");
    $("sessions-heading").focus();
  }

  /** A Bearer request with the page's access token, once more with a fresh token if that one just expired. */
  private async api(method: string, path: string, body?: object): Promise<Response> {
    const send = () =>
      fetch(path, {
        method,
        headers: { Authorization: `Bearer ${this.session.token() ?? ""}`, ...(body ? { "Content-Type": "application/json" } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      }).catch(() => new Response(null, { status: 503 }));
    const response = await send();
    return response.status === 401 && (await this.session.resume()) ? send() : response;
  }

  private async reAuthenticationProblem(response: Response): Promise<string> {
    const message = await problemMessage(response, "The change was refused.");
    return message === "Re-authentication failed."
      ? this.user?.mfaEnabled
        ? "Re-authentication failed: check your password and the current code from your authenticator app."
        : "Re-authentication failed: check your password."
      : message;
  }

  private authenticatorView(): AuthenticatorView {
    this.view ??= { qr: $("mfa-qr"), key: $("mfa-key"), link: $("mfa-link") };
    return this.view;
  }

  /** Moves between the dialog's MFA steps: the re-authentication form, the new QR code, the new recovery codes. */
  private step(shown: "mfa-reauth" | "mfa-confirm" | "mfa-codes"): void {
    for (const id of ["mfa-reauth", "mfa-confirm", "mfa-codes"]) {
      $(id).hidden = id !== shown;
    }
  }

  private announce(message: string): void {
    $("account-result").textContent = message;
  }

  private fail(message: string): void {
    $("account-error").textContent = message;
  }

  private clearMessages(): void {
    $("account-result").textContent = "";
    $("account-error").textContent = "";
  }
}

/** The browser and system from a User-Agent string, enough to tell one's devices apart. */
function shortAgent(agent: string): string {
  const browser = /(Edg|Firefox|Chrome|Chromium|Safari)\/[\d.]+/.exec(agent)?.[0].split(".")[0];
  const system = /\(([^;)]+)/.exec(agent)?.[1];
  return [browser, system].filter(Boolean).join(" on ") || agent.slice(0, 60);
}
