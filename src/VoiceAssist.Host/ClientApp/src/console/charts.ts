import uPlot from "uplot";

type Point = { t: number; [field: string]: number | null };

/** Draws (or updates) every `[data-chart]` element from `data[element.dataset.chart]`, plotting `data-field` over time.
 * A chart with nothing to show (no value above zero) is still drawn, with its axes, and says so in the `.chart-empty`
 * note after it (the server renders the note for the first data, so it also shows without this script). */
export function drawCharts(root: Document, data: Record<string, unknown>, charts: Map<HTMLElement, uPlot>): void {
  for (const element of root.querySelectorAll<HTMLElement>("[data-chart]")) {
    const points = (data[element.dataset.chart!] as Point[] | undefined) ?? [];
    const field = element.dataset.field!;
    const series: uPlot.AlignedData = [points.map((p) => p.t), points.map((p) => p[field] ?? null)];
    const empty = !points.some((p) => typeof p[field] === "number" && p[field] !== 0);
    const note = element.nextElementSibling;
    if (note instanceof HTMLElement && note.classList.contains("chart-empty")) {
      note.hidden = !empty;
    }

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
          // With nothing to plot the value axis still spans 0 to 1, so the empty chart keeps its frame.
          scales: {
            y: {
              range: (_u, min, max): uPlot.Range.MinMax =>
                !Number.isFinite(min) || !Number.isFinite(max) || max <= 0 ? [0, 1] : uPlot.rangeNum(Math.min(0, min), max, 0.1, true),
            },
          },
          series: [{}, { stroke: "#1f5fa8", fill: "rgba(31, 95, 168, 0.12)", width: 2, spanGaps: false }],
        },
        series,
        element,
      ),
    );
  }
}

/** Charts of a page that renders its series once, in a JSON block with the given id. */
export function drawStaticCharts(root: Document, id: string): void {
  const data = root.getElementById(id);
  if (data) {
    drawCharts(root, JSON.parse(data.textContent ?? "{}") as Record<string, unknown>, new Map());
  }
}
