namespace McpOps.Cli.Check;

/// <summary>Every rule `mcpops check` runs, in report order. IDs are stable: add new ones, never renumber.</summary>
internal static class Rules
{
    public static readonly CheckRule DockerNonRoot = new(
        "DOCKER001", "dockerfile", RuleLevel.Error,
        "The final stage of a module's Dockerfile runs as a non-root user.",
        "Add `USER 10001:10001` (a numeric non-root UID) to the final stage, after the files are copied.");

    public static readonly CheckRule DockerHealthcheck = new(
        "DOCKER002", "dockerfile", RuleLevel.Error,
        "The final stage of a module's Dockerfile has a HEALTHCHECK.",
        "Add `HEALTHCHECK CMD [\"node\", \"-e\", \"fetch('http://127.0.0.1:8080/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))\"]` to the final stage.");

    public static readonly CheckRule DockerPinnedBase = new(
        "DOCKER003", "dockerfile", RuleLevel.Error,
        "Every FROM names a pinned base image: an explicit tag other than latest, or a digest (ARG defaults are resolved).",
        "Pin the base: `FROM node:26.12.1-trixie-slim` (or `@sha256:<digest>`), or give the ARG in its tag a default such as `ARG NODE_VERSION=26.12.1`.");

    public static readonly CheckRule DockerMultiStage = new(
        "DOCKER004", "dockerfile", RuleLevel.Error,
        "A module's Dockerfile is multi-stage: it builds in one stage and copies only the output into the runtime stage.",
        "Split the Dockerfile into a `FROM ... AS build` stage and a runtime stage that copies the build output with `COPY --from=build`.");

    public static readonly CheckRule DockerExecForm = new(
        "DOCKER005", "dockerfile", RuleLevel.Error,
        "CMD and ENTRYPOINT of the final stage use the exec (JSON array) form, so the server is PID 1 and receives SIGTERM.",
        "Write `CMD [\"node\", \"dist/server.mjs\"]` instead of `CMD node dist/server.mjs`.");

    public static readonly CheckRule DockerSecretVariable = new(
        "DOCKER006", "dockerfile", RuleLevel.Error,
        "No ENV or ARG has a secret-looking name (token, secret, password, key, auth, credential): they end up in the image or its history.",
        "Remove the ENV/ARG; inject the secret at run time from the platform's secret store (or use a BuildKit `--mount=type=secret` at build time).");

    public static readonly CheckRule DockerAddUrl = new(
        "DOCKER007", "dockerfile", RuleLevel.Error,
        "No ADD fetches a URL or git repository: the download is unverified and uncached.",
        "Download in a build stage with a checksum check (`RUN curl -fsSLo f URL && echo \"<sha256>  f\" | sha256sum -c`), or COPY the file from the context.");

    public static readonly CheckRule DockerIgnoreCoverage = new(
        "DOCKER008", "dockerfile", RuleLevel.Error,
        "The .dockerignore that governs a module's build (Dockerfile.dockerignore beside the Dockerfile, else the workspace root's .dockerignore) excludes .env*, .git and gha-creds-*.json.",
        "Add `**/.env`, `**/.env.*`, `.git` and `**/gha-creds-*.json` to that .dockerignore (keep `!**/.env.example` if you ship one).");

    public static readonly CheckRule ModuleHealth = new(
        "MODULE001", "module", RuleLevel.Error,
        "The module's server serves GET /health: it starts through the workspace's mcp-core (which serves it) or defines the route itself.",
        "Start the server with mcp-core (`runServer` from '@scope/mcp-core'; `McpServerHost.RunAsync` in C#) as the mcp-module template does.");

    public static readonly CheckRule ModuleCoreDependency = new(
        "MODULE002", "module", RuleLevel.Error,
        "The module depends on the workspace's mcp-core (package.json dependency, or a ProjectReference to mcp-core-dotnet for C#).",
        "Run `mcpops sync` (it adds `\"@scope/mcp-core\": \"file:../../_shared/mcp-core\"` to dependencies and moves a module made with another scope to the workspace's), or add the ProjectReference to modules/_shared/mcp-core-dotnet/src/McpOps.McpCore/McpOps.McpCore.csproj.");

