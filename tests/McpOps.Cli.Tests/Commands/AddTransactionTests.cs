using System.Security.Cryptography;
using McpOps.Cli.Commands;
using McpOps.Cli.FileSystem;
using McpOps.Cli.Modules;
using McpOps.Cli.Tests.Infrastructure;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Cli.Tests.Commands;

/// <summary>
/// `mcpops add` is one transaction: a fake template runner fails at each step (template error, no
/// output, output outside the module folder, a module that cannot be wired, a write that fails half-way)
/// and every file and folder of the workspace hashes the same afterwards.
/// </summary>
public sealed class AddTransactionTests : IDisposable
{
    private readonly TempDirectory _temp = new("mcpops-add-tx");

    public static TheoryData<string> Failures => new() { "exit", "nothing", "outside", "unwirable", "wrong-flavour", "write" };

    [Theory]
    [MemberData(nameof(Failures))]
    public void A_failure_at_any_step_leaves_the_workspace_byte_identical(string failure)
    {
        var root = Materialise(MemoryWorkspace.Create("billing"));
        var before = Snapshot(root);
        var runner = new FakeTemplateRunner(failure);
        var writes = 0;
        Action<string>? beforeWrite = failure == "write" ? _ => { if (++writes == 3) { throw new IOException("disk full (injected)"); } } : null;

        var (exit, _, error) = Run(root, runner, beforeWrite, "add", "inventory");

        Assert.NotEqual(0, exit);
        Assert.Equal(before, Snapshot(root));
        Assert.True(runner.Ran, "the template runner was not called: the failure happened before the step under test");
        Assert.Contains("nothing was changed", error);
    }

    [Fact]
    public void A_successful_add_writes_the_module_and_its_wiring_in_one_commit_with_the_next_free_port()
    {
        var root = Materialise(MemoryWorkspace.Create("billing"));
        var runner = new FakeTemplateRunner("none");

        var (exit, output, error) = Run(root, runner, null, "add", "inventory");

        Assert.True(exit == 0, output + error);
        Assert.Contains("--port=8081", runner.Arguments);
        Assert.Contains("port 8081", output);
        Assert.True(File.Exists(Path.Combine(root, "modules/inventory/mcp/package.json")));
        Assert.Contains("inventory", File.ReadAllText(Path.Combine(root, "tsconfig.json")));
        Assert.Equal(0, Run(root, runner, null, "sync", "--check").Exit);
    }

    [Fact]
    public void An_explicit_port_that_another_module_uses_is_refused_before_the_template_runs()
    {
        var root = Materialise(MemoryWorkspace.Create("billing"));
        var before = Snapshot(root);
        var runner = new FakeTemplateRunner("none");

        var (exit, _, error) = Run(root, runner, null, "add", "inventory", "--port", "8080");

        Assert.Equal(2, exit);
        Assert.Contains("already the port of module 'billing'", error);
        Assert.False(runner.Ran);
        Assert.Equal(before, Snapshot(root));
    }

    public void Dispose() => _temp.Dispose();

    private static (int Exit, string Output, string Error) Run(string root, ITemplateRunner runner, Action<string>? beforeWrite, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext(root, output, error, _ => null, runner, beforeWrite: beforeWrite);
        var exit = McpOpsCli.Run(args, context);
        return (exit, output.ToString(), error.ToString());
    }

    private string Materialise(InMemoryFileSource source)
    {
        var root = _temp.Combine("ws");
        foreach (var path in source.ListFilesRecursive(""))
        {
            var full = Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, source.ReadText(path));
        }

        return root;
    }

    /// <summary>Every folder and every file's SHA-256, relative to <paramref name="root"/>.</summary>
    private static string Snapshot(string root) => string.Join('\n',
        Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Select(entry => Path.GetRelativePath(root, entry).Replace('\\', '/')
                + (File.Exists(entry) ? " " + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(entry))) : "/"))
            .Order(StringComparer.Ordinal));

    /// <summary>Writes a module the way the mcp-module template does, or fails as told.</summary>
    private sealed class FakeTemplateRunner(string failure) : ITemplateRunner
    {
        public bool Ran { get; private set; }

        public IReadOnlyList<string> Arguments { get; private set; } = [];

        public TemplateRunResult Run(string outputFolder, IReadOnlyList<string> arguments)
        {
            Ran = true;
            Arguments = arguments;
            var name = arguments[arguments.ToList().IndexOf("--name") + 1];
            Assert.Empty(Directory.EnumerateFileSystemEntries(outputFolder));
            if (failure == "exit")
            {
                return new TemplateRunResult(1, "Template failed (injected).", "dotnet new mcp-module");
            }

            if (failure == "nothing")
            {
                return new TemplateRunResult(0, "", "dotnet new mcp-module");
            }

            var module = new InMemoryFileSource();
            if (failure == "wrong-flavour")
            {
                MemoryCSharpModules.Add(module, name, "Inventory.Mcp");
            }
            else
            {
                MemoryWorkspace.AddModule(module, name, port: 8081);
            }

            if (failure == "unwirable")
            {
                module[$"modules/{name}/mcp/package.json"] = "{ \"name\": ";
            }

            if (failure == "outside")
            {
                module["modules/modules/stray/mcp/package.json"] = "{}\n";
            }

            foreach (var path in module.ListFilesRecursive(""))
            {
                var full = Path.Combine(outputFolder, path);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllText(full, module.ReadText(path));
            }

            return new TemplateRunResult(0, "The template \"MCP server module\" was created successfully.", "dotnet new mcp-module");
        }
    }
}
