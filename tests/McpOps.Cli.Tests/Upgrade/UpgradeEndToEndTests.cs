using System.Security.Cryptography;
using McpOps.Cli.Commands;
using McpOps.Cli.FileSystem;
using McpOps.Cli.Tests.Infrastructure;
using McpOps.Cli.Upgrade;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Cli.Tests.Upgrade;

/// <summary>
/// `mcpops upgrade` with real packages: a workspace made by `mcpops new` and `mcpops add` with the
/// older pack (<see cref="OlderPacks"/>), hand-edited in a Dockerfile, YAML, JSON, TypeScript and
/// Markdown, is upgraded to this version: untouched files and the runtimes in modules/_shared take the
/// new content, edits are kept, the deliberate conflict is reported (exit 3); once resolved, sync
/// --check and check pass and it installs and builds with npm. Templates run by plain `dotnet new` upgrade
/// from their own traces (mcpops.module.json, .mcpops/instances/). A write failing half-way changes nothing.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class UpgradeEndToEndTests(OlderPacks packs) : IClassFixture<OlderPacks>, IDisposable
{
    private const string Module = "modules/billing/mcp";
    private const string TeamLabel = "LABEL com.acme.team=payments";
    private const string TeamReadmeLine = "Billing and invoices for the payments team.";
    private readonly TempDirectory _temp = new("mcpops-upgrade-e2e");

    [Fact]
    public async Task A_workspace_of_the_older_pack_upgrades_keeps_its_edits_reports_the_conflict_and_builds()
    {
        var root = OldWorkspace();
        var before = Files(root);

        var result = CliRun.In(root, "upgrade", "--from", packs.Folder);

        Assert.True(result.ExitCode == ExitCodes.Conflicts, result.ToString());
        Assert.Contains($"CONFLICT {Module}/README.md (1 region", result.Output, StringComparison.Ordinal);
        var after = Files(root);
        // Untouched: the new Node pin; edited: the team's label kept beside it.
        Assert.DoesNotContain(OlderPacks.OldNodePin, after[$"{Module}/Dockerfile"], StringComparison.Ordinal);
        Assert.EndsWith(TeamLabel + "\n", after[$"{Module}/Dockerfile"], StringComparison.Ordinal);
        Assert.Contains($"merged   {Module}/Dockerfile (your edits kept)", result.Output, StringComparison.Ordinal);
        // The runtime in modules/_shared is template output of mcp-workspace and upgrades the same way.
        Assert.DoesNotContain(OlderPacks.OldCoreReadmeLine, after["modules/_shared/mcp-core/README.md"], StringComparison.Ordinal);
        Assert.Contains("updated  modules/_shared/mcp-core/README.md", result.Output, StringComparison.Ordinal);
        // Edits the template did not touch: kept byte for byte.
        foreach (var path in new[] { $"{Module}/deploy/k8s/kustomization.yaml", $"{Module}/package.json", $"{Module}/src/tools/echo.ts" })
        {
            Assert.Equal(before[path], after[path]);
        }

        var readme = after[$"{Module}/README.md"];
        Assert.Contains($"<<<<<<< workspace\n{TeamReadmeLine}\n||||||| McpOps {OlderPacks.OldVersion}\n{OlderPacks.OldReadmeLine}\n=======\n", readme, StringComparison.Ordinal);
        Assert.Contains($">>>>>>> McpOps {OlderPacks.NewVersion}\n", readme, StringComparison.Ordinal);
        Assert.All(TemplateRecord.Read(new FileTree(new DiskFileSource(root))), i => Assert.Equal(OlderPacks.NewVersion, i.Version));

        // The team resolves the conflict their way; the workspace is then clean and builds.
        var start = readme.IndexOf("<<<<<<< ", StringComparison.Ordinal);
        var end = readme.IndexOf('\n', readme.IndexOf(">>>>>>> ", StringComparison.Ordinal)) + 1;
        File.WriteAllText(Path.Combine(root, Module, "README.md"), readme[..start] + TeamReadmeLine + "\n" + readme[end..]);
        var sync = CliRun.In(root, "sync", "--check");
        Assert.True(sync.ExitCode == 0, sync.ToString());
        var check = CliRun.In(root, "check");
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Equal(0, CliRun.In(root, "upgrade", "--from", packs.Folder).ExitCode);

        Task<ProcessResult> Npm(params string[] args) =>
            ProcessRunner.RunAsync("npm", [.. args, "--no-audit", "--no-fund"], root, timeout: TimeSpan.FromMinutes(8));
        (await Npm("install")).EnsureSuccess();
        (await Npm("run", "build")).EnsureSuccess();
        Assert.True(File.Exists(Path.Combine(root, Module, "dist", "server.mjs")));
    }

    [Fact]
    public void A_write_failing_half_way_through_the_upgrade_leaves_the_workspace_byte_identical()
    {
        var root = OldWorkspace();
        var before = Snapshot(root);
        var writes = 0;
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext(root, output, error, _ => null, beforeWrite: _ => { if (++writes == 3) { throw new IOException("disk full (injected)"); } });

        var exit = McpOpsCli.Run(["upgrade", "--from", packs.Folder], context);

        Assert.True(exit == ExitCodes.InputError, output + "\n" + error);
        Assert.Contains("disk full (injected)", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(root));
    }

    [Fact]
    public async Task A_module_made_with_plain_dotnet_new_is_traced_by_its_own_mcpops_module_json_and_upgrades()
    {
        var root = OldWorkspace();
        // Not `mcpops add`: the record does not list it; its template section (written by the 0.0.9 pack) does.
        (await ProcessRunner.RunAsync("dotnet", ["new", "mcp-module", "-n", "ledger", "--scope", "acme", "--port", "8090", "--debug:custom-hive", packs.OldHive, "--no-update-check"], root)).EnsureSuccess();
        Assert.Equal(0, CliRun.In(root, "sync").ExitCode);
        Assert.DoesNotContain(TemplateRecord.Read(new FileTree(new DiskFileSource(root))), i => i.Arguments.Contains("ledger"));
        Edit(root, "modules/ledger/mcp/Dockerfile", text => text + TeamLabel + "\n");

        var result = CliRun.In(root, "upgrade", "--from", packs.Folder);

        Assert.True(result.ExitCode is ExitCodes.Ok or ExitCodes.Conflicts, result.ToString());
        var after = Files(root);
        Assert.DoesNotContain(OlderPacks.OldNodePin, after["modules/ledger/mcp/Dockerfile"], StringComparison.Ordinal);
        Assert.EndsWith(TeamLabel + "\n", after["modules/ledger/mcp/Dockerfile"], StringComparison.Ordinal);
        Assert.Contains("merged   modules/ledger/mcp/Dockerfile (your edits kept)", result.Output, StringComparison.Ordinal);
        Assert.Contains($"\"version\": \"{OlderPacks.NewVersion}\"", after["modules/ledger/mcp/mcpops.module.json"], StringComparison.Ordinal);
        Assert.Contains("--port=8090", after["modules/ledger/mcp/mcpops.module.json"], StringComparison.Ordinal);
        // Upgraded, it is recorded like a module `mcpops add` made.
        Assert.Contains(TemplateRecord.Read(new FileTree(new DiskFileSource(root))), i => i.Arguments.Contains("ledger") && i.Version == OlderPacks.NewVersion && i.Files.Count > 0);
    }

    [Fact]
    public async Task A_workspace_and_devops_templates_made_with_plain_dotnet_new_are_traced_by_their_own_files_and_upgrade()
    {
        // No mcpops at all: every template run by hand, with the older pack; no .mcpops/templates.json.
        Task<ProcessResult> DotnetNew(string folder, params string[] args) =>
            ProcessRunner.RunAsync("dotnet", ["new", .. args, "--debug:custom-hive", packs.OldHive, "--no-update-check"], folder);
        (await DotnetNew(_temp.Path, "mcp-workspace", "-n", "Acme Shop", "--scope", "acme")).EnsureSuccess();
        var root = _temp.Combine("Acme Shop");
        (await DotnetNew(root, "devops-compose", "--postgres")).EnsureSuccess();
        (await DotnetNew(root, "devops-k8s", "--external-secrets")).EnsureSuccess();
        (await DotnetNew(root, "devops-ci", "--registry", "artifact-registry", "--railway", "false")).EnsureSuccess();
        Assert.False(File.Exists(Path.Combine(root, TemplateRecord.Path)));
        const string Compose = "infra/compose/docker-compose.yml";
        Assert.Contains(OlderPacks.OldComposeLine, File.ReadAllText(Path.Combine(root, Compose)), StringComparison.Ordinal);
        Assert.Contains("\"--name\", \"acme-shop\"", File.ReadAllText(Path.Combine(root, ".mcpops/instances/devops-compose.json")), StringComparison.Ordinal);
        Edit(root, Compose, text => text + "# Owned by the platform team.\n");
        var before = Files(root);

        var result = CliRun.In(root, "upgrade", "--from", packs.Folder);

        Assert.True(result.ExitCode == 0, result.ToString());
        var after = Files(root);
        // mcp-workspace: its runtime's README takes the new content.
        Assert.DoesNotContain(OlderPacks.OldCoreReadmeLine, after["modules/_shared/mcp-core/README.md"], StringComparison.Ordinal);
        Assert.Contains("updated  modules/_shared/mcp-core/README.md", result.Output, StringComparison.Ordinal);
        // devops-compose: edited, so merged; the older line gone, the team's line and the --postgres service kept.
        Assert.Contains($"merged   {Compose} (your edits kept)", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(OlderPacks.OldComposeLine, after[Compose], StringComparison.Ordinal);
        Assert.EndsWith("# Owned by the platform team.\n", after[Compose], StringComparison.Ordinal);
        Assert.Contains("  postgres:", after[Compose], StringComparison.Ordinal);
        // Each trace now names the new version, with the options it was run with; everything else is as it was.
        foreach (var (template, option) in new[] { ("mcp-workspace", "--scope=@acme"), ("devops-compose", "--postgres=true"), ("devops-k8s", "--external-secrets=true"), ("devops-ci", "--registry=artifact-registry") })
        {
            var trace = $".mcpops/instances/{template}.json";
            Assert.Contains($"updated  {trace}", result.Output, StringComparison.Ordinal);
            Assert.Contains($"\"version\": \"{OlderPacks.NewVersion}\"", after[trace], StringComparison.Ordinal);
            Assert.Contains($"\"{option}\"", after[trace], StringComparison.Ordinal);
        }

        Assert.Contains("\"--railway=false\"", after[".mcpops/instances/devops-ci.json"], StringComparison.Ordinal);
        Assert.Equal(before.Keys.Append(TemplateRecord.Path).Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
        // Changed: the two above, the four traces and the three files the pack stamps its version into; nothing else.
        string[] versionStamped = [".config/dotnet-tools.json", "modules/_shared/mcp-core/package.json", "modules/_shared/mcp-core-dotnet/src/McpOps.McpCore/McpOps.McpCore.csproj"];
        Assert.Equal(
            new[] { Compose, "modules/_shared/mcp-core/README.md", ".mcpops/instances/devops-ci.json", ".mcpops/instances/devops-compose.json", ".mcpops/instances/devops-k8s.json", ".mcpops/instances/mcp-workspace.json" }.Concat(versionStamped).Order(StringComparer.Ordinal),
            before.Keys.Where(p => before[p] != after[p]).Order(StringComparer.Ordinal));
        // Recorded once each, with hashes: the record wins over the traces from now on (no instance twice).
        var record = TemplateRecord.Read(new FileTree(new DiskFileSource(root)));
        Assert.Equal(["devops-ci", "devops-compose", "devops-k8s", "mcp-workspace"], record.Select(i => i.Template).Order(StringComparer.Ordinal));
        Assert.All(record, i => Assert.True(i.Version == OlderPacks.NewVersion && i.Files.Count > 0, i.Describe()));
        var again = CliRun.In(root, "upgrade", "--from", packs.Folder);
        Assert.True(again.ExitCode == 0 && again.Output.Contains("nothing to upgrade", StringComparison.Ordinal), again.ToString());
        Assert.Equal(0, CliRun.In(root, "sync", "--check").ExitCode);
    }

    [Fact]
    public void A_renamed_module_keeps_its_trace_and_upgrades_under_its_new_name()
    {
        var root = OldWorkspace();
        var renamed = CliRun.In(root, "rename", "billing", "invoices");
        Assert.True(renamed.ExitCode == 0, renamed.ToString());
        const string NewModule = "modules/invoices/mcp";
        Assert.Contains("\"--name\", \"invoices\"", File.ReadAllText(Path.Combine(root, NewModule, "mcpops.module.json")), StringComparison.Ordinal);

        var result = CliRun.In(root, "upgrade", "--from", packs.Folder);

        // The README conflict of OldWorkspace moves with the module; everything else merges.
        Assert.True(result.ExitCode == ExitCodes.Conflicts, result.ToString());
        Assert.Contains($"CONFLICT {NewModule}/README.md", result.Output, StringComparison.Ordinal);
        var after = Files(root);
        Assert.DoesNotContain(OlderPacks.OldNodePin, after[$"{NewModule}/Dockerfile"], StringComparison.Ordinal);
        Assert.EndsWith(TeamLabel + "\n", after[$"{NewModule}/Dockerfile"], StringComparison.Ordinal);
        Assert.Contains("invoices", after[$"{NewModule}/Dockerfile"], StringComparison.Ordinal);
        Assert.DoesNotContain(after.Keys, path => path.StartsWith("modules/billing/", StringComparison.Ordinal));
        Assert.Contains(TemplateRecord.Read(new FileTree(new DiskFileSource(root))), i => i.Arguments.Contains("invoices") && i.Version == OlderPacks.NewVersion);
    }

    [Fact]
    public void A_module_given_the_Edge_target_upgrades_as_an_Edge_module()
    {
        var root = OldWorkspace();
        var enable = CliRun.In(root, CliRun.WithHive(packs.OldHive), "edge", "enable", "billing");
        Assert.True(enable.ExitCode == 0, enable.ToString());
        var edgeEntry = File.ReadAllText(Path.Combine(root, Module, "src/edge.ts"));
        Edit(root, $"{Module}/src/edge.ts", text => "// Reviewed by the payments team.\n" + text);

        var result = CliRun.In(root, "upgrade", "--from", packs.Folder);

        // Only the README conflict of OldWorkspace: the Edge files are template output of the module's instance, not the team's.
        Assert.True(result.ExitCode == ExitCodes.Conflicts, result.ToString());
        Assert.DoesNotContain("does not reproduce", result.ToString(), StringComparison.Ordinal);
        Assert.Single(result.Output.Split('\n'), line => line.StartsWith("CONFLICT", StringComparison.Ordinal));
        var after = Files(root);
        Assert.Equal("// Reviewed by the payments team.\n" + edgeEntry, after[$"{Module}/src/edge.ts"]);
        Assert.Contains("\"build:edge\"", after[$"{Module}/package.json"], StringComparison.Ordinal);
        Assert.Contains("\"version\": \"0.2.0\"", after[$"{Module}/package.json"], StringComparison.Ordinal);
        Assert.DoesNotContain(OlderPacks.OldNodePin, after[$"{Module}/Dockerfile"], StringComparison.Ordinal);
        var section = ModuleTemplateSection.Read(new FileTree(new DiskFileSource(root)), $"{Module}/mcpops.module.json")!;
        Assert.Equal(OlderPacks.NewVersion, section.Version);
        Assert.Contains("--edge", section.Arguments);
        Assert.Contains("\"edge\": {", after[$"{Module}/mcpops.module.json"], StringComparison.Ordinal);
        Assert.Contains(TemplateRecord.Read(new FileTree(new DiskFileSource(root))), i => i.Arguments.Contains("billing") && i.Arguments.Contains("--edge") && i.Version == OlderPacks.NewVersion);
    }

    [Fact]
    public async Task Edge_enable_with_templates_newer_than_the_module_asks_for_an_upgrade_first_and_changes_nothing()
    {
        var root = OldWorkspace();
        var before = Snapshot(root);
        var newHive = _temp.Combine("hive-new");
        (await ProcessRunner.RunAsync("dotnet", ["new", "install", Path.Combine(packs.Folder, $"McpOps.Templates.{OlderPacks.NewVersion}.nupkg"), "--debug:custom-hive", newHive], _temp.Path)).EnsureSuccess();

        var enable = CliRun.In(root, CliRun.WithHive(newHive), "edge", "enable", "billing");

        Assert.True(enable.ExitCode == ExitCodes.InputError, enable.ToString());
        Assert.Contains($"written by McpOps.Templates {OlderPacks.OldVersion} and the installed templates are {OlderPacks.NewVersion}", enable.Error, StringComparison.Ordinal);
        Assert.Contains("upgrade` first", enable.Error, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(root));
    }

    public void Dispose() => _temp.Dispose();

    /// <summary>`mcpops new` + `mcpops add billing` with the older pack (recorded as its version), then hand edits.</summary>
    private string OldWorkspace()
    {
        var hive = CliRun.WithHive(packs.OldHive);
        var made = CliRun.In(_temp.Path, hive, "new", "acme", "--scope", "acme");
        Assert.True(made.ExitCode == 0, made.ToString());
        var root = _temp.Combine("acme");
        var added = CliRun.In(root, hive, "add", "billing");
        Assert.True(added.ExitCode == 0, added.ToString());
        // mcpops records its own version; this workspace was written by the 0.0.9 pack (an mcpops 0.0.9 would have said so).
        var tree = new FileTree(new DiskFileSource(root));
        TemplateRecord.Write(tree, TemplateRecord.Read(tree).Select(i => i with { Version = OlderPacks.OldVersion }));
        TreeCommitter.Commit(tree, new DiskFileSource(root));
        Assert.Contains(OlderPacks.OldNodePin, File.ReadAllText(Path.Combine(root, Module, "Dockerfile")), StringComparison.Ordinal);

        Edit(root, $"{Module}/Dockerfile", text => text + TeamLabel + "\n");
        Edit(root, $"{Module}/deploy/k8s/kustomization.yaml", text => text + "# Owned by the payments team.\n");
        Edit(root, $"{Module}/package.json", text => text.Replace("\"version\": \"0.1.0\"", "\"version\": \"0.2.0\"", StringComparison.Ordinal));
        Edit(root, $"{Module}/src/tools/echo.ts", text => "// Owned by the payments team.\n" + text);
        Edit(root, $"{Module}/README.md", text => text.Replace(OlderPacks.OldReadmeLine + "\n", TeamReadmeLine + "\n", StringComparison.Ordinal));
        return root;
    }

    private static void Edit(string root, string path, Func<string, string> edit)
    {
        var full = Path.Combine(root, path);
        var before = File.ReadAllText(full);
        var after = edit(before);
        Assert.True(after != before, $"the hand edit of {path} no longer applies");
        File.WriteAllText(full, after);
    }

    private static Dictionary<string, string> Files(string root) =>
        GeneratedWorkspaces.Files(root).ToDictionary(f => f.Path, f => f.Text, StringComparer.Ordinal);

    private static string Snapshot(string root) => string.Join('\n',
        Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Select(entry => Path.GetRelativePath(root, entry).Replace('\\', '/')
                + (File.Exists(entry) ? " " + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(entry))) : "/"))
            .Order(StringComparer.Ordinal));
}
