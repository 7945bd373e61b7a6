using System.Text.Json.Nodes;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Templates.Tests.Infra;

/// <summary>
/// devops-k8s with two modules wired into both environments (and with none): `kubectl kustomize`
/// renders every environment and overlay, kubernetes-models validates every object, every pod
/// meets the restricted profile and the project's rules, and Helm values meet values.schema.json.
/// Helm itself cannot be installed here: the CI template runs `helm lint --strict`.
/// </summary>
[Collection(SharedTemplatePackReaders.Name)]
public sealed class KubernetesTests(TemplatePack pack)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Every_environment_renders_valid_restricted_objects(bool externalSecrets)
    {
        using var workspace = await InfraWorkspace.CreateAsync(pack, [], externalSecrets ? ["--external-secrets"] : []);
        var environments = workspace.KubernetesEnvironments().ToList();
        Assert.Equal(["production", "staging"], environments.Select(Path.GetFileName));

        foreach (var environment in environments)
        {
            var objects = await RenderAndValidateAsync(environment);
            var name = Path.GetFileName(environment);

            var kinds = objects.GroupBy(o => (string)o["kind"]!).ToDictionary(g => g.Key, g => g.Count());
            foreach (var kind in new[] { "Deployment", "Service", "ServiceAccount", "HorizontalPodAutoscaler", "PodDisruptionBudget", "ConfigMap" })
            {
                Assert.True(kinds.GetValueOrDefault(kind) == workspace.Modules.Count, $"{name}: expected one {kind} per module, got {kinds.GetValueOrDefault(kind)}");
            }

            // One per module plus the environment's default-deny policy.
            Assert.Equal(workspace.Modules.Count + 1, kinds["NetworkPolicy"]);
            Assert.Equal(externalSecrets ? workspace.Modules.Count : 0, kinds.GetValueOrDefault("ExternalSecret"));
            Assert.All(objects.Where(o => (string?)o["kind"] != "Namespace"), o => Assert.Equal($"acme-{name}", (string?)o["metadata"]!["namespace"]));
            Assert.Equal("restricted", (string?)objects.Single(o => (string?)o["kind"] == "Namespace")["metadata"]!["labels"]!["pod-security.kubernetes.io/enforce"]);

            foreach (var module in workspace.Modules)
            {
                AssertModuleObjects(objects, module, InfraWorkspace.Ports[module], externalSecrets);
            }
        }
    }

    [Fact]
    public async Task Environments_render_without_modules()
    {
        using var workspace = await InfraWorkspace.CreateAsync(pack, [], [], wireModules: false);
        foreach (var environment in workspace.KubernetesEnvironments())
        {
            var objects = await RenderAndValidateAsync(environment);
            Assert.Equal(["Namespace", "NetworkPolicy"], objects.Select(o => (string)o["kind"]!).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task Each_module_overlay_renders_on_its_own()
    {
        using var workspace = await InfraWorkspace.CreateAsync(pack, [], ["--external-secrets"], wireModules: false);
        foreach (var module in workspace.Modules)
        {
            var objects = await RenderAndValidateAsync(workspace.Path_("modules", module, "mcp", "deploy", "k8s"));
            Assert.Equal(8, objects.Count);
            Assert.All(objects, o => Assert.StartsWith($"{module}-mcp", (string)o["metadata"]!["name"]!, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Pod_policy_names_the_object_and_the_field()
    {
        var deployment = JsonNode.Parse("""
            {"kind":"Deployment","metadata":{"name":"billing-mcp"},"spec":{"template":{"spec":{
              "automountServiceAccountToken":false,
              "securityContext":{"runAsNonRoot":true,"seccompProfile":{"type":"RuntimeDefault"}},
              "containers":[{"name":"mcp","image":"ghcr.io/acme/billing:latest",
                "securityContext":{"allowPrivilegeEscalation":false,"capabilities":{"drop":["ALL"]}},
                "livenessProbe":{"httpGet":{"path":"/healthz","port":"http"}}}]}}}}
            """)!.AsObject();

        var problems = RestrictedPodPolicy.Check(deployment).ToList();

        Assert.Contains("Deployment/billing-mcp: spec.template.spec.containers[mcp].securityContext.readOnlyRootFilesystem must be true", problems);
        Assert.Contains("Deployment/billing-mcp: spec.template.spec.containers[mcp].livenessProbe.httpGet.path must be /health", problems);
        Assert.Contains("Deployment/billing-mcp: spec.template.spec.containers[mcp].volumeMounts must mount an emptyDir on /tmp", problems);
        Assert.Contains("Deployment/billing-mcp: spec.template.spec.containers[mcp].resources must set requests.cpu, requests.memory and limits.memory", problems);
        Assert.Contains(problems, p => p.StartsWith("Deployment/billing-mcp: spec.template.spec.containers[mcp].image \"ghcr.io/acme/billing:latest\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Kubernetes_models_reject_an_invalid_object()
    {
        using var temp = new TempDirectory();
        var file = temp.Combine("bad.yaml");
        File.WriteAllText(file, "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: billing-mcp\nspec:\n  maxUnavailable: [1]\n");
        var result = await InfraValidators.NodeAsync("k8s", file);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("PodDisruptionBudget/billing-mcp: data/spec/maxUnavailable", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Helm_values_of_every_module_meet_the_chart_schema()
    {
        using var workspace = await InfraWorkspace.CreateAsync(pack, [], []);
        var chart = workspace.Path_("infra", "k8s", "charts", "mcp-module");
        var schema = Path.Combine(chart, "values.schema.json");
        var valuesFiles = workspace.Modules.Select(m => workspace.Path_("modules", m, "mcp", "deploy", "helm-values.yaml")).Prepend(Path.Combine(chart, "values.yaml")).ToArray();

        var result = await InfraValidators.NodeAsync(["schema", schema, .. valuesFiles]);
        Assert.True(result.ExitCode == 0, result.Output);

        foreach (var module in workspace.Modules)
        {
            var values = await InfraValidators.ReadYamlDocumentAsync(workspace.Path_("modules", module, "mcp", "deploy", "helm-values.yaml"));
            Assert.Equal(InfraWorkspace.Ports[module], (int)values["port"]!);
            Assert.Equal($"ghcr.io/OWNER/{module}", (string?)values["image"]!["repository"]);
            Assert.Equal($"{module}-mcp-auth", (string?)values["auth"]!["existingSecret"]);
        }

        foreach (var file in Directory.GetFiles(Path.Combine(chart, "templates"), "*", SearchOption.AllDirectories).Append(Path.Combine(chart, "Chart.yaml")))
        {
            Assert.DoesNotContain("mcp-workspace-name", File.ReadAllText(file), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Every_value_the_chart_templates_read_is_defined_in_values_yaml()
    {
        // Helm cannot run here; this catches a template reading a value that does not exist
        // (it would silently render empty). `helm lint --strict` in CI checks the rest.
        using var temp = new TempDirectory();
        var root = temp.Combine("acme");
        Directory.CreateDirectory(root);
        (await pack.NewAsync(root, "devops-k8s", "--external-secrets")).EnsureSuccess();
        var chart = Path.Combine(root, "infra", "k8s", "charts", "mcp-module");
        var values = await InfraValidators.ReadYamlDocumentAsync(Path.Combine(chart, "values.yaml"));

        var references = Directory.GetFiles(Path.Combine(chart, "templates"), "*", SearchOption.AllDirectories)
            .SelectMany(f => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(f), @"\.Values\.([A-Za-z0-9_.]+)").Select(m => (File: Path.GetFileName(f), Path: m.Groups[1].Value)))
            .ToList();
        Assert.True(references.Count > 30, $"only {references.Count} value references found");
        Assert.Empty(references
            .Where(r => r.Path.Split('.').Aggregate((JsonNode?)values, (node, key) => node is JsonObject o && o.TryGetPropertyValue(key, out var next) ? next ?? JsonValue.Create("") : null) is null)
            .Select(r => $"{r.File}: .Values.{r.Path} is not in values.yaml"));
    }

    [Theory]
    [InlineData("tag: latest", "image.tag: latest", "/image/tag must NOT be valid")]
    [InlineData("runAsUser: 0", "runAsUser: 0", "/runAsUser must be >= 1")]
    [InlineData("unknown key", "imagePullSecret: x", "must NOT have additional properties {\"additionalProperty\":\"imagePullSecret\"}")]
    [InlineData("no resources", "resources: null", "/resources must be object")]
    public async Task Invalid_helm_values_are_rejected_with_a_clear_message(string _, string change, string expected)
    {
        using var workspace = await InfraWorkspace.CreateAsync(pack, [], [], wireModules: false);
        var values = workspace.Path_("modules", "billing", "mcp", "deploy", "helm-values.yaml");
        var text = File.ReadAllText(values);
        text = change switch
        {
            "image.tag: latest" => text.Replace("  tag: sha-0000000000000000000000000000000000000000", "  tag: latest", StringComparison.Ordinal),
            "runAsUser: 0" => text.Replace("runAsUser: 10001", "runAsUser: 0", StringComparison.Ordinal),
            "resources: null" => text.Replace("resources:\n", "resources: null\nignoredResources:\n", StringComparison.Ordinal).Replace("ignoredResources:\n  requests:\n    cpu: 100m\n    memory: 128Mi\n  limits:\n    cpu: \"1\"\n    memory: 256Mi\n", "", StringComparison.Ordinal),
            _ => text + change + "\n",
        };
        Assert.NotEqual(File.ReadAllText(values), text);
        File.WriteAllText(values, text);

        var result = await InfraValidators.NodeAsync("schema", workspace.Path_("infra", "k8s", "charts", "mcp-module", "values.schema.json"), values);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(expected, result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(values, result.StandardOutput, StringComparison.Ordinal);
    }

    private static async Task<List<JsonObject>> RenderAndValidateAsync(string directory)
    {
        var rendered = await InfraValidators.KustomizeAsync(directory);
        Assert.True(rendered.ExitCode == 0, $"kubectl kustomize {directory}:\n{rendered.Output}");
        var file = Path.Combine(Path.GetTempPath(), $"mcpops-rendered-{Guid.NewGuid():N}.yaml");
        try
        {
            File.WriteAllText(file, rendered.StandardOutput);
            var models = await InfraValidators.NodeAsync("k8s", file);
            Assert.True(models.ExitCode == 0, $"kubernetes-models, {directory}:\n{models.Output}");
            var objects = (await InfraValidators.ReadYamlAsync(file)).Select(o => o!.AsObject()).ToList();
            Assert.Empty(objects.SelectMany(RestrictedPodPolicy.Check));
            Assert.DoesNotContain(objects, o => (string?)o["kind"] == "Secret");
            Assert.Empty(objects.Where(o => o["metadata"]?["labels"]?["app.kubernetes.io/part-of"] is null && (string?)o["kind"] != "Namespace" && directory.Contains("environments", StringComparison.Ordinal))
                .Select(o => $"{o["kind"]}/{o["metadata"]?["name"]} has no app.kubernetes.io/part-of label"));
            return objects;
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static void AssertModuleObjects(List<JsonObject> objects, string module, int port, bool externalSecrets)
    {
        JsonObject Named(string kind) => objects.Single(o => (string?)o["kind"] == kind && ((string)o["metadata"]!["name"]!).StartsWith($"{module}-mcp", StringComparison.Ordinal));

        var deployment = Named("Deployment");
        var labels = deployment["metadata"]!["labels"]!;
        Assert.Equal(module, (string?)labels["app.kubernetes.io/name"]);
        Assert.Equal(module, (string?)labels["app.kubernetes.io/instance"]);
        Assert.Equal("acme", (string?)labels["app.kubernetes.io/part-of"]);
        var selector = deployment["spec"]!["selector"]!["matchLabels"]!;
        Assert.Equal(module, (string?)selector["app.kubernetes.io/name"]);

        var container = deployment["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal(port, (int)container["ports"]![0]!["containerPort"]!);
        Assert.Equal($"ghcr.io/OWNER/{module}:sha-0000000000000000000000000000000000000000", (string?)container["image"]);
        Assert.Equal(10001, (int)deployment["spec"]!["template"]!["spec"]!["securityContext"]!["runAsUser"]!);
        var token = container["env"]!.AsArray().Single(e => (string?)e!["name"] == "MCP_AUTH_TOKEN")!;
        Assert.Null(token["value"]);
        Assert.Equal($"{module}-mcp-auth", (string?)token["valueFrom"]!["secretKeyRef"]!["name"]);

        var configMapName = (string?)container["envFrom"]![0]!["configMapRef"]!["name"];
        var configMap = objects.Single(o => (string?)o["kind"] == "ConfigMap" && (string?)o["metadata"]!["name"] == configMapName);
        Assert.Equal(port.ToString(), (string?)configMap["data"]!["PORT"]);
        Assert.Equal("0.0.0.0", (string?)configMap["data"]!["HOST"]);

        Assert.False(Named("ServiceAccount")["automountServiceAccountToken"]!.GetValue<bool>());
        Assert.Equal($"{module}-mcp", (string?)Named("HorizontalPodAutoscaler")["spec"]!["scaleTargetRef"]!["name"]);
        Assert.True(JsonNode.DeepEquals(selector, Named("PodDisruptionBudget")["spec"]!["selector"]!["matchLabels"]));
        Assert.True(JsonNode.DeepEquals(selector, Named("Service")["spec"]!["selector"]));
        Assert.True(JsonNode.DeepEquals(selector, Named("NetworkPolicy")["spec"]!["podSelector"]!["matchLabels"]));

        if (externalSecrets)
        {
            var externalSecret = Named("ExternalSecret");
            Assert.Equal($"{module}-mcp-auth", (string?)externalSecret["metadata"]!["name"]);
            Assert.Equal($"{module}-auth-token", (string?)externalSecret["spec"]!["data"]![0]!["remoteRef"]!["key"]);
            Assert.Equal("1", (string?)externalSecret["spec"]!["data"]![0]!["remoteRef"]!["version"]);
        }
    }
}
