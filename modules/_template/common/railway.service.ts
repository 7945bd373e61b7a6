// Railway service for the mcp-module-name MCP server (Railway IaC, npm package `railway`,
// entry point `railway/iac`). .railway/railway.ts imports this file - `mcpops sync` adds
// the import and the entry in the project's resources - and `railway config plan` /
// `railway config apply` reconcile Railway with it. Deploys then come from GitHub main.
//
// Secrets never appear here: MCP_AUTH_TOKEN is a sealed variable set on the service in
// Railway and only preserved by this file (see below).
import { preserve, service, type RailwayContext, type SourceConfig } from "railway/iac";

export interface McpServiceOptions {
  /** The context .railway/railway.ts receives from `defineRailway`. */
  readonly ctx: RailwayContext;
  /**
   * The GitHub source shared by every service of the workspace, for example
   * `github("acme/platform", { branch: "main", checkSuites: true })`. Without it the
   * service is created without a source and the repository is connected in the dashboard.
   */
  readonly source?: SourceConfig | undefined;
}

export default function mcpModuleService({ ctx, source }: McpServiceOptions) {
  return service("mcp-module-name", {
    ...(source ? { source } : {}),

    // Built from the repository root (no root directory): the Dockerfile needs the root
//#if (CSharp)
    // .NET files and modules/_shared/mcp-core-dotnet. Its ENTRYPOINT starts the server.
//#else
    // lockfile and modules/_shared/mcp-core. Its CMD starts the server.
//#endif
    build: {
      builder: "DOCKERFILE",
      dockerfilePath: "modules/mcp-module-name/mcp/Dockerfile",
      // Redeploy only when something this image is built from changes.
      watchPatterns: [
        "/modules/mcp-module-name/mcp/**",
//#if (CSharp)
        "/modules/_shared/mcp-core-dotnet/**",
        "/global.json",
        "/Directory.Build.props",
        "/Directory.Packages.props",
//#else
        "/modules/_shared/mcp-core/**",
        "/package.json",
        "/package-lock.json",
        "/tsconfig.base.json",
//#endif
      ],
    },

    // Railway probes from healthcheck.railway.app; mcp-core always allows that Host and
    // answers /health at the root even when MCP_BASE_PATH is set.
    healthcheck: "/health",
    healthcheckTimeout: 60,

    // One replica: the legacy HTTP+SSE transport (/sse + /messages) keeps its session
    // in the replica that opened the stream, and Railway has no session affinity. The
    // stateless Streamable HTTP endpoint (/mcp) scales out; raise this only when no
    // client uses /sse.
    replicas: 1,

    deploy: {
      restartPolicyType: "ON_FAILURE",
      restartPolicyMaxRetries: 5,
      // SIGTERM -> SIGKILL window for the previous deployment; mcp-core closes SSE
      // streams and finishes in-flight calls well inside it.
      drainingSeconds: 10,
    },

    env: {
      // Environment contract (module README): bind all interfaces, fixed port.
      HOST: "0.0.0.0",
      PORT: "8080",
      LOG_LEVEL: ctx.isEnvironment("production") ? "info" : "debug",
      // MCP_ALLOWED_HOSTS stays unset: bound to 0.0.0.0 the server then accepts the
      // platform-assigned host names and the bearer token is the access control. To pin
      // them once the service has its domain, add for example
      //   MCP_ALLOWED_HOSTS: "mcp.example.com",
      // (healthcheck.railway.app and loopback are always allowed by mcp-core).
      // Secret: set it once per environment as a SEALED service variable in Railway
      // (Variables -> New variable -> Seal). preserve() keeps that value and never
      // writes one, so the token exists nowhere but in Railway. The server refuses to
      // start without it.
      MCP_AUTH_TOKEN: preserve(),
    },
  });
}
