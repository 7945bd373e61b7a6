using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using McpOps.Cli.Flavours;
using McpOps.Cli.Registry;
using McpOps.Cli.Tests.Infrastructure;
using McpOps.Cli.Workspaces;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Cli.Tests.Registry;

/// <summary>
/// A public module's server.json is valid against the official MCP Registry schema (2025-12-11,
/// vendored byte-for-byte as test data), lists only public https remotes and never a secret; bad
/// input is refused with the fix and nothing is written; modules not made public get no entry.
/// </summary>
public sealed class ServerJsonTests : IDisposable
{
    private const string SchemaSha256 = "3fba09590c99f61735d234822279f4223fab9e300c0a81e81c91ab62a4114de0";

    private static readonly JsonSchema Schema = LoadSchema();

    private readonly TempDirectory temp = new("mcpops-registry");

    private static ModuleInfo Billing => new("billing", ModuleFlavours.TypeScript, "modules/billing/mcp/package.json", "@acme/billing-mcp", "Invoices and payments.", 8080, RailwayConfig.Ts, false, false, [], ModuleTargets.Default, null);

    public void Dispose() => temp.Dispose();

    [Fact]
    public void The_vendored_schema_is_the_published_2025_12_11_file()
    {
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Registry", "server.schema.2025-12-11.json"));
        Assert.Equal(SchemaSha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        Assert.Equal(ServerJson.SchemaUrl, (string?)JsonNode.Parse(bytes)!["$id"]);
    }

    [Fact]
    public void An_entry_with_both_remotes_and_a_repository_is_valid_and_carries_no_secret()
    {
        var text = ServerJson.Render(Billing, new RegistryEntry("io.github.acme/billing", "https://billing.example.com/mcp", "https://billing.example.com/sse", "1.2.0", null, "https://github.com/acme/platform"));

        AssertValid(text);
        var json = JsonNode.Parse(text)!;
        Assert.Equal(ServerJson.SchemaUrl, (string?)json["$schema"]);
        Assert.Equal("Invoices and payments.", (string?)json["description"]);
        Assert.Equal("modules/billing/mcp", (string?)json["repository"]!["subfolder"]);
        Assert.Equal(["streamable-http", "sse"], json["remotes"]!.AsArray().Select(r => (string?)r!["type"]));
        foreach (var header in json["remotes"]!.AsArray().SelectMany(r => r!["headers"]!.AsArray()))
        {
            Assert.Equal("Authorization", (string?)header!["name"]);
            Assert.True((bool)header["isSecret"]!);
            Assert.Null(header["value"]);
        }
    }

    [Fact]
    public void The_schema_check_catches_a_real_mistake()
    {
        var text = ServerJson.Render(Billing, new RegistryEntry("io.github.acme/billing", "https://billing.example.com/mcp", null, "1.2.0", null, null));
        var broken = JsonNode.Parse(text)!;
        broken["name"] = "billing";
        broken["remotes"]![0]!["url"] = "billing.example.com/mcp";

        var results = Schema.Evaluate(JsonDocument.Parse(broken.ToJsonString()).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });

        Assert.False(results.IsValid);
    }

