// A stand-in for the Railway CLI in mcpops's tests. It answers the two commands mcpops runs:
//
//   railway mcp                                   Railway's local MCP server over stdio: the tools
//                                                  mcpops calls, with the names, input schemas and
//                                                  error messages of railwayapp/cli
//                                                  (src/commands/mcp/handler.rs, params.rs)
//   railway variable delete KEY --service S --environment E [--project P] --json
//
// Its Railway account is a JSON file (RAILWAY_STAND_IN_STATE): { loggedIn, linkedProject, projects:
// { <id>: { name, environments: [..], services: { <name>: { variables: { <env>: {K: V} },
// deployments: [..], logs: [..] } } } } }; set/delete write it back. Every start (argv, environment,
// working folder) and every call is appended as one JSON line to RAILWAY_STAND_IN_LOG, so tests can
// check what mcpops sent and that no secret reached argv or the environment.
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError } from "@modelcontextprotocol/sdk/types.js";

const statePath = process.env.RAILWAY_STAND_IN_STATE;
const logPath = process.env.RAILWAY_STAND_IN_LOG;
const argv = process.argv.slice(2);

function record(entry) {
  if (logPath) appendFileSync(logPath, JSON.stringify(entry) + "\n");
}

function loadState() {
  return JSON.parse(readFileSync(statePath, "utf8"));
}

function saveState(state) {
  writeFileSync(statePath, JSON.stringify(state, null, 2));
}

record({ kind: "start", argv, env: process.env, cwd: process.cwd() });

// Input schemas as schemars derives them from params.rs (Option<T> fields are optional).
const projectId = { type: "string", description: "The project ID. If omitted, uses the currently linked project." };
const serviceId = { type: "string", description: "The service ID or name. If omitted, uses the currently linked service." };
const environmentId = { type: "string", description: "The environment ID or name. If omitted, uses the currently linked environment." };
const serviceParams = { project_id: projectId, service_id: serviceId, environment_id: environmentId };
const object = (properties, required = []) => ({ type: "object", properties, required });

const tools = [
  { name: "whoami", description: "Check Railway authentication status and return the current user", inputSchema: object({}) },
  { name: "list_projects", description: "List all projects in the user's Railway account, grouped by workspace. Returns project names and IDs.", inputSchema: object({}) },
  { name: "list_services", description: "List all services in a Railway project. If no project_id is provided, uses the currently linked project.", inputSchema: object({ project_id: projectId }) },
  { name: "list_deployments", description: "List recent deployments for a service.", inputSchema: object({ ...serviceParams, limit: { type: "integer", description: "Maximum number of deployments to return (default: 20)." } }) },
  { name: "list_variables", description: "List all environment variables for a service. Returns KEY=VALUE pairs.", inputSchema: object(serviceParams) },
  {
    name: "get_logs",
    description: "Get build, deploy, or HTTP logs for a service's deployment.",
    inputSchema: object({
      ...serviceParams,
      deployment_id: { type: "string" },
      log_type: { type: "string", enum: ["build", "deploy", "http"] },
      lines: { type: "integer" },
      since: { type: "string" },
      until: { type: "string" },
      level: { type: "string" },
      search: { type: "string" },
      method: { type: "string" },
      status: { type: "string" },
      path: { type: "string" },
      request_id: { type: "string" },
    }),
  },
  {
    name: "set_variables",
    description: "Set one or more environment variables on a service. Pass variables as a JSON object mapping names to values. Triggers a redeploy unless skip_deploys is true.",
    inputSchema: object({ ...serviceParams, variables: { type: "object", additionalProperties: { type: "string" } }, skip_deploys: { type: "boolean" } }, ["variables"]),
  },
];

/** Strict: an unknown or mistyped argument is a test failure, not something to ignore. */
function validate(tool, args) {
  const schema = tool.inputSchema;
  for (const [name, value] of Object.entries(args)) {
    const property = schema.properties[name];
    if (!property) throw new McpError(ErrorCode.InvalidParams, `${tool.name}: unknown argument '${name}'`);
    const type = property.type === "integer" ? (Number.isInteger(value) ? "integer" : typeof value) : Array.isArray(value) ? "array" : typeof value;
    if (type !== property.type) throw new McpError(ErrorCode.InvalidParams, `${tool.name}: '${name}' must be ${property.type}, got ${type}`);
    if (property.enum && !property.enum.includes(value)) throw new McpError(ErrorCode.InvalidParams, `${tool.name}: '${name}' must be one of ${property.enum.join(", ")}`);
    if (property.additionalProperties) {
      for (const [key, inner] of Object.entries(value)) {
        if (typeof inner !== "string") throw new McpError(ErrorCode.InvalidParams, `${tool.name}: ${name}.${key} must be a string`);
      }
    }
  }
  for (const name of schema.required) {
    if (!(name in args)) throw new McpError(ErrorCode.InvalidParams, `${tool.name}: missing field \`${name}\``);
  }
}

function requireLogin(state) {
  if (!state.loggedIn) throw new McpError(ErrorCode.InternalError, "Not authenticated. Run 'railway login' first. Error: Unauthorized. Please login with `railway login`");
}

