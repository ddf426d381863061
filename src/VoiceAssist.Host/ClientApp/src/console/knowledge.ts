/** Marks a request as the page refreshing itself: it does not keep the sign-in session alive. */
const backgroundHeader = { "X-Background-Refresh": "1" };
const pollMs = 1_000;

type Accepted = { documentId?: string; outcome?: string; status?: string; errors?: string[] };
type Progress = { id: string; status: string; statusDetail: string | null; failureReason: string | null; chunkCount: number };

/**
 * The knowledge base's upload form: each chosen file is sent on its own, with a progress bar while its bytes go up,
 * then its processing status ("queued", "OCR (page 3 of 12)", "ready") until it is ready or failed. Without this
 * script the form posts every file at once and the list shows their status.
 */
export function startKnowledgeUpload(root: Document): void {
  const form = root.querySelector<HTMLFormElement>("form[data-knowledge-upload]");
  const list = form?.querySelector<HTMLUListElement>("[data-knowledge-upload-list]");
  const input = form?.querySelector<HTMLInputElement>("input[type=file]");
  if (!form || !list || !input) {
    return;
  }

  form.addEventListener("submit", (event) => {
    const files = Array.from(input.files ?? []);
    if (files.length === 0) {
      return;
    }

    event.preventDefault();
    const token = form.querySelector<HTMLInputElement>("input[name=__RequestVerificationToken]")?.value ?? "";
    const url = `${location.pathname}?handler=UploadOne`;
    list.replaceChildren();
    const waiting = new Map<string, HTMLElement>();
    const uploads = files.map((file) => {
      const item = document.createElement("li");
      const name = document.createElement("span");
      name.textContent = `${file.name}: `;
      const bar = document.createElement("progress");
      bar.max = file.size || 1;
      bar.value = 0;
      bar.setAttribute("aria-label", `Upload of ${file.name}`);
      const state = document.createElement("span");
      state.dataset.uploadState = file.name;
      state.textContent = " sending";
      item.append(name, bar, state);
      list.append(item);
      return send(url, token, file, bar).then((accepted) => {
        if (accepted.documentId) {
          state.textContent = ` ${accepted.outcome}: ${accepted.status}`;
          waiting.set(accepted.documentId, state);
        } else {
          state.className = "error";
          state.textContent = ` ${(accepted.errors ?? ["refused"]).join(" ")}`;
        }
      });
    });
    input.value = "";
    void Promise.all(uploads).then(() => follow(waiting));
  });
}

function send(url: string, token: string, file: File, bar: HTMLProgressElement): Promise<Accepted> {
  return new Promise((resolve) => {
    const body = new FormData();
    body.append("__RequestVerificationToken", token);
    body.append("Files", file, file.name);
    const request = new XMLHttpRequest();
    request.open("POST", url);
    request.responseType = "json";
    request.upload.addEventListener("progress", (progress) => {
      bar.value = progress.loaded;
      bar.max = progress.total || bar.max;
    });
    request.addEventListener("load", () => {
      bar.value = bar.max;
      resolve((request.response as Accepted | null) ?? { errors: [`failed (${request.status})`] });
    });
    request.addEventListener("error", () => resolve({ errors: ["the upload failed"] }));
    request.send(body);
  });
}

/** Polls the documents' processing status until each is ready, embedding (searchable) or failed. */
function follow(waiting: Map<string, HTMLElement>): void {
  if (waiting.size === 0) {
    return;
  }

  const timer = window.setInterval(async () => {
    const ids = Array.from(waiting.keys()).map((id) => `ids=${encodeURIComponent(id)}`).join("&");
    const response = await fetch(`${location.pathname}?handler=Progress&${ids}`, { headers: backgroundHeader, credentials: "same-origin" }).catch(() => null);
    if (!response?.ok) {
      return;
    }

    for (const row of (await response.json()) as Progress[]) {
      const state = waiting.get(row.id);
      if (!state) {
        continue;
      }

      state.textContent = ` ${row.status}${row.statusDetail ? ` (${row.statusDetail})` : ""}${row.failureReason ? `: ${row.failureReason}` : ""}`;
      if (row.status === "ready" || row.status === "embedding" || row.status === "failed") {
        state.className = row.status === "failed" ? "error" : "";
        waiting.delete(row.id);
      }
    }

    if (waiting.size === 0) {
      window.clearInterval(timer);
    }
  }, pollMs);
}
