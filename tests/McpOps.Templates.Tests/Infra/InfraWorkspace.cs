using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Templates.Tests.Infra;

/// <summary>
/// A workspace generated with the real templates (mcp-workspace, three mcp-modules, devops-compose,
/// devops-k8s), wired by the real `mcpops sync`. No npm install: these tests read files.
/// </summary>
public sealed class InfraWorkspace : IDisposable
{
    private readonly TempDirectory _temp = new("mcpops-infra");

    private InfraWorkspace() => Root = _temp.Combine("acme");

    public string Root { get; }

    /// <summary>Two TypeScript modules and one C# module (ledger): every fragment must hold for both languages.</summary>
    public IReadOnlyList<string> Modules { get; } = ["billing", "inventory", "ledger"];

    public static readonly IReadOnlyDictionary<string, int> Ports = new Dictionary<string, int> { ["billing"] = 8080, ["inventory"] = 8082, ["ledger"] = 8083 };

    private static readonly IReadOnlyDictionary<string, string> Languages = new Dictionary<string, string> { ["ledger"] = "C#" };

    public string ComposeFile => Path.Combine(Root, "infra", "compose", "docker-compose.yml");

    public string Fragment(string module) => Path.Combine(Root, "modules", module, "mcp", "deploy", "compose.yaml");

    public string Path_(params string[] parts) => Path.Combine([Root, .. parts]);

    public static async Task<InfraWorkspace> CreateAsync(
        TemplatePack pack,
        string[] composeOptions,
        string[] k8sOptions,
        bool wireModules = true)
    {
        var workspace = new InfraWorkspace();
        await GeneratedTreeCache.CopyAsync(
            string.Join('\0', ["infra", .. composeOptions, "|", .. k8sOptions, "|", wireModules.ToString()]),
            folder => GenerateAsync(pack, folder, workspace.Modules, composeOptions, k8sOptions, wireModules),
            workspace._temp.Path);
        return workspace;
    }

    private static async Task GenerateAsync(TemplatePack pack, string folder, IReadOnlyList<string> modules, string[] composeOptions, string[] k8sOptions, bool wireModules)
    {
        var root = Path.Combine(folder, "acme");
        (await pack.NewAsync(folder, "mcp-workspace", "-n", "acme", "--scope", "acme")).EnsureSuccess();
        foreach (var module in modules)
        {
            (await pack.NewAsync(root, "mcp-module", "-n", module, "--scope", "acme", "--port", Ports[module].ToString(),
                "--language", Languages.GetValueOrDefault(module, "TypeScript"))).EnsureSuccess();
        }

        (await pack.NewAsync(root, ["devops-compose", .. composeOptions])).EnsureSuccess();
        (await pack.NewAsync(root, ["devops-k8s", .. k8sOptions])).EnsureSuccess();
        if (wireModules)
        {
            (await Mcpops.RunAsync(root, "sync")).EnsureSuccess();
            (await Mcpops.RunAsync(root, "sync", "--check")).EnsureSuccess();
        }
    }

    public IEnumerable<string> KubernetesEnvironments()
    {
        var root = Path_("infra", "k8s", "environments");
        return Directory.Exists(root) ? Directory.GetDirectories(root).Order(StringComparer.Ordinal) : [];
    }

    public void Dispose() => _temp.Dispose();
}
