using McpOps.Templates.Tests.Infrastructure;
using static McpOps.Cli.Tests.Check.CheckWorkspace;

namespace McpOps.Cli.Tests.Check;

/// <summary>
/// For every rule: a generated workspace (plus the hand-written infra fixtures) is clean; one
/// change makes exactly that rule fire, on the right file and line(s); applying the rule's fix
/// hint makes the workspace clean again. All in memory over the shared generated workspace.
/// </summary>
[Collection(SharedTemplatePack.Name)]
public sealed class RuleTests(TemplatePack pack)
{
    private const string Dockerfile = "modules/billing/mcp/Dockerfile";
    private const string DockerIgnore = "modules/billing/mcp/Dockerfile.dockerignore";
    private const string RuntimeFrom = "FROM gcr.io/distroless/nodejs26-debian13:nonroot AS runtime";
    private const string BuildFrom = "FROM node:${NODE_VERSION}-trixie-slim AS build";

    /// <summary>name → (rule, file, break: returns the expected lines, fix).</summary>
    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["DOCKER001 root user"] = new("DOCKER001", Dockerfile,
            f => Edit(f, Dockerfile, "USER 65532:65532", "USER root"),
            f => Edit(f, Dockerfile, "USER root", "USER 65532:65532")),
        ["DOCKER001 no user"] = new("DOCKER001", Dockerfile,
            f => Edit(f, Dockerfile, "USER 65532:65532\n", "", expectLineOf: RuntimeFrom),
            f => Edit(f, Dockerfile, "EXPOSE 8080\n", "EXPOSE 8080\n\nUSER 65532:65532\n")),
        ["DOCKER002 no healthcheck"] = new("DOCKER002", Dockerfile,
            f => Edit(f, Dockerfile, Between(f[Dockerfile], "HEALTHCHECK --interval", "\n\n"), "", expectLineOf: RuntimeFrom),
            f => Edit(f, Dockerfile, "USER 65532:65532\n", "USER 65532:65532\nHEALTHCHECK CMD [\"node\", \"-e\", \"fetch('http://127.0.0.1:8080/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))\"]\n")),
        ["DOCKER003 latest base"] = new("DOCKER003", Dockerfile,
            f => Edit(f, Dockerfile, RuntimeFrom, "FROM node:latest AS runtime"),
            f => Edit(f, Dockerfile, "FROM node:latest AS runtime", "FROM node:26.12.1-trixie-slim AS runtime")),
        ["DOCKER003 untagged base"] = new("DOCKER003", Dockerfile,
            f => Edit(f, Dockerfile, RuntimeFrom, "FROM docker.io/library/node AS runtime"),
            f => Edit(f, Dockerfile, "FROM docker.io/library/node AS runtime", "FROM docker.io/library/node:26.12.1-trixie-slim AS runtime")),
        ["DOCKER003 ARG without default"] = new("DOCKER003", Dockerfile,
            f =>
            {
                Edit(f, Dockerfile, "ARG NODE_VERSION=26.12.1\n", "ARG NODE_VERSION\n");
                return [LineOf(f[Dockerfile], BuildFrom)];
            },
            f => Edit(f, Dockerfile, "ARG NODE_VERSION\n", "ARG NODE_VERSION=26.12.1\n", first: true)),
        ["DOCKER004 single stage"] = new("DOCKER004", Dockerfile,
            f =>
            {
                f[Dockerfile] = "FROM node:26.12.1-trixie-slim\nWORKDIR /app\nCOPY modules/billing/mcp/dist/ ./dist/\nUSER 65532:65532\nHEALTHCHECK CMD [\"node\", \"-e\", \"process.exit(0)\"]\nCMD [\"node\", \"dist/server.mjs\"]\n";
                return [1];
            },
            f => Edit(f, Dockerfile, "FROM node:26.12.1-trixie-slim\n", "FROM node:26.12.1-trixie-slim AS build\nRUN npm --version\nFROM node:26.12.1-trixie-slim AS runtime\n")),
        ["DOCKER005 shell form"] = new("DOCKER005", Dockerfile,
            f => Edit(f, Dockerfile, "ENTRYPOINT [\"/nodejs/bin/node\", \"dist/server.mjs\"]", "ENTRYPOINT /nodejs/bin/node dist/server.mjs"),
            f => Edit(f, Dockerfile, "ENTRYPOINT /nodejs/bin/node dist/server.mjs", "ENTRYPOINT [\"/nodejs/bin/node\", \"dist/server.mjs\"]")),
        ["DOCKER006 secret ARG"] = new("DOCKER006", Dockerfile,
            f => Edit(f, Dockerfile, "WORKDIR /workspace\n", "WORKDIR /workspace\nARG NPM_TOKEN\n", expectLineOf: "ARG NPM_TOKEN"),
            f => Edit(f, Dockerfile, "ARG NPM_TOKEN\n", "")),
        ["DOCKER006 secret ENV"] = new("DOCKER006", Dockerfile,
            f => Edit(f, Dockerfile, "    PORT=8080\n", "    PORT=8080 \\\n    MCP_AUTH_TOKEN=dev\n", expectLineOf: "ENV NODE_ENV=production"),
            f => Edit(f, Dockerfile, "    PORT=8080 \\\n    MCP_AUTH_TOKEN=dev\n", "    PORT=8080\n")),
        ["DOCKER007 ADD url"] = new("DOCKER007", Dockerfile,
            f => Edit(f, Dockerfile, "WORKDIR /workspace\n", "WORKDIR /workspace\nADD https://example.com/tool.tar.gz /tmp/\n", expectLineOf: "ADD https://"),
            f => Edit(f, Dockerfile, "ADD https://example.com/tool.tar.gz /tmp/\n", "")),
        ["DOCKER008 module Dockerfile.dockerignore"] = new("DOCKER008", DockerIgnore,
            f =>
            {
                Edit(f, DockerIgnore, "**/gha-creds-*.json\n", "");
                return [1];
            },
            f => Edit(f, DockerIgnore, "**/secrets/\n", "**/secrets/\n**/gha-creds-*.json\n")),
        ["DOCKER008 root .dockerignore"] = new("DOCKER008", ".dockerignore",
            f =>
            {
                Edit(f, ".dockerignore", "\n.git\n", "\n");
                return [1];
            },
            f => Edit(f, ".dockerignore", "\n.gitignore\n", "\n.git\n.gitignore\n")),
        ["MODULE001 no mcp-core server"] = new("MODULE001", "modules/billing/mcp/src/index.ts",
            f =>
            {
                f["modules/billing/mcp/src/index.ts"] = "import { createServer } from 'node:http';\ncreateServer((_req, res) => res.end('hi')).listen(8080);\n";
                return [1];
            },
            f => f["modules/billing/mcp/src/index.ts"] = "import { runServer } from '@acme/mcp-core';\nimport { serverOptions } from './server.js';\n\nawait runServer(serverOptions);\n"),
        ["MODULE001 C# without mcp-core"] = new("MODULE001", "modules/ledger/mcp/src/Ledger.Mcp/Program.cs",
            f =>
            {
                f["modules/ledger/mcp/src/Ledger.Mcp/Program.cs"] = "var app = WebApplication.Create(args);\napp.MapGet(\"/\", () => \"hi\");\napp.Run();\n";
                return [1];
            },
            f => f["modules/ledger/mcp/src/Ledger.Mcp/Program.cs"] = "var app = WebApplication.Create(args);\napp.MapGet(\"/health\", () => Results.Ok());\napp.Run();\n"),
        ["MODULE002 no mcp-core dependency"] = new("MODULE002", "modules/billing/mcp/package.json",
            f => Edit(f, "modules/billing/mcp/package.json", "\"@acme/mcp-core\": \"file:../../_shared/mcp-core\",\n    ", "", expectLineOf: "\"dependencies\""),
            f => Edit(f, "modules/billing/mcp/package.json", "\"dependencies\": {\n", "\"dependencies\": {\n    \"@acme/mcp-core\": \"file:../../_shared/mcp-core\",\n")),
        ["MODULE002 C# without mcp-core-dotnet"] = new("MODULE002", "modules/ledger/mcp/src/Ledger.Mcp/Ledger.Mcp.csproj",
            f =>
            {
                Edit(f, "modules/ledger/mcp/src/Ledger.Mcp/Ledger.Mcp.csproj", "_shared/mcp-core-dotnet/", "_shared/elsewhere/");
                return [1];
            },
            f => Edit(f, "modules/ledger/mcp/src/Ledger.Mcp/Ledger.Mcp.csproj", "_shared/elsewhere/", "_shared/mcp-core-dotnet/")),
        ["MODULE003 README without rollback"] = new("MODULE003", "modules/billing/mcp/README.md",
            f =>
            {
                Edit(f, "modules/billing/mcp/README.md", "\n## Rollback\n", "\n## Going back\n");
                return [1];
            },
            f => Edit(f, "modules/billing/mcp/README.md", "\n## Going back\n", "\n## Rollback\n")),
        ["MODULE004 Railway builds another module's Dockerfile"] = new("MODULE004", "modules/billing/mcp/railway.service.ts",
            f => Edit(f, "modules/billing/mcp/railway.service.ts", "dockerfilePath: \"modules/billing/", "dockerfilePath: \"modules/stock/"),
            f => Edit(f, "modules/billing/mcp/railway.service.ts", "dockerfilePath: \"modules/stock/", "dockerfilePath: \"modules/billing/")),
        ["MODULE004 metadata names another module"] = new("MODULE004", "modules/billing/mcp/mcpops.module.json",
            f => Edit(f, "modules/billing/mcp/mcpops.module.json", "\"name\": \"billing\"", "\"name\": \"stock\""),
            f => Edit(f, "modules/billing/mcp/mcpops.module.json", "\"name\": \"stock\"", "\"name\": \"billing\"")),
        ["MODULE005 two modules on one port"] = new("MODULE005", "modules/inventory/mcp/mcpops.module.json",
            f =>
            {
                MovePort(f, "inventory", "8081", "8080");
                return [LineOf(f["modules/inventory/mcp/mcpops.module.json"], "\"port\": 8080")];
            },
            f => MovePort(f, "inventory", "8080", "8081")),
        ["MODULE008 a deploy file on another port"] = new("MODULE008", "modules/inventory/mcp/deploy/compose.yaml",
            f => Edit(f, "modules/inventory/mcp/deploy/compose.yaml", "PORT: \"8081\"", "PORT: \"8090\""),
            f => Edit(f, "modules/inventory/mcp/deploy/compose.yaml", "PORT: \"8090\"", "PORT: \"8081\"")),
        ["MODULE008 a C# image exposing another port"] = new("MODULE008", "modules/ledger/mcp/Dockerfile",
            f => Edit(f, "modules/ledger/mcp/Dockerfile", "EXPOSE 8082", "EXPOSE 8090"),
            f => Edit(f, "modules/ledger/mcp/Dockerfile", "EXPOSE 8090", "EXPOSE 8082")),
        ["MODULE007 module generated inside modules/"] = new("MODULE007", "modules/modules/stock/mcp/mcpops.module.json",
            f =>
            {
                f["modules/modules/stock/mcp/mcpops.module.json"] = "{ \"name\": \"stock\", \"flavour\": \"typescript\", \"port\": 8090 }\n";
                return [1];
            },
            f => f.Remove("modules/modules/stock/mcp/mcpops.module.json")),
        ["RAILWAY001 no healthcheck"] = new("RAILWAY001", "modules/billing/mcp/railway.service.ts",
            f => Edit(f, "modules/billing/mcp/railway.service.ts", "    healthcheck: \"/health\",\n", "", expectLineOf: "return service("),
            f => Edit(f, "modules/billing/mcp/railway.service.ts", "    healthcheckTimeout: 60,\n", "    healthcheck: \"/health\",\n    healthcheckTimeout: 60,\n")),
        ["RAILWAY001 not imported"] = new("RAILWAY001", ".railway/railway.ts",
            f => Edit(f, ".railway/railway.ts", "import inventoryService from \"../modules/inventory/mcp/railway.service.ts\";\n", "", expectLineOf: "// mcpops:begin imports"),
            f => Edit(f, ".railway/railway.ts", "// mcpops:begin imports\n", "// mcpops:begin imports\nimport inventoryService from \"../modules/inventory/mcp/railway.service.ts\";\n")),
        ["RAILWAY002 railway.toml"] = new("RAILWAY002", "modules/inventory/mcp/railway.toml",
            f =>
            {
                f["modules/inventory/mcp/railway.toml"] = "# legacy\n[deploy]\nhealthcheckPath = \"/health\"\n";
                return [2];
            },
            f => f.Remove("modules/inventory/mcp/railway.toml")),
        ["CLOUDRUN001 min-instances 0"] = new("CLOUDRUN001", InfraFixtures.DeployScript,
            f => Edit(f, InfraFixtures.DeployScript, "--min-instances=1", "--min-instances=0"),
            f => Edit(f, InfraFixtures.DeployScript, "--min-instances=0", "--min-instances=1")),
        ["CLOUDRUN001 no min-instances"] = new("CLOUDRUN001", InfraFixtures.DeployScript,
            f => Edit(f, InfraFixtures.DeployScript, "  --min-instances=1\n", "", expectLineOf: "gcloud run deploy"),
            f => Edit(f, InfraFixtures.DeployScript, "  --no-cpu-throttling\n", "  --min-instances=1\n  --no-cpu-throttling\n")),
        ["CLOUDRUN002 cpu throttled"] = new("CLOUDRUN002", InfraFixtures.DeployScript,
            f => Edit(f, InfraFixtures.DeployScript, "  --no-cpu-throttling\n", "", expectLineOf: "gcloud run deploy"),
            f => Edit(f, InfraFixtures.DeployScript, "  --min-instances=1\n", "  --min-instances=1\n  --no-cpu-throttling\n")),
        ["CLOUDRUN002 action flags"] = new("CLOUDRUN002", InfraFixtures.DeployWorkflow,
            f => Edit(f, InfraFixtures.DeployWorkflow, " --no-cpu-throttling", "", expectLineOf: "flags:"),
            f => Edit(f, InfraFixtures.DeployWorkflow, "--min-instances=1", "--min-instances=1 --no-cpu-throttling")),
        ["CLOUDRUN003 latest secret"] = new("CLOUDRUN003", InfraFixtures.DeployScript,
            f => Edit(f, InfraFixtures.DeployScript, ":${SECRET_VERSION}", ":latest", expectLineOf: "--set-secrets"),
            f => Edit(f, InfraFixtures.DeployScript, ":latest", ":${SECRET_VERSION}")),
        ["CLOUDRUN003 secret in env vars"] = new("CLOUDRUN003", InfraFixtures.DeployScript,
            f => Edit(f, InfraFixtures.DeployScript, "\"LOG_LEVEL=info\"", "\"LOG_LEVEL=info,MCP_AUTH_TOKEN=${TOKEN}\"", expectLineOf: "--set-env-vars"),
            f => Edit(f, InfraFixtures.DeployScript, ",MCP_AUTH_TOKEN=${TOKEN}", "")),
        ["CLOUDRUN003 action secret"] = new("CLOUDRUN003", InfraFixtures.DeployWorkflow,
            f => Edit(f, InfraFixtures.DeployWorkflow, "billing-auth-token:3", "billing-auth-token:latest", expectLineOf: "secrets: |"),
            f => Edit(f, InfraFixtures.DeployWorkflow, "billing-auth-token:latest", "billing-auth-token:3")),
        ["CI001 tag pin"] = new("CI001", InfraFixtures.CiWorkflow,
            f => Edit(f, InfraFixtures.CiWorkflow, "actions/checkout@" + InfraFixtures.CheckoutSha, "actions/checkout@v4"),
            f => Edit(f, InfraFixtures.CiWorkflow, "actions/checkout@v4", "actions/checkout@" + InfraFixtures.CheckoutSha)),
        ["CI002 trivy severity"] = new("CI002", InfraFixtures.ContainerWorkflow,
            f => Edit(f, InfraFixtures.ContainerWorkflow, "severity: CRITICAL,HIGH", "severity: CRITICAL", expectLineOf: "uses: aquasecurity/trivy-action"),
            f => Edit(f, InfraFixtures.ContainerWorkflow, "severity: CRITICAL\n", "severity: CRITICAL,HIGH\n")),
        ["CI002 trivy exit code"] = new("CI002", InfraFixtures.ContainerWorkflow,
            f => Edit(f, InfraFixtures.ContainerWorkflow, "exit-code: '1'", "exit-code: '0'", expectLineOf: "uses: aquasecurity/trivy-action"),
            f => Edit(f, InfraFixtures.ContainerWorkflow, "exit-code: '0'", "exit-code: '1'")),
        ["CI003 top-level write"] = new("CI003", InfraFixtures.CiWorkflow,
            f =>
            {
                Edit(f, InfraFixtures.CiWorkflow, "permissions:\n  contents: read\njobs:", "permissions:\n  contents: write\njobs:");
                return [LineOf(f[InfraFixtures.CiWorkflow], "contents: write")];
            },
            f => Edit(f, InfraFixtures.CiWorkflow, "permissions:\n  contents: write\njobs:", "permissions:\n  contents: read\njobs:")),
        ["CI003 no permissions"] = new("CI003", InfraFixtures.CiWorkflow,
            f =>
            {
                Edit(f, InfraFixtures.CiWorkflow, "permissions:\n  contents: read\njobs:", "jobs:");
                return [1];
            },
            f => Edit(f, InfraFixtures.CiWorkflow, "\njobs:", "\npermissions:\n  contents: read\njobs:")),
        ["K8S001 privilege escalation"] = new("K8S001", InfraFixtures.K8sDeployment,
            f => Edit(f, InfraFixtures.K8sDeployment, "allowPrivilegeEscalation: false", "allowPrivilegeEscalation: true", expectLineOf: "- name: mcp"),
            f => Edit(f, InfraFixtures.K8sDeployment, "allowPrivilegeEscalation: true", "allowPrivilegeEscalation: false")),
        ["K8S002 no readiness probe"] = new("K8S002", InfraFixtures.K8sDeployment,
            f => Edit(f, InfraFixtures.K8sDeployment, Between(f[InfraFixtures.K8sDeployment], "          readinessProbe:", "          resources:"), "", expectLineOf: "- name: mcp"),
            f => Edit(f, InfraFixtures.K8sDeployment, "          resources:\n", "          readinessProbe:\n            httpGet:\n              path: /ready\n              port: http\n          resources:\n")),
        ["K8S003 no memory limit"] = new("K8S003", InfraFixtures.K8sDeployment,
            f => Edit(f, InfraFixtures.K8sDeployment, "            limits:\n              memory: 256Mi\n", "", expectLineOf: "- name: mcp"),
            f => Edit(f, InfraFixtures.K8sDeployment, "              memory: 128Mi\n", "              memory: 128Mi\n            limits:\n              memory: 256Mi\n")),
        ["K8S004 latest image"] = new("K8S004", InfraFixtures.K8sDeployment,
            f => Edit(f, InfraFixtures.K8sDeployment, "image: mcp-module", "image: nginx:latest"),
            f => Edit(f, InfraFixtures.K8sDeployment, "image: nginx:latest", "image: nginx:1.29.1")),
        ["K8S004 helm latest"] = new("K8S004", InfraFixtures.HelmValues,
            f => Edit(f, InfraFixtures.HelmValues, "tag: sha-0000000000000000000000000000000000000000", "tag: latest"),
            f => Edit(f, InfraFixtures.HelmValues, "tag: latest", "tag: sha-0000000000000000000000000000000000000000")),
        ["COMPOSE001 no healthcheck"] = new("COMPOSE001", InfraFixtures.ComposeFragment,
            f => Edit(f, InfraFixtures.ComposeFragment, Between(f[InfraFixtures.ComposeFragment], "    healthcheck:", "    user:"), "", expectLineOf: "  billing:"),
            f => Edit(f, InfraFixtures.ComposeFragment, "    user:", "    healthcheck:\n      test: [\"CMD\", \"node\", \"-e\", \"process.exit(0)\"]\n    user:")),
        ["COMPOSE002 plaintext secret"] = new("COMPOSE002", InfraFixtures.ComposeFragment,
            f => Edit(f, InfraFixtures.ComposeFragment, "      PORT: \"8080\"\n", "      PORT: \"8080\"\n      MCP_AUTH_TOKEN: s3cr3t\n", expectLineOf: "MCP_AUTH_TOKEN"),
            f => Edit(f, InfraFixtures.ComposeFragment, "      MCP_AUTH_TOKEN: s3cr3t\n", "")),
        ["PIN001 older Node.js base"] = new("PIN001", Dockerfile,
            f => Edit(f, Dockerfile, "ARG NODE_VERSION=26.12.1\n", "ARG NODE_VERSION=22.23.3\n", expectLineOf: BuildFrom),
            f => Edit(f, Dockerfile, "ARG NODE_VERSION=22.23.3\n", "ARG NODE_VERSION=26.12.1\n")),
        ["PIN001 older Debian release"] = new("PIN001", Dockerfile,
            f => Edit(f, Dockerfile, BuildFrom, "FROM node:${NODE_VERSION}-bookworm-slim AS build"),
            f => Edit(f, Dockerfile, "FROM node:${NODE_VERSION}-bookworm-slim AS build", BuildFrom)),
        ["PIN001 older distroless line"] = new("PIN001", Dockerfile,
            f => Edit(f, Dockerfile, RuntimeFrom, "FROM gcr.io/distroless/nodejs24-debian12:nonroot AS runtime"),
            f => Edit(f, Dockerfile, "FROM gcr.io/distroless/nodejs24-debian12:nonroot AS runtime", RuntimeFrom)),
        ["PIN001 older action tag"] = new("PIN001", InfraFixtures.CiWorkflow,
            f => Edit(f, InfraFixtures.CiWorkflow, "# v7.0.1", "# v4.2.2", expectLineOf: "uses: actions/checkout"),
            f => Edit(f, InfraFixtures.CiWorkflow, "# v4.2.2", "# v7.0.1")),
        ["REPO001 committed .env"] = new("REPO001", "infra/compose/.env",
            f =>
            {
                f["infra/compose/.env"] = "LOG_LEVEL=debug\n";
                return [1];
            },
            f =>
            {
                f.Remove("infra/compose/.env");
                f["infra/compose/.env.example"] = "LOG_LEVEL=debug\n";
            }),
        ["REPO002 private key"] = new("REPO002", "modules/billing/mcp/deploy/key.pem",
            f =>
            {
                f["modules/billing/mcp/deploy/key.pem"] = "\n-----BEGIN " + "RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\n";
                return [2];
            },
            f => f.Remove("modules/billing/mcp/deploy/key.pem")),
        ["REPO003 GitHub token"] = new("REPO003", "modules/billing/mcp/src/config.ts",
            f =>
            {
                f["modules/billing/mcp/src/config.ts"] = "// settings\nexport const token = '" + "gh" + "p_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8" + "';\n";
                return [2];
            },
            f => f["modules/billing/mcp/src/config.ts"] = "// settings\nexport const token = process.env.GITHUB_TOKEN;\n"),
        ["REPO003 high-entropy assignment"] = new("REPO003", "scripts/local.sh",
            f =>
            {
                f["scripts/local.sh"] = "#!/bin/sh\nexport STRIPE_SECRET=" + "q8Zt4LmW0xVb7RkP2nYc5Hs9" + "\n";
                return [2];
            },
            f => f["scripts/local.sh"] = "#!/bin/sh\nexport STRIPE_SECRET=\"$(gcloud secrets versions access 3 --secret stripe)\"\n"),
        // A module name can look random; `NAME:VERSION` makes it a Secret Manager reference, not a value.
        ["REPO003 secret name without a version"] = new("REPO003", "docs/secrets.md",
            f =>
            {
                f["docs/secrets.md"] = "# Secrets\n`MCP_AUTH_TOKEN=ezvj20cymc8om-7tw0je4-auth-token`\n";
                return [2];
            },
            f => f["docs/secrets.md"] = "# Secrets\n`MCP_AUTH_TOKEN=ezvj20cymc8om-7tw0je4-auth-token:3`\n"),
        ["EDGE001 verifyJwt not stated"] = new("EDGE001", BillingMetadata,
            f => MakeEdge(f, verifyJwt: null),
            f => MakeEdge(f, verifyJwt: false)),
        ["EDGE001 config.toml table without verify_jwt"] = new("EDGE001", SupabaseConfig,
            f =>
            {
                MakeEdge(f, verifyJwt: false);
                Edit(f, SupabaseConfig, "verify_jwt = false\n", "");
                return [LineOf(f[SupabaseConfig], "[functions.billing]")];
            },
            f => Edit(f, SupabaseConfig, "enabled = true\n", "enabled = true\nverify_jwt = false\n")),
        ["EDGE002 Supabase secret key"] = new("EDGE002", "modules/billing/mcp/src/supabase.ts",
            f =>
            {
                f["modules/billing/mcp/src/supabase.ts"] = "// client\nexport const key = '" + "sb_" + "secret_" + "Q3hD9kLmN2pR7sT1vW4xY8zA" + "';\n";
                return [2];
            },
            f => f["modules/billing/mcp/src/supabase.ts"] = "// client\nexport const key = Deno.env.get('SUPABASE_SERVICE_ROLE_KEY');\n"),
        ["EDGE002 JWT-shaped key"] = new("EDGE002", "docs/supabase.md",
            f =>
            {
                f["docs/supabase.md"] = "# Keys\nanon: " + "eyJ" + "hbGciOiJIUzI1NiJ9.eyJ" + "yb2xlIjoiYW5vbiJ9.dGhpc2lzbm90YXNpZ25hdHVyZQ" + "\n";
                return [2];
            },
            f => f["docs/supabase.md"] = "# Keys\nanon: the SUPABASE_ANON_KEY secret\n"),
        ["EDGE003 function named otherwise"] = new("EDGE003", BillingMetadata,
            f =>
            {
                MakeEdge(f, verifyJwt: false, function: "billing-api");
                return [LineOf(f[BillingMetadata], "\"function\"")];
            },
            f => MakeEdge(f, verifyJwt: false)),
        ["EDGE005 supabase functions deploy in a script"] = new("EDGE005", "scripts/deploy.sh",
            f =>
            {
                f["scripts/deploy.sh"] = "#!/bin/sh\nnpx supabase functions deploy billing --project-ref \"$REF\"\n";
                return [2];
            },
            f => f["scripts/deploy.sh"] = "#!/bin/sh\ndotnet mcpops supabase deploy billing --project-ref \"$REF\"\n"),
    };

    private const string BillingMetadata = "modules/billing/mcp/mcpops.module.json";
    private const string SupabaseConfig = "supabase/config.toml";

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Fact]
    public async Task A_generated_workspace_with_the_infra_fixtures_has_zero_findings()
    {
        var generated = await FilesAsync(pack);
        var bare = RunCheck(generated);
        Assert.True(bare.Findings.Count == 0, Describe(bare));
        Assert.Equal(["billing", "inventory", "ledger"], bare.Modules.Select(m => m.Name));

        var withInfra = RunCheck(InfraFixtures.AddTo(generated));
        Assert.True(withInfra.Findings.Count == 0, Describe(withInfra));
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Each_rule_fires_exactly_on_its_violation_and_its_fix_clears_it(string name)
    {
        var c = Cases[name];
        var files = InfraFixtures.AddTo(await FilesAsync(pack));

        var lines = c.Break(files);
        var broken = RunCheck(files);
        Assert.True(
            broken.Findings.Select(f => (f.Rule.Id, f.Path, f.Line)).SequenceEqual(lines.Select(l => (c.RuleId, c.Path, l))),
            $"{name}: expected {c.RuleId} at {c.Path}:{string.Join(",", lines)}, got:\n{Describe(broken)}");
        Assert.All(broken.Findings, f => Assert.False(f.IsSuppressed));

        c.Fix(files);
        var fixedReport = RunCheck(files);
        Assert.True(fixedReport.Findings.Count == 0, $"{name}: after the fix:\n{Describe(fixedReport)}");
    }

    [Fact]
    public async Task Only_a_module_with_the_container_target_must_have_a_Dockerfile_and_a_Railway_service()
    {
        var files = await FilesAsync(pack);
        files.Remove(Dockerfile);
        files.Remove("modules/billing/mcp/railway.service.ts");
        string[] ContainerRulesOnBilling() =>
            [.. RunCheck(files).Active.Where(f => f.Module == "billing" && f.Rule.Id is "DOCKER004" or "RAILWAY001").Select(f => $"{f.Rule.Id} {f.Path}").Order(StringComparer.Ordinal)];

        Assert.Equal([$"DOCKER004 {BillingMetadata.Replace("mcpops.module.json", "package.json", StringComparison.Ordinal)}", $"RAILWAY001 {BillingMetadata.Replace("mcpops.module.json", "package.json", StringComparison.Ordinal)}"], ContainerRulesOnBilling());

        MakeEdge(files, verifyJwt: false);
        Assert.Equal(2, ContainerRulesOnBilling().Length); // container and edge: still a container module

        Edit(files, BillingMetadata, "\"container\",", "");
        Assert.Empty(ContainerRulesOnBilling()); // edge only
    }

    [Fact]
    public void Every_rule_has_a_test_case_an_id_a_description_and_a_fix()
    {
        var tested = Cases.Values.Select(c => c.RuleId).Concat(["SUPPRESS001", "SUPPRESS002", "MODULE006" /* ModuleNameRuleTests: needs a module folder of another name */, "EDGE004" /* EdgeRuleTests: needs a 20 MB file on disk */]).ToHashSet();
        foreach (var rule in McpOps.Cli.Check.Rules.All)
        {
            Assert.Contains(rule.Id, tested);
            Assert.Matches("^[A-Z0-9]+[0-9]{3}$", rule.Id);
            Assert.DoesNotContain('\n', rule.Description);
            Assert.False(string.IsNullOrWhiteSpace(rule.Fix));
        }

        Assert.Equal(McpOps.Cli.Check.Rules.All.Count, McpOps.Cli.Check.Rules.All.Select(r => r.Id).Distinct().Count());
    }

    /// <summary>Replaces the one occurrence of <paramref name="from"/>; returns the line of <paramref name="expectLineOf"/> (default: the replacement) afterwards.</summary>
    private static int[] Edit(Dictionary<string, string> files, string path, string from, string to, string? expectLineOf = null, bool first = false)
    {
        var text = files[path];
        var at = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(at >= 0, $"`{from}` not found in {path}");
        Assert.True(first || text.IndexOf(from, at + 1, StringComparison.Ordinal) < 0, $"`{from}` occurs more than once in {path}");
        files[path] = text[..at] + to + text[(at + from.Length)..];
        var needle = expectLineOf ?? (to.Length > 0 ? to.Trim('\n').Split('\n')[0] : null);
        return needle is null ? [] : [LineOf(files[path], needle)];
    }

    /// <summary>Moves a module to another port in every file of it, as a user who changes it everywhere does.</summary>
    private static void MovePort(Dictionary<string, string> files, string module, string from, string to)
    {
        foreach (var path in files.Keys.Where(p => p.StartsWith($"modules/{module}/mcp/", StringComparison.Ordinal)).ToList())
        {
            files[path] = files[path].Replace(from, to, StringComparison.Ordinal);
        }
    }

    /// <summary>Gives billing the Edge target as `mcpops edge enable` + sync would; returns the line of "edge" in its metadata.</summary>
    private static int[] MakeEdge(Dictionary<string, string> files, bool? verifyJwt, string function = "billing")
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(files[BillingMetadata])!.AsObject();
        json["targets"] = new System.Text.Json.Nodes.JsonArray("container", "edge");
        var edge = new System.Text.Json.Nodes.JsonObject { ["function"] = function };
        if (verifyJwt is { } flag)
        {
            edge["verifyJwt"] = flag;
        }

        json["edge"] = edge;
        files[BillingMetadata] = json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n";
        var block = "# mcpops:begin functions\n[functions.billing]\nenabled = true\nverify_jwt = false\nentrypoint = \"../modules/billing/mcp/dist/edge/index.js\"\n";
        files[SupabaseConfig] = files[SupabaseConfig].Contains("[functions.billing]", StringComparison.Ordinal)
            ? files[SupabaseConfig]
            : files[SupabaseConfig].Replace("# mcpops:begin functions\n", block, StringComparison.Ordinal);
        return [LineOf(files[BillingMetadata], "\"edge\"")];
    }

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, $"`{start}` not found");
        var to = text.IndexOf(end, from + start.Length, StringComparison.Ordinal);
        Assert.True(to >= 0, $"`{end}` not found after `{start}`");
        return text[from..to];
    }

    private sealed record Case(string RuleId, string Path, Func<Dictionary<string, string>, int[]> Break, Action<Dictionary<string, string>> Fix);
}