    public static readonly CheckRule ModuleReadme = new(
        "MODULE003", "module", RuleLevel.Error,
        "The module's README.md has Deploy, Post-deploy test and Rollback sections.",
        "Add the missing `## Deploy`, `## Post-deploy test` or `## Rollback` section (see the mcp-module template's README).");

    public static readonly CheckRule ModuleOwnFolder = new(
        "MODULE004", "module", RuleLevel.Error,
        "A module's build and deploy files (Dockerfile, dockerignore, Railway service, deploy/, mcpops.module.json) name its own folder, not another module's.",
        "Run `mcpops rename <old> <new>` for a rename (it rewrites every reference), or change the path to modules/<this module>/.");

    public static readonly CheckRule ModulePortClash = new(
        "MODULE005", "module", RuleLevel.Error,
        "No two modules listen on the same port (compose publishes each module's port on the host).",
        "Give one of them another port: \"port\" in its mcpops.module.json and PORT in its deploy files (`mcpops add` picks a free one).");

    public static readonly CheckRule ModuleNameRule = new(
        "MODULE006", "module", RuleLevel.Error,
        "The module's folder name follows the module-name rule (what `dotnet new mcp-module -n` writes; every derived name fits its platform).",
        "Rename the module with `mcpops rename <old> <new>` to the name the message suggests.");

    public static readonly CheckRule ModuleNested = new(
        "MODULE007", "module", RuleLevel.Error,
        "Every module is at modules/<name>/mcp/ (not nested, e.g. modules/modules/<name>/mcp/ from a template run inside modules/).",
        "Move the folder to modules/<name>/mcp/ (`git mv`) and run `mcpops sync`; run `dotnet new mcp-module` and `mcpops add` from the workspace root.");

    public static readonly CheckRule ModulePortAgreement = new(
        "MODULE008", "module", RuleLevel.Error,
        "A module's deploy files (Dockerfile PORT and EXPOSE, compose, Kubernetes overlay, Helm values, Railway service) set the port its mcpops.module.json names.",
        "Set the same port everywhere: \"port\" in mcpops.module.json and each setting the message names.");

    public static readonly CheckRule RailwayService = new(
        "RAILWAY001", "railway", RuleLevel.Error,
        "Every module with the container target has a Railway service definition with a healthcheck, imported into .railway/railway.ts.",
        "Keep `healthcheck: \"/health\"` in modules/<name>/mcp/railway.service.ts and run `mcpops sync` to import it into .railway/railway.ts.");

    public static readonly CheckRule RailwayConfigAsCode = new(
        "RAILWAY002", "railway", RuleLevel.Warning,
        "No railway.toml/railway.json: Railway Config as Code is deprecated and stops being read on 2026-12-01.",
        "Move the settings to railway.service.ts (`dotnet new mcp-module --railway-config ts`), run `mcpops sync` and delete the file; or accept it with a suppression that says why.");

    public static readonly CheckRule CloudRunMinInstances = new(
        "CLOUDRUN001", "cloudrun", RuleLevel.Error,
        "Every Cloud Run deploy sets --min-instances to 1 or more.",
        "Add `--min-instances=1` to the `gcloud run deploy` command (or to the deploy-cloudrun action's `flags`).");

    public static readonly CheckRule CloudRunCpuThrottling = new(
        "CLOUDRUN002", "cloudrun", RuleLevel.Error,
        "Every Cloud Run deploy sets --no-cpu-throttling (SSE keep-alives and shutdown work need CPU).",
        "Add `--no-cpu-throttling` to the `gcloud run deploy` command (or to the deploy-cloudrun action's `flags`).");

    public static readonly CheckRule CloudRunSecrets = new(
        "CLOUDRUN003", "cloudrun", RuleLevel.Error,
        "Cloud Run secrets come only through --set-secrets with a pinned version (never `latest`, never plain env vars).",
        "Use `--set-secrets MCP_AUTH_TOKEN=<secret>:<version number>` and remove secret values from --set-env-vars/env_vars.");

    public static readonly CheckRule CiPinnedActions = new(
        "CI001", "ci", RuleLevel.Error,
        "Every `uses:` in a workflow is pinned to a full 40-character commit SHA (tags can be moved: CVE-2026-33634).",
        "Replace `owner/action@v1` with `owner/action@<40-hex commit SHA> # v1.2.3`.");