    [Theory]
    [InlineData("billing", "https://billing.example.com/mcp", "1.0.0", "a registry name is <namespace>/<server>")]
    [InlineData("io.github.acme/billing", "http://billing.example.com/mcp", "1.0.0", "a registry remote is an https:// URL")]
    [InlineData("io.github.acme/billing", "https://localhost:8080/mcp", "1.0.0", "is not a public host")]
    [InlineData("io.github.acme/billing", "https://10.1.2.3/mcp", "1.0.0", "is not a public host")]
    [InlineData("io.github.acme/billing", "https://billing.internal/mcp", "1.0.0", "is not a public host")]
    [InlineData("io.github.acme/billing", "https://billing.example.com/mcp?token=abc", "1.0.0", "no credentials, query or fragment")]
    [InlineData("io.github.acme/billing", "https://billing.example.com/mcp", "^1.0.0", "one exact version")]
    [InlineData("io.github.acme/billing", "https://billing.example.com/mcp", "latest", "one exact version")]
    public void Bad_input_is_refused_with_the_fix(string name, string url, string version, string message)
    {
        var error = Assert.Throws<WorkspaceException>(() => ServerJson.Render(Billing, new RegistryEntry(name, url, null, version, null, null)));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_description_over_100_characters_is_refused()
    {
        var error = Assert.Throws<WorkspaceException>(() => ServerJson.Render(Billing, new RegistryEntry("io.github.acme/billing", "https://billing.example.com/mcp", null, "1.0.0", new string('x', 101), null)));

        Assert.Contains("1 to 100 characters (this one has 101)", error.Message);
    }

    [Fact]
    public void Registry_add_writes_a_valid_entry_for_that_module_only()
    {
        var root = WriteWorkspace();

        var result = CliRun.In(root, "registry", "add", "billing", "--name", "io.github.acme/billing", "--url", "https://billing.example.com/mcp", "--repository", "https://github.com/acme/platform");

        Assert.True(result.ExitCode == 0, result.ToString());
        var text = File.ReadAllText(Path.Combine(root, "modules/billing/mcp/server.json"));
        AssertValid(text);
        Assert.Equal("0.1.0", (string?)JsonNode.Parse(text)!["version"]);
        Assert.False(File.Exists(Path.Combine(root, "modules/crm-sync/mcp/server.json")), "a module not made public got an entry");
    }

    [Fact]
    public void Registry_add_takes_the_version_description_and_sse_url_given()
    {
        var root = WriteWorkspace();

        var result = CliRun.In(root, "registry", "add", "crm-sync", "--name", "io.github.acme/crm-sync", "--url", "https://crm.example.com/mcp", "--sse-url", "https://crm.example.com/sse", "--version", "2.0.1", "--description", "Syncs the CRM.");

        Assert.True(result.ExitCode == 0, result.ToString());
        var text = File.ReadAllText(Path.Combine(root, "modules/crm-sync/mcp/server.json"));
        AssertValid(text);
        var json = JsonNode.Parse(text)!;
        Assert.Equal("2.0.1", (string?)json["version"]);
        Assert.Equal("Syncs the CRM.", (string?)json["description"]);
        Assert.Equal("https://crm.example.com/sse", (string?)json["remotes"]![1]!["url"]);
        Assert.Contains("nothing publishes it yet: this workspace has no .github/workflows/mcp-registry.yml (`dotnet new devops-ci --mcp-registry` adds it", result.Error);

        // With the workflow in place, the next step is the merge.
        Directory.CreateDirectory(Path.Combine(root, ".github", "workflows"));
        File.WriteAllText(Path.Combine(root, ".github", "workflows", "mcp-registry.yml"), "name: mcp-registry\n");
        var again = CliRun.In(root, "registry", "add", "crm-sync", "--name", "io.github.acme/crm-sync", "--url", "https://crm.example.com/mcp", "--version", "2.0.2");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("crm-sync is public: merge modules/crm-sync/mcp/server.json to main and .github/workflows/mcp-registry.yml publishes it as io.github.acme/crm-sync 2.0.2.", again.Error);
    }

    [Fact]
    public void Registry_add_with_bad_input_leaves_the_workspace_byte_identical()
    {
        var root = WriteWorkspace();
        var before = TreeHash(root);

        var result = CliRun.In(root, "registry", "add", "billing", "--name", "io.github.acme/billing", "--url", "http://127.0.0.1:8080/mcp");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("a registry remote is an https:// URL", result.Error);
        Assert.Contains("nothing was changed", result.Error);
        Assert.Equal(before, TreeHash(root));
    }

    private static void AssertValid(string text)
    {
        var results = Schema.Evaluate(JsonDocument.Parse(text).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        var errors = (results.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"));
        Assert.True(results.IsValid, $"server.json is not valid against the 2025-12-11 schema:\n{string.Join("\n", errors)}\n{text}");
    }

    private static JsonSchema LoadSchema() =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Registry", "server.schema.2025-12-11.json")));

    private static string TreeHash(string root) => string.Join("\n", Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
        .Select(f => $"{Path.GetRelativePath(root, f)} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))}"));

    private string WriteWorkspace()
    {
        var source = MemoryWorkspace.Create("billing", "crm-sync");
        var root = temp.Combine("acme");
        foreach (var path in source.ListFiles("").Concat(source.ListFilesRecursive(".railway")).Concat(source.ListFilesRecursive("modules")))
        {
            var full = Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, source.ReadText(path)!);
        }

        return root;
    }
}
