import uPlot from "uplot";

/** Marks a request as the page refreshing itself: it does not keep the sign-in session alive. */
const backgroundHeader = { "X-Background-Refresh": "1" };
const refreshMs = 10_000;

type Point = { t: number; [field: string]: number | null };
type Status = Record<string, unknown> & { at: string; dependencies: { name: string; status: string; description: string | null }[] };

/** The dashboard's figures and charts, refreshed every 10 seconds without reloading the page. */
export function startDashboard(root: Document): void {
  const data = root.getElementById("dashboard-status");
  if (!data) {
    return;
  }

  const charts = new Map<HTMLElement, uPlot>();
  const render = (status: Status) => {
    fill(root, status);
    drawCharts(root, status, charts);
  };
  render(JSON.parse(data.textContent ?? "{}") as Status);

  const url = data.dataset.refresh ?? location.pathname;
  window.setInterval(async () => {
    const response = await fetch(url, { headers: backgroundHeader, credentials: "same-origin" }).catch(() => null);
    if (response?.status === 401) {
      location.reload();
      return;
    }

    if (response?.ok) {
      render((await response.json()) as Status);
    }
  }, refreshMs);
}

function fill(root: Document, status: Status): void {
  for (const element of root.querySelectorAll<HTMLElement>("[data-status]")) {
    const key = element.dataset.status!;
    if (key === "at") {
      element.textContent = `As of ${new Date(status.at).toISOString().slice(11, 19)} UTC`;
    } else if (key === "dependencies") {
      element.replaceChildren(...status.dependencies.map(dependencyTile));
    } else if (key in status) {
      element.textContent = format(key, status[key]);
    }
  }
}

function dependencyTile(dependency: Status["dependencies"][number]): HTMLLIElement {
  const tile = document.createElement("li");
  tile.className = `tile status-${dependency.status.toLowerCase()}`;
  const label = document.createElement("span");
  label.className = "tile-label";
  label.textContent = dependency.name;
  const value = document.createElement("span");
  value.className = "tile-value";
  value.textContent = dependency.status;
  tile.append(label, value);
  if (dependency.description) {
    const note = document.createElement("span");
    note.className = "tile-note";
    note.textContent = dependency.description;
    tile.append(note);
  }
  return tile;
}

function format(key: string, value: unknown): string {
  if (value === null || value === undefined) {
    return "no data";
  }
  if (typeof value === "number") {
    if (key.endsWith("Ms")) {
      return `${Math.round(value)} ms`;
    }
    if (key === "errorRatePercent") {
      return `${value.toFixed(2).replace(/\.?0+$/, "")} %`;
    }
    if (key === "turnsPerMinute") {
      return value.toFixed(1);
    }
  }
  return String(value);
}

function drawCharts(root: Document, status: Status, charts: Map<HTMLElement, uPlot>): void {
  for (const element of root.querySelectorAll<HTMLElement>("[data-chart]")) {
    const points = (status[element.dataset.chart!] as Point[] | undefined) ?? [];
    const field = element.dataset.field!;
    const series: uPlot.AlignedData = [points.map((p) => p.t), points.map((p) => p[field] ?? null)];
    const existing = charts.get(element);
    if (existing) {
      existing.setData(series);
      continue;
    }

    const width = Math.max(240, element.clientWidth || 320);
    charts.set(
      element,
      new uPlot(
        {
          width,
          height: 140,
          legend: { show: false },
          cursor: { show: false },
          axes: [{}, { size: 50 }],
          series: [{}, { stroke: "#1f5fa8", fill: "rgba(31, 95, 168, 0.12)", width: 2, spanGaps: false }],
        },
        series,
        element,
      ),
    );
  }
}