    public static readonly CheckRule CiTrivyBlocks = new(
        "CI002", "ci", RuleLevel.Error,
        "Every Trivy scan blocks on HIGH and CRITICAL vulnerabilities (severity includes HIGH,CRITICAL; exit-code 1).",
        "Set `severity: CRITICAL,HIGH` and `exit-code: '1'` on the aquasecurity/trivy-action step.");

    public static readonly CheckRule CiPermissions = new(
        "CI003", "ci", RuleLevel.Error,
        "Workflows declare top-level `permissions:` without write access; jobs ask for what they need.",
        "Set `permissions: contents: read` (or `{}`) at the top of the workflow and grant writes per job.");

    public static readonly CheckRule KubernetesRestricted = new(
        "K8S001", "kubernetes", RuleLevel.Error,
        "Workloads meet the restricted Pod Security Standard: runAsNonRoot, allowPrivilegeEscalation false, drop ALL capabilities, seccomp RuntimeDefault, no host namespaces or hostPath, not privileged.",
        "Set `securityContext: {runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}, seccompProfile: {type: RuntimeDefault}}` on every container.");

    public static readonly CheckRule KubernetesProbes = new(
        "K8S002", "kubernetes", RuleLevel.Error,
        "Every container of a workload has a livenessProbe and a readinessProbe.",
        "Add `livenessProbe` and `readinessProbe` (httpGet on /health and /ready) to the container.");

    public static readonly CheckRule KubernetesResources = new(
        "K8S003", "kubernetes", RuleLevel.Error,
        "Every container of a workload requests CPU and memory and has a memory limit.",
        "Add `resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {memory: 256Mi}}` to the container.");

    public static readonly CheckRule KubernetesImageTag = new(
        "K8S004", "kubernetes", RuleLevel.Error,
        "Kubernetes images and Helm values use an immutable tag or digest: never `latest`, never untagged (unless a kustomization `images:` entry pins it).",
        "Use the CI tag `sha-<commit>` or a digest, in the manifest, the kustomization's `images:` (newTag/digest) or the Helm values' image.tag.");

    public static readonly CheckRule ComposeHealthcheck = new(
        "COMPOSE001", "compose", RuleLevel.Error,
        "Every Compose service has a healthcheck (so `depends_on: condition: service_healthy` and `up --wait` work).",
        "Add a `healthcheck:` with a `test:` to the service (and do not set `disable: true`).");

    public static readonly CheckRule ComposePlaintextSecret = new(
        "COMPOSE002", "compose", RuleLevel.Error,
        "No Compose `environment` entry has a secret-looking name with a plaintext value.",
        "Use Compose `secrets:` (a file under the git-ignored secrets/ folder) or `${VARIABLE}` interpolation without a default.");

    public static readonly CheckRule RepositoryEnvFile = new(
        "REPO001", "repository", RuleLevel.Error,
        "No .env file is committed (.env.example, .env.sample and .env.template are allowed).",
        "Delete the file from the repository (`git rm --cached`), keep it git-ignored, and commit a .env.example without values.");

    public static readonly CheckRule RepositoryPrivateKey = new(
        "REPO002", "repository", RuleLevel.Error,
        "No private key is committed.",
        "Remove the key from the repository and its history, revoke it, and load it from the platform's secret store.");

    public static readonly CheckRule RepositoryToken = new(
        "REPO003", "repository", RuleLevel.Error,
        "No token-shaped string is committed (GitHub, AWS, Slack, Google API keys, or a high-entropy value assigned to *_TOKEN/*_SECRET/*_KEY/PASSWORD).",
        "Revoke the token, remove it from the repository and its history, and read it from the environment or a secret store.");

    public static readonly CheckRule EdgeVerifyJwtStated = new(
        "EDGE001", "edge", RuleLevel.Error,
        "An Edge module states verify_jwt explicitly: \"verifyJwt\" in the \"edge\" object of its mcpops.module.json and verify_jwt in its [functions.<name>] table of supabase/config.toml (the gateway's default is on, which refuses the new sb_publishable_ keys).",
        "Add `\"verifyJwt\": false` to \"edge\" in mcpops.module.json (the function checks the key itself) and run `mcpops sync`, which writes verify_jwt into supabase/config.toml.");

