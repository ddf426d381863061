import uPlot from "uplot";

type Point = { t: number; [field: string]: number | null };

/** Draws (or updates) every `[data-chart]` element from `data[element.dataset.chart]`, plotting `data-field` over time. */
export function drawCharts(root: Document, data: Record<string, unknown>, charts: Map<HTMLElement, uPlot>): void {
  for (const element of root.querySelectorAll<HTMLElement>("[data-chart]")) {
    const points = (data[element.dataset.chart!] as Point[] | undefined) ?? [];
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

/** Charts of a page that renders its series once, in a JSON block with the given id. */
export function drawStaticCharts(root: Document, id: string): void {
  const data = root.getElementById(id);
  if (data) {
    drawCharts(root, JSON.parse(data.textContent ?? "{}") as Record<string, unknown>, new Map());
  }
}
