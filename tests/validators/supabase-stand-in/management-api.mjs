// A stand-in for the Supabase Management API (https://api.supabase.com) and the Edge Functions
// gateway, for end-to-end deploy tests. Only what @supabase/mcp-server-supabase 0.13.0 calls for
// deploy_edge_function (read from its dist/, chunk "functions"): GET /v1/projects/{ref}/functions/{slug}
// (404 when new; when it exists, GET .../body as multipart/form-data), then
// POST /v1/projects/{ref}/functions/deploy?slug={slug}, multipart: a "metadata" JSON part
// ({ name, entrypoint_path, import_map_path, verify_jwt }) and one "file" part per file (filename = its name).
// The response is an Edge Function object, which the tool validates as its output schema.
//
// Gateway: /functions/v1/<slug>/... is served by the deployed files run under Deno (STANDIN_DENO: the
// deno executable), with the path as the hosted gateway passes it (/<slug>/...), and the
// SUPABASE_URL / SUPABASE_ANON_KEY the hosted runtime injects.
//
// Environment: STANDIN_TOKEN (the access token to accept), STANDIN_STATE (a folder: requests.jsonl,
// deploys.jsonl, functions/<slug>/<files>), STANDIN_ANON_KEY, STANDIN_DENO. Prints {"url": ...} on stdout.
import { createServer } from "node:http";
import { createHash } from "node:crypto";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from "node:fs";
import { join, dirname, normalize, isAbsolute } from "node:path";
import { createServer as createNetServer } from "node:net";

const token = process.env.STANDIN_TOKEN ?? "";
const state = process.env.STANDIN_STATE ?? process.exit(2);
const anonKey = process.env.STANDIN_ANON_KEY ?? "";
const deno = process.env.STANDIN_DENO;
mkdirSync(join(state, "functions"), { recursive: true });

const functions = new Map(); // slug -> function object
const runtimes = new Map(); // slug -> { port, child, version }

const json = (res, status, body) => {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
};

const record = (file, entry) => appendFileSync(join(state, file), JSON.stringify(entry) + "\n");

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function freePort() {
  const server = createNetServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address();
  server.close();
  await once(server, "close");
  return port;
}

