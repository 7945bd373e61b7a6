// Floor of the Edge cold-start row (bench/edge/edge.mjs): Deno.serve answering every request with an empty tool
// list, nothing else loaded. Nothing an Edge Function can do starts faster under the same Deno.
Deno.serve({ port: Number(Deno.env.get('PORT')), hostname: '127.0.0.1', onListen() {} }, () => Response.json({ tools: [] }));
