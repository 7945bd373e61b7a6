using System.Security.Cryptography;
using McpOps.Cli.Commands;
using McpOps.Cli.FileSystem;
using McpOps.Cli.Modules;
using McpOps.Cli.Tests.Infrastructure;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Cli.Tests.Supabase;

/// <summary>
/// `mcpops add --edge/--edge-only` and `mcpops edge enable` with a fake mcp-module template that
/// writes what the real one does for --edge (src/edge.ts, the build:edge script, "targets"/"edge").
/// </summary>
public sealed class EdgeCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new("mcpops-edge");

    [Theory]
    [InlineData("--edge", "[\"container\", \"edge\"]")]
    [InlineData("--edge-only", "[\"edge\"]")]
    public void Add_passes_the_edge_option_to_the_template_and_wires_the_function(string option, string targets)
    {
        var root = Materialise();
        var runner = new EdgeTemplate();

        var result = Run(root, runner, "add", "alerts", option);

        Assert.True(result.Exit == 0, result.Output + result.Error);
        Assert.Contains(option, runner.Calls.Single());
        Assert.Contains($"\"targets\": {targets}", File.ReadAllText(Path.Combine(root, "modules/alerts/mcp/mcpops.module.json")));
        Assert.Contains("[functions.alerts]\nenabled = true\nverify_jwt = false\nentrypoint = \"../modules/alerts/mcp/dist/edge/index.js\"", File.ReadAllText(Path.Combine(root, "supabase/config.toml")));
        Assert.Equal(0, Run(root, runner, "sync", "--check").Exit);
    }

    [Fact]
    public void Add_refuses_edge_for_a_CSharp_module_before_anything_runs()
    {
        var root = Materialise();
        var runner = new EdgeTemplate();

        var result = Run(root, runner, "add", "alerts", "--edge", "--language", "C#");

        Assert.Equal(2, result.Exit);
        Assert.Contains("--edge and --edge-only need a TypeScript module", result.Error);
        Assert.Empty(runner.Calls);
    }

    [Fact]
    public void Add_refuses_a_template_that_ignored_edge_and_changes_nothing()
    {
        var root = Materialise();
        var before = Snapshot(root);

        var result = Run(root, new EdgeTemplate { IgnoresEdge = true }, "add", "alerts", "--edge");

        Assert.Equal(2, result.Exit);
        Assert.Contains("has no Edge target", result.Error);
        Assert.Equal(before, Snapshot(root));
    }

    [Fact]
    public void Edge_enable_takes_only_the_edge_files_and_keeps_the_users_edits()
    {
        var root = Materialise("billing");
        var runner = new EdgeTemplate();
        var readme = Path.Combine(root, "modules/billing/mcp/README.md");
        File.WriteAllText(readme, "# billing, edited by the team\n");
        var server = Path.Combine(root, "modules/billing/mcp/src/server.ts");
        var serverBefore = File.ReadAllText(server);

        var result = Run(root, runner, "edge", "enable", "billing");

        Assert.True(result.Exit == 0, result.Output + result.Error);
        Assert.Equal(2, runner.Calls.Count);
        Assert.DoesNotContain("--edge", runner.Calls[0]);
        Assert.Contains("--edge", runner.Calls[1]);
        Assert.Contains("--port=8080", runner.Calls[1]);
        Assert.Equal(EdgeTemplate.EdgeEntry, File.ReadAllText(Path.Combine(root, "modules/billing/mcp/src/edge.ts")));
        var package = File.ReadAllText(Path.Combine(root, "modules/billing/mcp/package.json"));
        Assert.Contains("\"build:edge\": \"node scripts/build-edge.mjs\"", package);
        Assert.Contains("\"@acme/mcp-core\": \"*\"", package);
        var metadata = File.ReadAllText(Path.Combine(root, "modules/billing/mcp/mcpops.module.json"));
        Assert.Contains("\"targets\": [", metadata);
        Assert.Contains("\"verifyJwt\": false", metadata);
        Assert.Equal(serverBefore, File.ReadAllText(server));
        Assert.Equal("# billing, edited by the team\n", File.ReadAllText(readme));
        Assert.Contains("README.md was edited since it was generated", result.Error);
        Assert.Contains("[functions.billing]", File.ReadAllText(Path.Combine(root, "supabase/config.toml")));
        Assert.Equal(0, Run(root, runner, "sync", "--check").Exit);

        var again = Run(root, runner, "edge", "enable", "billing");
        Assert.Equal(2, again.Exit);
        Assert.Contains("already has the Edge target", again.Error);
    }

    [Fact]
    public void Edge_enable_refuses_an_unknown_module_and_a_CSharp_module()
    {
        var root = Materialise("billing");
        var source = new InMemoryFileSource();
        MemoryCSharpModules.Add(source, "ledger", "Ledger.Mcp");
        foreach (var path in source.ListFilesRecursive(""))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(root, path))!);
            File.WriteAllText(Path.Combine(root, path), source.ReadText(path));
        }

        var unknown = Run(root, new EdgeTemplate(), "edge", "enable", "nope");
        var csharp = Run(root, new EdgeTemplate(), "edge", "enable", "ledger");

        Assert.Equal(2, unknown.Exit);
        Assert.Contains("no module 'nope' (modules: billing, ledger)", unknown.Error);
        Assert.Equal(2, csharp.Exit);
        Assert.Contains("is a C# module", csharp.Error);
    }

    [Fact]
    public void Rename_and_remove_carry_the_function_table_and_the_function_name()
    {
        var root = Materialise();
        Assert.Equal(0, Run(root, new EdgeTemplate(), "add", "alerts", "--edge-only").Exit);

        var rename = Run(root, new EdgeTemplate(), "rename", "alerts", "pagers");

        Assert.True(rename.Exit == 0, rename.Output + rename.Error);
        var config = File.ReadAllText(Path.Combine(root, "supabase/config.toml"));
        Assert.Contains("[functions.pagers]\nenabled = true\nverify_jwt = false\nentrypoint = \"../modules/pagers/mcp/dist/edge/index.js\"", config);
        Assert.DoesNotContain("alerts", config);
        Assert.Contains("\"function\": \"pagers\"", File.ReadAllText(Path.Combine(root, "modules/pagers/mcp/mcpops.module.json")));

        var remove = Run(root, new EdgeTemplate(), "remove", "pagers", "--yes");

        Assert.True(remove.Exit == 0, remove.Output + remove.Error);
        Assert.Equal(MemoryWorkspace.SupabaseConfig, File.ReadAllText(Path.Combine(root, "supabase/config.toml")));
    }

    public void Dispose() => _temp.Dispose();

    private static (int Exit, string Output, string Error) Run(string root, ITemplateRunner runner, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = McpOpsCli.Run(args, new CliContext(root, output, error, _ => null, runner));
        return (exit, output.ToString(), error.ToString());
    }

    private string Materialise(params string[] modules)
    {
        var source = MemoryWorkspace.Create(modules);
        source["supabase/config.toml"] = MemoryWorkspace.SupabaseConfig;
        var root = _temp.Combine("ws");
        foreach (var path in source.ListFilesRecursive(""))
        {
            var full = Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, source.ReadText(path));
        }

        foreach (var module in modules)
        {
            File.WriteAllText(Path.Combine(root, $"modules/{module}/mcp/README.md"), $"# {module}\n");
        }

        return root;
    }

    private static string Snapshot(string root) => string.Join('\n',
        Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Select(entry => Path.GetRelativePath(root, entry).Replace('\\', '/')
                + (File.Exists(entry) ? " " + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(entry))) : "/"))
            .Order(StringComparer.Ordinal));

    /// <summary>The mcp-module template as far as the Edge target goes: --edge adds src/edge.ts, build:edge and the metadata.</summary>
    private sealed class EdgeTemplate : ITemplateRunner
    {
        public const string EdgeEntry = "import { serveEdge } from \"@acme/mcp-core/edge\";\nDeno.serve(serveEdge());\n";

        public bool IgnoresEdge { get; init; }

        public List<IReadOnlyList<string>> Calls { get; } = [];

        public TemplateRunResult Run(string outputFolder, IReadOnlyList<string> arguments)
        {
            Calls.Add(arguments);
            var name = arguments[arguments.ToList().IndexOf("--name") + 1];
            var edgeOnly = arguments.Contains("--edge-only");
            var edge = !IgnoresEdge && (edgeOnly || arguments.Contains("--edge"));
            var source = new InMemoryFileSource();
            MemoryWorkspace.AddModule(source, name, port: 8080);
            var folder = $"modules/{name}/mcp";
            source[folder + "/README.md"] = edge ? $"# {name}\n\n## Edge\n" : $"# {name}\n";
            if (edge)
            {
                source[folder + "/src/edge.ts"] = EdgeEntry;
                source[folder + "/scripts/build-edge.mjs"] = "// esbuild\n";
                source[folder + "/package.json"] = source.ReadText(folder + "/package.json")!.Replace("\"dependencies\"", "\"scripts\": { \"build:edge\": \"node scripts/build-edge.mjs\" },\n  \"dependencies\"", StringComparison.Ordinal);
                var targets = edgeOnly ? "[\"edge\"]" : "[\"container\", \"edge\"]";
                source[folder + "/mcpops.module.json"] = $$"""
                    {
                      "name": "{{name}}",
                      "flavour": "typescript",
                      "port": 8080,
                      "targets": {{targets}},
                      "edge": { "function": "{{name}}", "verifyJwt": false }
                    }

                    """;
            }
            else
            {
                source[folder + "/mcpops.module.json"] = $$"""{ "name": "{{name}}", "flavour": "typescript", "port": 8080 }""" + "\n";
            }

            foreach (var path in source.ListFilesRecursive(""))
            {
                var full = Path.Combine(outputFolder, path);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllText(full, source.ReadText(path));
            }

            return new TemplateRunResult(0, "The template \"MCP server module\" was created successfully.", "dotnet new " + string.Join(' ', arguments));
        }
    }
}
