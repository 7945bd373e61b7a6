namespace McpOps.Cli.Tests.Check;

/// <summary>
/// Hand-written files in the shapes the devops-ci, devops-k8s and devops-compose templates
/// produce (GitHub workflows, a Cloud Run deploy script, a Kustomize base and module overlay,
/// Helm values, a Compose fragment), each meeting every rule. Tests add them to the generated
/// workspace, check it stays clean, then break one thing at a time.
/// </summary>
internal static class InfraFixtures
{
    // CI001 checks the shape of a pin (40 hex digits), not that the commit exists: fixtures use
    // obviously made-up SHAs, except Trivy's, which is the v0.36.0 commit listed in DESIGN.md.
    public const string CheckoutSha = "0123456789abcdef0123456789abcdef01234567";
    public const string TrivySha = "ed142fd0673e97e23eac54620cfb913e5ce36c25";
    public const string DeployCloudRunSha = "89abcdef0123456789abcdef0123456789abcdef";

    public const string CiWorkflow = ".github/workflows/ci.yml";
    public const string ContainerWorkflow = ".github/workflows/container.yml";
    public const string DeployWorkflow = ".github/workflows/deploy-cloudrun.yml";
    public const string DeployScript = ".github/scripts/cloudrun-deploy.sh";
    public const string K8sDeployment = "infra/k8s/base/deployment.yaml";
    public const string K8sBase = "infra/k8s/base/kustomization.yaml";
    public const string K8sOverlay = "modules/billing/mcp/deploy/k8s/kustomization.yaml";
    public const string HelmValues = "modules/billing/mcp/deploy/helm-values.yaml";
    public const string ComposeFragment = "modules/billing/mcp/deploy/compose.yaml";

    public static IReadOnlyDictionary<string, string> All { get; } = new Dictionary<string, string>
    {
        [CiWorkflow] = $"""
            name: CI
            on:
              pull_request:
                branches: [main]
            permissions:
              contents: read
            jobs:
              test:
                runs-on: ubuntu-24.04
                steps:
                  - uses: actions/checkout@{CheckoutSha} # v7.0.1
                  - run: npm ci && npm test --workspaces
                  - run: mcpops check --format sarif > check.sarif
              container:
                permissions:
                  contents: read
                  packages: write
                uses: ./.github/workflows/container.yml
            """,
        [ContainerWorkflow] = $"""
            name: Container
            on:
              workflow_call: {"{}"}
            permissions: {"{}"}
            jobs:
              scan:
                runs-on: ubuntu-24.04
                permissions:
                  contents: read
                steps:
                  - name: Trivy
                    uses: aquasecurity/trivy-action@{TrivySha} # v0.36.0
                    with:
                      image-ref: ghcr.io/acme/billing@sha256:0000000000000000000000000000000000000000000000000000000000000000
                      severity: CRITICAL,HIGH
                      exit-code: '1'
                      ignore-unfixed: true
            """,
        [DeployWorkflow] = $"""
            name: Deploy to Cloud Run
            on:
              workflow_dispatch: {"{}"}
            permissions:
              contents: read
            jobs:
              deploy:
                runs-on: ubuntu-24.04
                permissions:
                  contents: read
                  id-token: write
                steps:
                  - uses: google-github-actions/deploy-cloudrun@{DeployCloudRunSha} # v3
                    with:
                      service: billing
                      image: europe-docker.pkg.dev/acme/mcp/billing@sha256:0000000000000000000000000000000000000000000000000000000000000000
                      flags: --min-instances=1 --no-cpu-throttling --port=8080
                      env_vars: |
                        LOG_LEVEL=info
                      secrets: |
                        MCP_AUTH_TOKEN=billing-auth-token:3
            """,
        [DeployScript] = """
            #!/usr/bin/env bash
            # Deploys one module to Cloud Run by digest.
            set -euo pipefail
            deploy=(
              gcloud run deploy "$SERVICE"
              --image "$IMAGE"
              --region "$REGION"
              --min-instances=1
              --no-cpu-throttling
              --set-secrets "MCP_AUTH_TOKEN=${SECRET_NAME}:${SECRET_VERSION}"
              --set-env-vars "LOG_LEVEL=info"
              --no-traffic --tag "sha-${SHORT_SHA}"
            )
            "${deploy[@]}"
            """,
        [K8sBase] = """
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            resources:
              - deployment.yaml
            """,
        [K8sDeployment] = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: mcp
            spec:
              template:
                spec:
                  automountServiceAccountToken: false
                  securityContext:
                    runAsNonRoot: true
                    runAsUser: 10001
                    seccompProfile:
                      type: RuntimeDefault
                  containers:
                    - name: mcp
                      image: mcp-module
                      securityContext:
                        allowPrivilegeEscalation: false
                        readOnlyRootFilesystem: true
                        capabilities:
                          drop:
                            - ALL
                      livenessProbe:
                        httpGet:
                          path: /health
                          port: http
                      readinessProbe:
                        httpGet:
                          path: /ready
                          port: http
                      resources:
                        requests:
                          cpu: 100m
                          memory: 128Mi
                        limits:
                          memory: 256Mi
                      volumeMounts:
                        - name: tmp
                          mountPath: /tmp
                  volumes:
                    - name: tmp
                      emptyDir: {}
            """,
        [K8sOverlay] = """
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            resources:
              - ../../../../../infra/k8s/base
            namePrefix: billing-
            images:
              - name: mcp-module
                newName: ghcr.io/acme/billing
                newTag: sha-0000000000000000000000000000000000000000
            """,
        [HelmValues] = """
            image:
              repository: ghcr.io/acme/billing
              tag: sha-0000000000000000000000000000000000000000
              pullPolicy: IfNotPresent
            port: 8080
            """,
        [ComposeFragment] = """
            services:
              billing:
                build:
                  context: ../../../..
                  dockerfile: modules/billing/mcp/Dockerfile
                image: ${MCP_IMAGE_PREFIX:-localhost/mcp}/billing:${MCP_IMAGE_TAG:-dev}
                environment:
                  HOST: 0.0.0.0
                  PORT: "8080"
                  LOG_LEVEL: ${LOG_LEVEL:-info}
                secrets:
                  - billing-auth-token
                healthcheck:
                  test: ["CMD", "node", "-e", "fetch('http://127.0.0.1:8080/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
                  interval: 30s
                user: "10001:10001"
                read_only: true
            secrets:
              billing-auth-token:
                file: ../../../../infra/compose/secrets/billing-auth-token
            """,
    };

    public static Dictionary<string, string> AddTo(Dictionary<string, string> files)
    {
        foreach (var (path, text) in All)
        {
            files[path] = text + "\n";
        }

        return files;
    }
}