/** resolve_service_context in handler.rs: project, then environment, then service. */
function resolve(state, args) {
  const id = args.project_id ?? state.linkedProject;
  if (!id) throw new McpError(ErrorCode.InvalidParams, "No project_id provided and no linked project. Run 'railway link' or pass a project_id.");
  const project = state.projects[id];
  if (!project) throw new McpError(ErrorCode.InternalError, `Failed to get project: Project not found: ${id}`);
  const environments = project.environments.map((e) => `- ${e}`).join("\n");
  if (!args.environment_id) throw new McpError(ErrorCode.InvalidParams, `No environment_id provided and no linked environment. Available environments:\n${environments}`);
  if (!project.environments.includes(args.environment_id)) throw new McpError(ErrorCode.InvalidParams, `Failed to resolve environment: Environment "${args.environment_id}" not found. Available environments:\n${environments}`);
  const services = Object.keys(project.services).map((s) => `- ${s} (id: svc-${s})`).join("\n");
  if (!args.service_id) throw new McpError(ErrorCode.InvalidParams, `No service_id provided and no linked service. Available services:\n${services}`);
  const name = Object.keys(project.services).find((s) => s.toLowerCase() === args.service_id.toLowerCase());
  if (!name) throw new McpError(ErrorCode.InvalidParams, `Service '${args.service_id}' not found. Available services:\n${services}`);
  return { project, service: project.services[name], environment: args.environment_id };
}

const text = (value) => ({ content: [{ type: "text", text: value }] });

const handlers = {
  whoami: (state) => text("Logged in as Stand In (stand-in@example.com)"),
  list_projects: (state) => text(Object.entries(state.projects).map(([id, p]) => `- ${p.name} (id: ${id})`).join("\n")),
  list_services: (state, args) => {
    const project = state.projects[args.project_id ?? state.linkedProject];
    return text(Object.keys(project.services).map((s) => `- ${s} (id: svc-${s})`).join("\n"));
  },
  list_deployments: (state, args) => {
    const { service } = resolve(state, args);
    const rows = (service.deployments ?? []).slice(0, args.limit ?? 20).map((d) => `${d.id} | ${d.status} | ${d.createdAt} | ${d.commit}`);
    return text(rows.length ? rows.join("\n") : "No deployments found.");
  },
  list_variables: (state, args) => {
    const { service, environment } = resolve(state, args);
    const variables = service.variables?.[environment] ?? {};
    const lines = Object.entries(variables).map(([k, v]) => `${k}=${v}`);
    return text(lines.length ? lines.join("\n") : "No variables found.");
  },
  get_logs: (state, args) => {
    const { service, environment } = resolve(state, args);
    const logs = (service.logs?.[environment] ?? []).slice(-(args.lines ?? 100));
    return text(logs.length ? logs.join("\n") : `No Deploy logs found for deployment ${service.deployments?.[0]?.id ?? "-"}`);
  },
  set_variables: (state, args) => {
    const { service, environment } = resolve(state, args);
    service.variables ??= {};
    service.variables[environment] = { ...(service.variables[environment] ?? {}), ...args.variables };
    saveState(state);
    const keys = Object.keys(args.variables);
    return text(`Successfully set ${keys.length} variable(s): ${keys.join(", ")}`);
  },
};

function option(name) {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
}

if (argv[0] === "mcp" && argv.length === 1) {
  const state = loadState();
  if (state.mode === "no-mcp") {
    process.stderr.write("error: unrecognized subcommand 'mcp'\n");
    process.exit(2);
  }
  const server = new Server({ name: "railway-mcp-server", version: "0.0.0-stand-in" }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools }));
  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const args = request.params.arguments ?? {};
    record({ kind: "call", tool: request.params.name, arguments: args });
    const tool = tools.find((t) => t.name === request.params.name);
    if (!tool) throw new McpError(ErrorCode.InvalidParams, `tool not found: ${request.params.name}`);
    validate(tool, args);
    const current = loadState();
    if (current.mode === "crash" && request.params.name !== "whoami") {
      process.stderr.write("stand-in: crashing as asked\n");
      process.exit(3);
    }
    requireLogin(current);
    return handlers[tool.name](current, args);
  });
  await server.connect(new StdioServerTransport());
} else if (argv[0] === "variable" && argv[1] === "delete" && argv.includes("--json")) {
  const state = loadState();
  const key = argv[2];
  record({ kind: "delete", key, service: option("--service"), environment: option("--environment"), project: option("--project") });
  if (!state.loggedIn) {
    process.stderr.write("Unauthorized. Please login with `railway login`\n");
    process.exit(1);
  }
  try {
    const { service, environment } = resolve(state, { project_id: option("--project"), service_id: option("--service"), environment_id: option("--environment") });
    const variables = service.variables?.[environment] ?? {};
    if (!(key in variables)) {
      process.stderr.write(`Variable '${key}' not found\n`);
      process.exit(1);
    }
    delete variables[key];
    saveState(state);
    process.stdout.write(JSON.stringify({ key, deleted: true }) + "\n");
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
} else {
  process.stderr.write(`railway stand-in: unsupported command line: ${argv.join(" ")}\n`);
  process.exit(2);
}