    public static readonly CheckRule EdgeNoSupabaseKey = new(
        "EDGE002", "edge", RuleLevel.Error,
        "No Supabase key or token is committed: sb_publishable_/sb_secret_ API keys, sbp_ personal access tokens, or JWT-shaped strings (the legacy anon and service_role keys are JWTs).",
        "Remove it (and rotate it in the dashboard if it is a secret or service_role key); the hosted runtime injects SUPABASE_ANON_KEY and friends, CI reads SUPABASE_ACCESS_TOKEN and SUPABASE_ANON_KEY from repository secrets.");

    public static readonly CheckRule EdgeFunctionName = new(
        "EDGE003", "edge", RuleLevel.Error,
        "An Edge module's function is named like the module: \"edge\".\"function\" in mcpops.module.json and its [functions.<name>] table in supabase/config.toml.",
        "Set \"function\" to the module name (`mcpops rename` keeps them together) and run `mcpops sync`.");

    public static readonly CheckRule EdgeBundleSize = new(
        "EDGE004", "edge", RuleLevel.Error,
        "A built Edge bundle (modules/<name>/mcp/dist/edge/index.js) is under Supabase's 20 MB function limit.",
        "Drop or lazy-load large dependencies of the Edge entry (src/edge.ts) and run `npm run build:edge` again.");

    public static readonly CheckRule EdgeDeployThroughMcp = new(
        "EDGE005", "edge", RuleLevel.Error,
        "No workflow, shell script or npm script runs `supabase functions deploy`: Edge Functions are deployed only through the Supabase MCP server.",
        "Replace the step with `dotnet mcpops supabase deploy <module>` (deploy_edge_function through the Supabase MCP server; see docs/edge-deploy.md).");

    public static readonly CheckRule SuppressionWithoutReason = new(
        "SUPPRESS001", "suppression", RuleLevel.Error,
        "Every suppression gives a reason.",
        "Write the reason after the rule id (`# mcpops-check-disable-next-line RAILWAY002: <why>`) or in the config entry's \"reason\".");

    public static readonly CheckRule SuppressionUnknownRule = new(
        "SUPPRESS002", "suppression", RuleLevel.Error,
        "Every suppression names a rule that exists.",
        "Use one of the rule IDs listed by `mcpops check --help` and the README (e.g. DOCKER001).");

    public static readonly CheckRule PinStale = new(
        "PIN001", "pins", RuleLevel.Warning,
        "Base images, GitHub actions, tools and packages are not older than the pins of the installed McpOps pack (its manifest, eng/pins.json, embedded in mcpops).",
        "Bump to the version the message names (what the installed pack's templates write; docs/pins.md says why each is chosen), or suppress the finding with a reason if the workspace stays on the older one deliberately.");

    public static IReadOnlyList<CheckRule> All { get; } =
    [
        DockerNonRoot, DockerHealthcheck, DockerPinnedBase, DockerMultiStage, DockerExecForm, DockerSecretVariable, DockerAddUrl, DockerIgnoreCoverage,
        ModuleHealth, ModuleCoreDependency, ModuleReadme, ModuleOwnFolder, ModulePortClash, ModuleNameRule, ModuleNested, ModulePortAgreement,
        RailwayService, RailwayConfigAsCode,
        CloudRunMinInstances, CloudRunCpuThrottling, CloudRunSecrets,
        CiPinnedActions, CiTrivyBlocks, CiPermissions,
        KubernetesRestricted, KubernetesProbes, KubernetesResources, KubernetesImageTag,
        ComposeHealthcheck, ComposePlaintextSecret,
        RepositoryEnvFile, RepositoryPrivateKey, RepositoryToken,
        PinStale,
        EdgeVerifyJwtStated, EdgeNoSupabaseKey, EdgeFunctionName, EdgeBundleSize, EdgeDeployThroughMcp,
        SuppressionWithoutReason, SuppressionUnknownRule,
    ];

    public static CheckRule? Find(string id) => All.FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.Ordinal));
}
