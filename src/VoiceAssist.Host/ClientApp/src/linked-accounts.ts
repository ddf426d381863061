// Settings: the user's linked calendar (CalDAV) and mail (IMAP and SMTP). The app password is sent once when a link
// is made and never comes back: the list shows the server, the user name, the time zone and the last problem reaching
// the server. Calls the Integrations API with the page's in-memory access token (none while sign-in is not required).
import { problemMessage } from "./authenticator";
import type { PageSession } from "./session";

interface LinkedAccount {
  id: string;
  kind: string;
  scope: string;
  serverUrl: string;
  smtpUrl: string | null;
  userName: string;
  timeZone: string;
  lastError: string | null;
}

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

export class LinkedAccountsPanel {
  private readonly panel = $<HTMLDetailsElement>("linked-accounts");
  private readonly form = $<HTMLFormElement>("link-form");
  private readonly list = $<HTMLUListElement>("linked-list");
  private readonly status = $<HTMLParagraphElement>("link-status");
  private readonly kind = $<HTMLSelectElement>("link-kind");

  constructor(private readonly session: PageSession) {
    $<HTMLInputElement>("link-time-zone").value = Intl.DateTimeFormat().resolvedOptions().timeZone;
    this.panel.addEventListener("toggle", () => {
      if (this.panel.open) {
        void this.load();
      }
    });
    this.kind.addEventListener("change", () => this.showKind());
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.link();
    });
    this.showKind();
  }

  private showKind(): void {
    const mail = this.kind.value === "mail";
    $<HTMLElement>("link-smtp-row").hidden = !mail;
    $<HTMLInputElement>("link-server").placeholder = mail ? "imaps://mail.example.org" : "https://cloud.example.org/remote.php/dav/calendars/me/personal/";
  }

  private async load(): Promise<void> {
    const response = await this.api("GET", "/api/integrations/accounts");
    if (!response.ok) {
      this.status.textContent = await problemMessage(response, "Linked accounts could not be loaded.");
      return;
    }
    const accounts = (await response.json()) as LinkedAccount[];
    this.list.replaceChildren(
      ...accounts.map((account) => {
        const item = document.createElement("li");
        item.textContent = `${account.kind === "calendar" ? "Calendar" : account.kind === "mail" ? "Mail" : "Files"}: ${account.userName} at ${account.serverUrl} (${account.timeZone})`;
        if (account.lastError) {
          const problem = document.createElement("span");
          problem.className = "problem";
          problem.textContent = ` Last problem: ${account.lastError}`;
          item.append(problem);
        }
        const remove = document.createElement("button");
        remove.type = "button";
        remove.textContent = "Remove";
        remove.setAttribute("aria-label", `Remove the ${account.kind} link for ${account.userName}`);
        remove.addEventListener("click", () => void this.unlink(account.id));
        item.append(" ", remove);
        return item;
      }),
    );
    if (accounts.length === 0) {
      const none = document.createElement("li");
      none.textContent = "Nothing linked yet.";
      this.list.append(none);
    }
  }

  private async link(): Promise<void> {
    const data = new FormData(this.form);
    const body = {
      kind: String(data.get("kind")),
      serverUrl: String(data.get("serverUrl") ?? ""),
      smtpUrl: this.kind.value === "mail" ? String(data.get("smtpUrl") ?? "") : null,
      userName: String(data.get("userName") ?? ""),
      password: String(data.get("password") ?? ""),
      timeZone: String(data.get("timeZone") ?? "") || null,
    };
    const response = await this.api("POST", "/api/integrations/accounts", body);
    $<HTMLInputElement>("link-password").value = "";
    if (!response.ok) {
      this.status.textContent = await problemMessage(response, "The link was refused.");
      return;
    }
    this.status.textContent = `Linked your ${body.kind}.`;
    await this.load();
  }

  private async unlink(id: string): Promise<void> {
    const response = await this.api("DELETE", `/api/integrations/accounts/${encodeURIComponent(id)}`);
    this.status.textContent = response.ok ? "Link removed." : await problemMessage(response, "The link could not be removed.");
    await this.load();
  }

  private async api(method: string, path: string, body?: object): Promise<Response> {
    const send = () => {
      const token = this.session.token();
      return fetch(path, {
        method,
        headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body ? { "Content-Type": "application/json" } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      }).catch(() => new Response(null, { status: 503 }));
    };
    const response = await send();
    return response.status === 401 && (await this.session.resume()) ? send() : response;
  }
}