async function runtimeFor(slug) {
  const fn = functions.get(slug);
  const current = runtimes.get(slug);
  if (current && current.version === fn.version) return current;
  current?.child.kill("SIGTERM");
  const port = await freePort();
  const folder = join(state, "functions", slug);
  const child = spawn(deno, ["run", "--allow-net", "--allow-env", "--allow-read", fn.entrypoint_path], {
    cwd: folder,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DENO_DIR: join(state, "deno-dir"), PORT: String(port), SUPABASE_URL: "http://127.0.0.1", SUPABASE_ANON_KEY: anonKey, DENO_NO_UPDATE_CHECK: "1" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`deno exited ${child.exitCode}: ${stderr}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/${slug}/health`);
      await r.arrayBuffer();
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const runtime = { port, child, version: fn.version };
  runtimes.set(slug, runtime);
  return runtime;
}

async function gateway(req, res, url) {
  const match = url.pathname.match(/^\/functions\/v1\/([^/]+)(\/.*)?$/);
  const slug = match?.[1];
  if (!slug || !functions.has(slug)) return json(res, 404, { code: "NOT_FOUND", message: "Requested function was not found" });
  if (!deno) return json(res, 503, { message: "STANDIN_DENO is not set: the stand-in cannot run functions" });
  const fn = functions.get(slug);
  if (fn.verify_jwt && !/^Bearer eyJ/.test(req.headers.authorization ?? "")) {
    return json(res, 401, { code: 401, message: "Missing authorization header" });
  }
  const runtime = await runtimeFor(slug);
  const headers = { ...req.headers };
  // Hop-by-hop headers (and the length: fetch sets its own) are not forwarded, as by any proxy.
  for (const name of ["host", "connection", "keep-alive", "transfer-encoding", "upgrade", "content-length", "expect"]) delete headers[name];
  const body = ["GET", "HEAD"].includes(req.method) ? undefined : await readBody(req);
  const upstream = await fetch(`http://127.0.0.1:${runtime.port}/${slug}${match[2] ?? ""}${url.search}`, { method: req.method, headers, body, redirect: "manual" });
  const answer = Object.fromEntries(upstream.headers);
  for (const name of ["connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding"]) delete answer[name];
  res.writeHead(upstream.status, answer);
  res.flushHeaders();
  if (!upstream.body) return res.end();
  req.on("close", () => upstream.body.cancel().catch(() => {}));
  for await (const chunk of upstream.body) res.write(chunk);
  res.end();
}

async function managementApi(req, res, url) {
  const authorized = req.headers.authorization === `Bearer ${token}`;
  record("requests.jsonl", { method: req.method, path: url.pathname, query: url.search, contentType: req.headers["content-type"] ?? null, userAgent: req.headers["user-agent"] ?? null, authorized });
  if (!authorized) return json(res, 401, { message: "Unauthorized" });

  let m;
  if (req.method === "GET" && (m = url.pathname.match(/^\/v1\/projects\/([a-z]{20})\/functions\/([^/]+)$/))) {
    const fn = functions.get(m[2]);
    return fn ? json(res, 200, fn) : json(res, 404, { message: "Function not found" });
  }

  if (req.method === "GET" && (m = url.pathname.match(/^\/v1\/projects\/([a-z]{20})\/functions\/([^/]+)\/body$/))) {
    const folder = join(state, "functions", m[2]);
    if (!functions.has(m[2])) return json(res, 404, { message: "Function not found" });
    const form = new FormData();
    for (const name of readdirSync(folder)) form.append("file", new Blob([readFileSync(join(folder, name))]), name);
    const response = new Response(form);
    res.writeHead(200, { "content-type": response.headers.get("content-type") });
    return res.end(Buffer.from(await response.arrayBuffer()));
  }

  if (req.method === "POST" && (m = url.pathname.match(/^\/v1\/projects\/([a-z]{20})\/functions\/deploy$/))) {
    const slug = url.searchParams.get("slug");
    const form = await new Request("http://stand-in/", { method: "POST", headers: { "content-type": req.headers["content-type"] }, body: await readBody(req) }).formData();
    const metadataPart = form.get("metadata");
    if (!metadataPart) return json(res, 400, { message: "metadata is required" });
    const metadata = JSON.parse(typeof metadataPart === "string" ? metadataPart : await metadataPart.text());
    const files = [];
    for (const part of form.getAll("file")) {
      const bytes = Buffer.from(await part.arrayBuffer());
      files.push({ name: part.name, type: part.type, bytes });
    }
    if (!slug || !/^[A-Za-z][A-Za-z0-9_-]*$/.test(slug) || slug !== metadata.name) return json(res, 400, { message: `slug '${slug}' does not match metadata.name '${metadata.name}'` });
    if (!files.some((f) => normalize(f.name) === normalize(metadata.entrypoint_path))) return json(res, 400, { message: `Entrypoint path does not exist - ${metadata.entrypoint_path}` });
    if (files.some((f) => isAbsolute(f.name) || normalize(f.name).startsWith(".."))) return json(res, 400, { message: "file names must be relative" });
    const folder = join(state, "functions", slug);
    rmSync(folder, { recursive: true, force: true });
    for (const f of files) {
      mkdirSync(dirname(join(folder, f.name)), { recursive: true });
      writeFileSync(join(folder, f.name), f.bytes);
    }
    const previous = functions.get(slug);
    const now = Date.now();
    const fn = {
      id: previous?.id ?? createHash("sha256").update(m[1] + slug).digest("hex").slice(0, 32),
      slug,
      name: metadata.name,
      status: "ACTIVE",
      version: (previous?.version ?? 0) + 1,
      created_at: previous?.created_at ?? now,
      updated_at: now,
      verify_jwt: metadata.verify_jwt ?? true,
      import_map: Boolean(metadata.import_map_path),
      entrypoint_path: metadata.entrypoint_path,
      ...(metadata.import_map_path ? { import_map_path: metadata.import_map_path } : {}),
    };
    functions.set(slug, fn);
    record("deploys.jsonl", {
      ref: m[1],
      slug,
      metadata,
      files: files.map((f) => ({ name: f.name, type: f.type, size: f.bytes.length, sha256: createHash("sha256").update(f.bytes).digest("hex") })),
    });
    return json(res, 201, fn);
  }

  return json(res, 404, { message: `stand-in: no route ${req.method} ${url.pathname}` });
}

const server = createServer((req, res) => {
  const url = new URL(req.url, "http://stand-in");
  const handler = url.pathname.startsWith("/functions/v1/") ? gateway : managementApi;
  handler(req, res, url).catch((error) => {
    if (!res.headersSent) json(res, 500, { message: `${error?.message ?? error}${error?.cause ? `: ${error.cause.message ?? error.cause}` : ""}` });
    else res.end();
  });
});
server.listen(0, "127.0.0.1", () => {
  console.log(JSON.stringify({ url: `http://127.0.0.1:${server.address().port}` }));
});
const stop = () => {
  for (const { child } of runtimes.values()) child.kill("SIGTERM");
  server.close();
  server.closeAllConnections();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
process.stdin.on("end", stop);
process.stdin.resume();
