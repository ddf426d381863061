// What the sign-in enrollment step and the account security dialog both show: an authenticator's QR code and shared
// key, recovery codes shown once, and the server's problem details turned into a sentence for the user.

export interface AuthenticatorSetup {
  sharedKey: string;
  authenticatorUri: string;
  qrCodeDataUri: string;
}

export interface AuthenticatorView {
  qr: HTMLImageElement;
  key: HTMLElement;
  link: HTMLAnchorElement;
}

/** The key in groups of four, as authenticator apps print it; they ignore the spaces when it is typed in. */
export function groupedKey(key: string): string {
  return key.replace(/(.{4})(?=.)/g, "$1 ");
}

export function showAuthenticator(view: AuthenticatorView, setup: AuthenticatorSetup): void {
  view.qr.src = setup.qrCodeDataUri;
  view.key.textContent = groupedKey(setup.sharedKey);
  // On a phone the otpauth: link opens the authenticator app directly.
  view.link.href = setup.authenticatorUri;
}

export function clearAuthenticator(view: AuthenticatorView): void {
  view.qr.removeAttribute("src");
  view.key.textContent = "";
  view.link.removeAttribute("href");
}

export function showRecoveryCodes(list: HTMLOListElement, codes: readonly string[]): void {
  list.replaceChildren(
    ...codes.map((code) => {
      const item = document.createElement("li");
      item.textContent = code;
      return item;
    }),
  );
}

interface Problem {
  title?: string;
  detail?: string;
  errors?: Record<string, string[]>;
}

/** The most specific sentence an RFC 7807 answer carries: a field error, the detail, the title, else the fallback. */
export async function problemMessage(response: Response, fallback: string): Promise<string> {
  if (response.status === 429) {
    return "Too many attempts. Wait a minute, then try again.";
  }
  const problem = (await response.json().catch(() => ({}))) as Problem;
  const fieldError = Object.values(problem.errors ?? {}).flat()[0];
  return fieldError ?? problem.detail ?? problem.title ?? fallback;
}

/** Six digits, with any spaces the user typed taken out. */
export function normalizedCode(value: string): string {
  return value.replace(/\s/g, "");
}
