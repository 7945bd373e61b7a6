using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Templates.Tests.CSharp;

/// <summary>
/// A generated workspace with one TypeScript module (billing) and one C# module (inventory, port 8082),
/// with the C# module built (and with it mcp-core-dotnet). Created once and shared by the C# end-to-end
/// tests. Nothing is wired by `mcpops sync` here: that is the generator's job and has its own tests.
/// </summary>
public sealed class MixedWorkspace
{
    public const string CSharpModule = "inventory";
    public const string CSharpProject = "Inventory.Mcp";
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly TempDirectory Temp = new("mcpops-csharp-e2e");
    private static MixedWorkspace? s_instance;

    private MixedWorkspace(string root) => Root = root;

    public string Root { get; }

    public string CSharpModuleFolder => Path.Combine(Root, "modules", CSharpModule, "mcp");

    public string TestProject => Path.Combine(CSharpModuleFolder, "test", $"{CSharpProject}.Tests", $"{CSharpProject}.Tests.csproj");

    /// <summary>The server as `dotnet build` leaves it (the image runs the published equivalent).</summary>
    public string ServerDll => Path.Combine(CSharpModuleFolder, "src", CSharpProject, "bin", "Release", "net10.0", $"{CSharpProject}.dll");

    public static async Task<MixedWorkspace> GetAsync(TemplatePack pack)
    {
        await Gate.WaitAsync();
        try
        {
            return s_instance ??= await CreateAsync(pack);
        }
        finally
        {
            Gate.Release();
        }
    }

    public Task<ProcessResult> DotnetAsync(params string[] arguments) =>
        ProcessRunner.RunAsync("dotnet", arguments, Root, timeout: TimeSpan.FromMinutes(6));

    private static async Task<MixedWorkspace> CreateAsync(TemplatePack pack)
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Temp.Dispose();
        (await pack.NewAsync(Temp.Path, "mcp-workspace", "-n", "acme", "--scope", "acme")).EnsureSuccess();
        var workspace = new MixedWorkspace(Temp.Combine("acme"));
        (await pack.NewAsync(workspace.Root, "mcp-module", "-n", "billing", "--scope", "acme")).EnsureSuccess();
        (await pack.NewAsync(workspace.Root, "mcp-module", "-n", "Inventory", "--language", "C#", "--port", "8082")).EnsureSuccess();

        // One build of the module's test project builds mcp-core-dotnet, the server and the tests.
        (await workspace.DotnetAsync("build", workspace.TestProject, "-c", "Release", "--nologo")).EnsureSuccess();
        return workspace;
    }
}
