using System.Collections.Concurrent;
using McpOps.Cli.Upgrade;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Cli.Tests.Upgrade;

/// <summary>
/// The shared-render shortcut of `mcpops upgrade` writes, for every instance, byte for byte what a real
/// `dotnet new` run with the instance's own options writes: over many names (acronyms, spaces, digits,
/// reserved words, the longest), ports, scopes, descriptions with quotes, both languages, the Edge and
/// Railway options and the workspace template. And it is a shortcut: instances that differ only in those
/// values share one `dotnet new` run.
/// </summary>
[Collection(SharedTemplatePack.Name)]
public sealed class ProbeRendererTests(TemplatePack pack)
{
    public static TheoryData<string, string[]> Instances => new()
    {
        { "mcp-module", ["--name", "billing", "--scope=@acme", "--port=8080"] },
        { "mcp-module", ["--name", "crm-sync", "--scope=@acme", "--port=8123"] },
        { "mcp-module", ["-n", "BillingService", "--scope", "Acme Corp", "-p", "9000"] },
        { "mcp-module", ["--name", "Bad Name", "--scope=@acme", "--port=8080", "--description=Invoices \"and\" $refunds\\ `now`."] },
        { "mcp-module", ["--name", "a", "--scope=@x", "--port=1"] },
        { "mcp-module", ["--name", "mcp", "--scope=@acme", "--port=65535"] },
        { "mcp-module", ["--name", "x9-echo", "--scope=@acme", "--port=8081", "--edge"] },
        { "mcp-module", ["--name", "edge-only-thing", "--scope=@acme", "--port=8082", "--edge-only"] },
        { "mcp-module", ["--name", "abcdefghijklmnopqrstuvwxyz-and-more", "--scope=@acme", "--port=8083", "--railway-config=toml"] },
        { "mcp-module", ["--name", "inventory", "--language", "C#", "--port=8090"] },
        { "mcp-module", ["--name", "HTTPGateway2", "--language=C#", "--port=8091", "--description=Gateway's \"edge\"."] },
        { "mcp-workspace", ["--name", "acme", "--scope=@acme"] },
        { "mcp-workspace", ["--name", "Big Co", "--scope", "bigco"] },
    };

    [Theory]
    [MemberData(nameof(Instances))]
    public void Each_instance_is_byte_identical_to_its_own_dotnet_new_run(string template, string[] arguments)
    {
        using var real = new PackRenderer(_ => null, pack.PackagePath);
        var version = Version();
        var counting = new CountingRenderer(real);
        var probe = new ProbeRenderer(counting, real.FindPackage);

        var derived = probe.Render(version, template, arguments);
        var expected = real.Render(version, template, arguments);

        // It was derived from a probe render, not rendered as given.
        Assert.DoesNotContain(string.Join(' ', arguments), counting.Renders);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), derived.Keys.Order(StringComparer.Ordinal));
        Assert.All(expected, file => Assert.True(file.Value == derived[file.Key], $"{file.Key} differs from `dotnet new {template} {string.Join(' ', arguments)}`"));
    }

    [Fact]
    public void Instances_that_differ_only_in_name_port_scope_and_description_share_one_dotnet_new_run()
    {
        using var real = new PackRenderer(_ => null, pack.PackagePath);
        var counting = new CountingRenderer(real);
        var probe = new ProbeRenderer(counting, real.FindPackage);
        var version = Version();

        var outputs = Enumerable.Range(1, 12).AsParallel()
            .Select(i => probe.Render(version, "mcp-module", ["--name", $"m{i}", "--scope=@acme", $"--port={8080 + i}", $"--description=Module {i}."]))
            .ToList();
        probe.Render(version, "mcp-module", ["--name", "e1", "--scope=@acme", "--port=9001", "--edge"]);
        probe.Render(version, "mcp-module", ["--name", "e2", "--scope=@acme", "--port=9002", "--edge"]);

        // One render for the twelve, one for the two Edge modules (another option, another output).
        Assert.Equal(2, counting.Renders.Count);
        Assert.Equal(12, outputs.Select(o => o.Keys.Single(k => k.EndsWith("/mcpops.module.json", StringComparison.Ordinal))).Distinct().Count());
        Assert.All(outputs, o => Assert.DoesNotContain(o.Values, text => text.Contains("zqx", StringComparison.Ordinal)));
    }

    [Fact]
    public void An_option_it_cannot_place_is_rendered_by_dotnet_new_itself()
    {
        using var real = new PackRenderer(_ => null, pack.PackagePath);
        var counting = new CountingRenderer(real);
        var probe = new ProbeRenderer(counting, real.FindPackage);

        // The name given twice: what dotnet new makes of it is its business (it refuses), so the probe does not guess.
        var arguments = new[] { "--name", "one", "--name", "two", "--scope=@acme" };
        Assert.Throws<McpOps.Cli.Workspaces.WorkspaceException>(() => probe.Render(Version(), "mcp-module", arguments));

        Assert.Equal(string.Join(' ', arguments), Assert.Single(counting.Renders));
    }

    private string Version() =>
        Path.GetFileNameWithoutExtension(pack.PackagePath)[(PackRenderer.PackageId.Length + 1)..];

    private sealed class CountingRenderer(ITemplateRenderer inner) : ITemplateRenderer
    {
        public ConcurrentBag<string> Renders { get; } = [];

        public IReadOnlyDictionary<string, string> Render(string version, string template, IReadOnlyList<string> arguments)
        {
            Renders.Add(string.Join(' ', arguments));
            return inner.Render(version, template, arguments);
        }
    }
}
