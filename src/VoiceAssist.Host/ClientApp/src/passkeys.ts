// Passkeys on the page: sign in with one from the sign-in dialog, or add one while signed in. The server's options
// and the browser's answers travel as JSON with every binary field (challenge, ids, keys, signatures) in base64url,
// the encoding WebAuthn's own toJSON() uses; the server keeps the challenge and accepts one answer to it.
import type { PageSession } from "./session";

interface Challenge {
  ceremonyId: string;
  options: Record<string, unknown>;
}

interface Descriptor {
  id: string;
  type: string;
  transports?: string[];
}

const json = { "Content-Type": "application/json" };
const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

function fromBase64Url(value: string): ArrayBuffer {
  const base64 = value.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(value.length / 4) * 4, "=");
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)).buffer;
}

function toBase64Url(buffer: ArrayBuffer | null): string | null {
  if (buffer === null) {
    return null;
  }
  let binary = "";
  for (const byte of new Uint8Array(buffer)) {
    binary += String.fromCharCode(byte);
  }
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

const descriptors = (list: unknown): PublicKeyCredentialDescriptor[] =>
  ((list as Descriptor[] | undefined) ?? []).map((d) => ({ ...d, id: fromBase64Url(d.id) }) as PublicKeyCredentialDescriptor);

function creationOptions(options: Record<string, unknown>): PublicKeyCredentialCreationOptions {
  const user = options.user as { id: string; name: string; displayName: string };
  return {
    ...(options as unknown as PublicKeyCredentialCreationOptions),
    challenge: fromBase64Url(options.challenge as string),
    user: { ...user, id: fromBase64Url(user.id) },
    excludeCredentials: descriptors(options.excludeCredentials),
  };
}

function requestOptions(options: Record<string, unknown>): PublicKeyCredentialRequestOptions {
  return {
    ...(options as unknown as PublicKeyCredentialRequestOptions),
    challenge: fromBase64Url(options.challenge as string),
    allowCredentials: descriptors(options.allowCredentials),
  };
}

/** PublicKeyCredential.toJSON(), written out for browsers that lack it. */
function credentialJson(credential: PublicKeyCredential): Record<string, unknown> {
  const response = credential.response;
  const body: Record<string, unknown> = { clientDataJSON: toBase64Url(response.clientDataJSON) };
  if (response instanceof AuthenticatorAttestationResponse) {
    body.attestationObject = toBase64Url(response.attestationObject);
    body.transports = response.getTransports?.() ?? [];
  } else {
    const assertion = response as AuthenticatorAssertionResponse;
    body.authenticatorData = toBase64Url(assertion.authenticatorData);
    body.signature = toBase64Url(assertion.signature);
    body.userHandle = toBase64Url(assertion.userHandle);
  }
  return {
    id: credential.id,
    rawId: toBase64Url(credential.rawId),
    type: credential.type,
    authenticatorAttachment: credential.authenticatorAttachment,
    clientExtensionResults: credential.getClientExtensionResults(),
    response: body,
  };
}

async function post(path: string, body: unknown, token?: string | null): Promise<Response> {
  const headers: Record<string, string> = token ? { ...json, Authorization: `Bearer ${token}` } : json;
  return fetch(path, { method: "POST", headers, body: JSON.stringify(body) });
}

/** Sign-in with a passkey: no email or password; the passkey names the account and verifies the user itself. */
async function signIn(session: PageSession, onSignedIn: () => void): Promise<void> {
  const error = $("sign-in-error");
  error.textContent = "";
  try {
    const started = await post("/api/identity/session/passkey/options", {});
    if (!started.ok) {
      error.textContent = started.status === 429 ? "Too many sign-in attempts. Try again in a minute." : "Passkeys are not available here.";
      return;
    }
    const challenge = (await started.json()) as Challenge;
    const credential = (await navigator.credentials.get({ publicKey: requestOptions(challenge.options) })) as PublicKeyCredential | null;
    if (credential === null) {
      return;
    }
    const answered = await post("/api/identity/session/passkey", { ceremonyId: challenge.ceremonyId, credential: credentialJson(credential) });
    if (answered.ok && (await session.resume())) {
      onSignedIn();
      return;
    }
    error.textContent = answered.status === 429 ? "Too many sign-in attempts. Try again in a minute." : "Sign-in with the passkey failed.";
  } catch {
    // The user cancelled the browser's prompt, or no passkey for this site is on the device.
    error.textContent = "No passkey was used.";
  }
}

/** Adding a passkey changes how the account signs in, so the user confirms with their password (and code) first. */
function openAddDialog(session: PageSession): void {
  const dialog = document.createElement("dialog");
  dialog.setAttribute("aria-labelledby", "add-passkey-heading");
  dialog.innerHTML = `
    <form method="dialog">
      <h2 id="add-passkey-heading">Add a passkey</h2>
      <p>Confirm it is you, then follow your browser's prompt.</p>
      <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
      <label>Authenticator code <input name="code" autocomplete="one-time-code"></label>
      <label>Name for this passkey <input name="name" value="Passkey" maxlength="100"></label>
      <p id="add-passkey-status" role="alert"></p>
      <button type="submit">Add passkey</button>
      <button type="button" value="close">Close</button>
    </form>`;
  const form = dialog.querySelector("form")!;
  const status = dialog.querySelector<HTMLElement>("#add-passkey-status")!;
  dialog.querySelector<HTMLButtonElement>("button[value=close]")!.addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => dialog.remove());
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void add(session, new FormData(form), status);
  });
  document.body.append(dialog);
  dialog.showModal();
}

async function add(session: PageSession, form: FormData, status: HTMLElement): Promise<void> {
  const field = (name: string) => String(form.get(name) ?? "").trim();
  status.textContent = "";
  try {
    const started = await post("/api/identity/me/passkeys/options", { password: form.get("password"), code: field("code") || null }, session.token());
    if (!started.ok) {
      status.textContent = started.status === 403 ? "The password or code is not right." : "Passkeys are not available here.";
      return;
    }
    const challenge = (await started.json()) as Challenge;
    const credential = (await navigator.credentials.create({ publicKey: creationOptions(challenge.options) })) as PublicKeyCredential | null;
    if (credential === null) {
      return;
    }
    const saved = await post(
      "/api/identity/me/passkeys",
      { ceremonyId: challenge.ceremonyId, credential: credentialJson(credential), name: field("name") },
      session.token(),
    );
    status.textContent = saved.ok ? "Passkey added. You can use it to sign in." : "The passkey could not be added. Try again.";
  } catch {
    status.textContent = "No passkey was created.";
  }
}

/** Wires the passkey buttons: "#passkey-sign-in" in the sign-in dialog and "#add-passkey" for a signed-in user. */
export function wirePasskeys(session: PageSession, onSignedIn: () => void): void {
  if (!window.PublicKeyCredential) {
    $("passkey-sign-in").hidden = true;
    $("add-passkey").remove();
    return;
  }
  $("passkey-sign-in").addEventListener("click", () => void signIn(session, onSignedIn));
  $("add-passkey").addEventListener("click", () => openAddDialog(session));
}
