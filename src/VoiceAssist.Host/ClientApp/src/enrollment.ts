// Enrolling an authenticator during sign-in, for an account that must use one and has none yet. It runs inside the
// sign-in dialog: the QR code and the shared key, a field for the first code, then the recovery codes (shown once)
// before the voice page is usable. Each step sends the email and password again, so no MFA token ever reaches this
// script; they are kept in memory only while the steps last. A wrong code keeps the same QR code on screen: the
// server's pending secret changes only when the enrollment starts again.
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

export interface EnrollmentEvents {
  /** The cookie session has started and the user has seen the recovery codes. */
  onSignedIn: () => void;
}

interface EnrollmentAnswer {
  status?: string;
  authenticator?: AuthenticatorSetup;
  recoveryCodes?: string[];
}

const json = { "Content-Type": "application/json" };
const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

export class SignInEnrollment {
  private credentials: { email: string; password: string } | null = null;
  private readonly view: AuthenticatorView = { qr: $("enroll-qr"), key: $("enroll-key"), link: $("enroll-link") };

  constructor(
    private readonly session: PageSession,
    private readonly events: EnrollmentEvents,
  ) {
    $<HTMLFormElement>("enroll-form").addEventListener("submit", (event) => {
      event.preventDefault();
      void this.confirm();
    });
    $("enroll-cancel").addEventListener("click", () => this.back(""));
    $("enroll-saved").addEventListener("click", () => this.finish());
  }

  /** Starts enrolling for the account whose password was just accepted; shows the QR code and the key. */
  async start(email: string, password: string): Promise<void> {
    this.credentials = { email, password };
    const response = await this.post("/api/identity/session/mfa/enrollment", { email, password });
    const answer = response.ok ? ((await response.json().catch(() => ({}))) as EnrollmentAnswer) : {};
    if (answer.status === "mfa_enrollment_required" && answer.authenticator) {
      showAuthenticator(this.view, answer.authenticator);
      $<HTMLInputElement>("enroll-code").value = "";
      $("enroll-error").textContent = "";
      this.show("enroll-form", "enroll-heading");
      return;
    }
    await this.settle(response, answer);
  }

  private async confirm(): Promise<void> {
    if (!this.credentials) {
      this.back("Sign in again to set up the authenticator app.");
      return;
    }
    const error = $("enroll-error");
    const input = $<HTMLInputElement>("enroll-code");
    error.textContent = "";
    const response = await this.post("/api/identity/session/mfa/enrollment/confirm", { ...this.credentials, code: normalizedCode(input.value) });
    if (response.status === 400 || response.status === 429) {
      // Same QR code, same key: only the code was wrong (or sent too often).
      error.textContent = await problemMessage(response, "The code does not match. Enter the newest code the app shows.");
      input.select();
      input.focus();
      return;
    }
    const answer = response.ok ? ((await response.json().catch(() => ({}))) as EnrollmentAnswer) : {};
    if (answer.status === "signed_in" && answer.recoveryCodes) {
      this.credentials = null;
      clearAuthenticator(this.view);
      if (!(await this.session.resume())) {
        this.back("Sign-in failed. Sign in again with your new authenticator code.");
        return;
      }
      showRecoveryCodes($("enroll-recovery-codes"), answer.recoveryCodes);
      this.show("enroll-done", "enroll-done-heading");
      return;
    }
    await this.settle(response, answer);
  }

  /** The answers every step can get besides its own: signed in after all, a code needed, or a failure. */
  private async settle(response: Response, answer: EnrollmentAnswer): Promise<void> {
    if (answer.status === "signed_in") {
      this.credentials = null;
      if (await this.session.resume()) {
        this.finish();
        return;
      }
    }
    if (answer.status === "mfa_required") {
      this.back("This account already has an authenticator. Enter its code.");
      return;
    }
    this.back(response.status === 429 ? "Too many sign-in attempts. Try again in a minute." : "Sign-in failed. Check the email, password and code.");
  }

  /** The recovery codes were seen: off the screen with them, and on to the voice page. */
  private finish(): void {
    this.credentials = null;
    $("enroll-recovery-codes").replaceChildren();
    this.restoreSignInForm();
    $<HTMLFormElement>("sign-in-form").reset();
    this.events.onSignedIn();
  }

  /** Back to the sign-in form, with why. */
  private back(message: string): void {
    this.credentials = null;
    clearAuthenticator(this.view);
    this.restoreSignInForm();
    $("sign-in-error").textContent = message;
    $<HTMLInputElement>("sign-in-password").focus();
  }

  private restoreSignInForm(): void {
    this.show("sign-in-form", "sign-in-heading", false);
  }

  /** Shows one step of the sign-in dialog, names the dialog after it and moves focus to its heading. */
  private show(step: "sign-in-form" | "enroll-form" | "enroll-done", heading: string, focus = true): void {
    for (const id of ["sign-in-form", "enroll-form", "enroll-done"]) {
      $(id).hidden = id !== step;
    }
    $("sign-in").setAttribute("aria-labelledby", heading);
    if (focus) {
      $(heading).focus();
    }
  }

  private post(path: string, body: object): Promise<Response> {
    return fetch(path, { method: "POST", headers: json, body: JSON.stringify(body) }).catch(
      () => new Response(null, { status: 503 }),
    );
  }
}
