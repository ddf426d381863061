// Builds the voice page and the admin console's assets into the host's wwwroot: the page script and the capture worklet bundled by esbuild, the
// static files copied, and the Silero VAD model, its worklet and the onnxruntime-web WebAssembly files vendored so
// that nothing is loaded from a CDN.
import { build } from "esbuild";
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "wwwroot");
const vad = join(here, "node_modules", "@ricky0123", "vad-web", "dist");
const ort = join(here, "node_modules", "onnxruntime-web", "dist");

rmSync(join(out, "vendor"), { recursive: true, force: true });
mkdirSync(join(out, "vendor", "vad"), { recursive: true });
mkdirSync(join(out, "vendor", "ort"), { recursive: true });

await build({
  entryPoints: [join(here, "src", "main.ts")],
  outfile: join(out, "app.js"),
  bundle: true,
  format: "esm",
  target: "es2022",
  minify: true,
  sourcemap: true,
  logLevel: "warning",
});
await build({
  entryPoints: [join(here, "src", "capture-worklet.ts")],
  outfile: join(out, "capture-worklet.js"),
  bundle: true,
  format: "iife",
  target: "es2022",
  minify: true,
  logLevel: "warning",
});

// The admin console's script and styles, with the chart library's own stylesheet (served under /admin/assets).
await build({
  entryPoints: [join(here, "src", "console", "console.ts")],
  outfile: join(out, "admin", "assets", "console.js"),
  bundle: true,
  format: "esm",
  target: "es2022",
  minify: true,
  sourcemap: true,
  logLevel: "warning",
});

cpSync(join(here, "static"), out, { recursive: true });
cpSync(join(here, "node_modules", "uplot", "dist", "uPlot.min.css"), join(out, "admin", "assets", "uPlot.min.css"));
for (const file of ["silero_vad_v5.onnx", "silero_vad_legacy.onnx", "vad.worklet.bundle.min.js"]) {
  cpSync(join(vad, file), join(out, "vendor", "vad", file));
}
for (const file of ["ort-wasm-simd-threaded.wasm", "ort-wasm-simd-threaded.mjs"]) {
  cpSync(join(ort, file), join(out, "vendor", "ort", file));
}
console.log(`voice page built into ${out}`);
