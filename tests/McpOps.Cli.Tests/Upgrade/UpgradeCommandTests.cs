using System.Security.Cryptography;
using McpOps.Cli.Commands;
using McpOps.Cli.FileSystem;
using McpOps.Cli.Tests.Infrastructure;
using McpOps.Cli.Upgrade;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Cli.Tests.Upgrade;

/// <summary>
/// `mcpops upgrade` on a wired workspace made by "McpOps 0.9.0" (a renderer that writes the old and
/// the new template output in memory), with hand edits to a Dockerfile, YAML, JSON, TypeScript and
/// Markdown: untouched files are updated, edits are kept, a conflict is reported (exit 3), the result
/// passes `sync --check`, and a failure at any step leaves every byte of the workspace as it was.
/// </summary>
public sealed class UpgradeCommandTests : IDisposable
{
    private const string Module = "modules/billing/mcp";
    private readonly TempDirectory _temp = new("mcpops-upgrade");

    [Fact]
    public void Untouched_files_are_updated_edits_are_kept_and_new_files_added_in_one_commit()
    {
        var root = CreateWorkspace(conflict: false);

        var (exit, output, error) = Upgrade(root, new TwoVersions());

        Assert.True(exit == 0, output + error);
        Assert.Contains($"updated  {Module}/compose.yaml", output, StringComparison.Ordinal);
        Assert.Equal(TwoVersions.Compose("1.0.0"), Read(root, $"{Module}/compose.yaml"));
        // Dockerfile: the team's label and the new Node pin.
        Assert.Equal(TwoVersions.Dockerfile("22.12") + "LABEL team=payments\n", Read(root, $"{Module}/Dockerfile"));
        // package.json: the team's description and the new zod range.
        Assert.Contains("\"description\": \"Payments, refunds and invoices.\"", Read(root, $"{Module}/package.json"), StringComparison.Ordinal);
        Assert.Contains("\"zod\": \"^4.7.0\"", Read(root, $"{Module}/package.json"), StringComparison.Ordinal);
        Assert.Contains($"merged   {Module}/README.md (your edits kept)", output, StringComparison.Ordinal);
        Assert.StartsWith("# billing (payments team)\n", Read(root, $"{Module}/README.md"), StringComparison.Ordinal);
        Assert.EndsWith("Rollback: docs/upgrade.md.\n", Read(root, $"{Module}/README.md"), StringComparison.Ordinal);
        Assert.Equal("# Runbook\n", Read(root, $"{Module}/docs/runbook.md"));
        Assert.False(File.Exists(Path.Combine(root, Module, "NOTES.md")));
        Assert.Contains($"deleted  {Module}/NOTES.md", output, StringComparison.Ordinal);
        // The root README: the new intro, and the modules table sync wrote stays as sync writes it.
        Assert.Contains("Upgraded intro.", Read(root, "README.md"), StringComparison.Ordinal);
        Assert.Contains("billing", Read(root, "README.md"), StringComparison.Ordinal);
        Assert.DoesNotContain("<<<<<<<", string.Concat(GeneratedWorkspaces.Files(root).Select(f => f.Text)), StringComparison.Ordinal);
        var record = TemplateRecord.Read(new FileTree(new DiskFileSource(root)));
        Assert.All(record, instance => Assert.Equal("1.0.0", instance.Version));
        Assert.Equal(0, CliRun.In(root, "sync", "--check").ExitCode);
        // A second upgrade to the same version has nothing to do.
        var again = Upgrade(root, new TwoVersions());
        Assert.Equal(0, again.Exit);
        Assert.Contains("nothing to upgrade", again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlapping_edits_are_written_with_markers_reported_and_exit_3_and_the_rest_still_upgrades()
    {
        var root = CreateWorkspace(conflict: true);

        var (exit, output, error) = Upgrade(root, new TwoVersions());

        Assert.Equal(ExitCodes.Conflicts, exit);
        Assert.Contains($"CONFLICT {Module}/src/server.ts (1 region", output, StringComparison.Ordinal);
        Assert.Contains("1 file(s) have conflicts", error, StringComparison.Ordinal);
        Assert.Equal(
            "<<<<<<< workspace\nexport const serverOptions = { defaultPort: 8080, logLevel: \"debug\" };\n||||||| McpOps 0.9.0\nexport const serverOptions = { defaultPort: 8080 };\n=======\nexport const serverOptions = { defaultPort: 8080, drainSeconds: 8 };\n>>>>>>> McpOps 1.0.0\n",
            Read(root, $"{Module}/src/server.ts"));
        Assert.Equal(TwoVersions.Compose("1.0.0"), Read(root, $"{Module}/compose.yaml"));
    }

    [Fact]
    public void Dry_run_prints_the_diff_and_the_outcome_of_each_file_and_writes_nothing()
    {
        var root = CreateWorkspace(conflict: true);
        var before = Snapshot(root);

        var (exit, output, error) = Upgrade(root, new TwoVersions(), dryRun: true);

        Assert.Equal(ExitCodes.Conflicts, exit);
        Assert.Contains($"+++ b/{Module}/compose.yaml", output, StringComparison.Ordinal);
        Assert.Contains($"CONFLICT {Module}/src/server.ts", output, StringComparison.Ordinal);
        Assert.Contains("dry run, nothing written", error, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(root));
    }

    public static TheoryData<string> Failures => new() { "base-render", "new-render", "not-reproduced", "write" };

    [Theory]
    [MemberData(nameof(Failures))]
    public void A_failure_at_any_step_leaves_the_workspace_byte_identical(string failure)
    {
        var root = CreateWorkspace(conflict: false);
        var before = Snapshot(root);
        var renderer = new TwoVersions(failure);
        var writes = 0;
        Action<string>? beforeWrite = failure == "write" ? _ => { if (++writes == 4) { throw new IOException("disk full (injected)"); } } : null;

        var (exit, _, error) = Upgrade(root, renderer, beforeWrite: beforeWrite);

        Assert.Equal(ExitCodes.InputError, exit);
        Assert.Contains("nothing was changed", error, StringComparison.Ordinal);
        Assert.Contains(failure switch { "write" => "disk full (injected)", "not-reproduced" => "does not reproduce", _ => "failed (injected)" }, error, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(root));
    }

    [Fact]
    public void An_instance_whose_files_all_match_the_record_upgrades_without_rendering_its_old_version()
    {
        var root = CreateWorkspace(conflict: false, edited: false);

        var (exit, output, error) = Upgrade(root, new TwoVersions("module-base-render"));

        Assert.True(exit == 0, output + error);
        Assert.Equal(TwoVersions.Dockerfile("22.12"), Read(root, $"{Module}/Dockerfile"));
        Assert.Equal("export const serverOptions = { defaultPort: 8080, drainSeconds: 8 };\n", Read(root, $"{Module}/src/server.ts"));
        Assert.False(File.Exists(Path.Combine(root, Module, "NOTES.md")));
        Assert.Equal(0, CliRun.In(root, "sync", "--check").ExitCode);
    }

    [Fact]
    public void Files_that_differ_from_the_record_only_in_syncs_marked_blocks_need_no_render_of_the_old_version()
    {
        var root = CreateWorkspace(conflict: false, edited: false);
        var recorded = TemplateRecord.Read(new FileTree(new DiskFileSource(root))).Single(i => i.Template == "mcp-workspace").Files["README.md"];
        Assert.NotEqual(recorded, TemplateRecord.Hash(Read(root, "README.md")));

        // Every render of 0.9.0 fails: the upgrade succeeds only because it needs none.
        var (exit, output, error) = Upgrade(root, new TwoVersions("base-render"));

        Assert.True(exit == 0, output + error);
        Assert.Contains("Upgraded intro.", Read(root, "README.md"), StringComparison.Ordinal);
        Assert.Equal(TwoVersions.Dockerfile("22.12"), Read(root, $"{Module}/Dockerfile"));
        Assert.Equal(0, CliRun.In(root, "sync", "--check").ExitCode);
    }

    [Fact]
    public void An_edit_outside_the_marked_blocks_still_renders_the_old_version_as_the_base()
    {
        var root = CreateWorkspace(conflict: false, edited: false);
        Edit(root, "README.md", text => text + "Owned by the platform team.\n");

        var failing = Upgrade(root, new TwoVersions("base-render"));
        Assert.Equal(ExitCodes.InputError, failing.Exit);
        Assert.Contains("rendering mcp-workspace of McpOps.Templates 0.9.0 failed (injected)", failing.Error, StringComparison.Ordinal);

        var (exit, output, error) = Upgrade(root, new TwoVersions());
        Assert.True(exit == 0, output + error);
        Assert.Contains("merged   README.md (your edits kept)", output, StringComparison.Ordinal);
        Assert.Contains("Upgraded intro.", Read(root, "README.md"), StringComparison.Ordinal);
        Assert.EndsWith("Owned by the platform team.\n", Read(root, "README.md"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_workspace_without_a_record_is_refused_with_the_way_to_get_one()
    {
        var root = CreateWorkspace(conflict: false);
        File.Delete(Path.Combine(root, TemplateRecord.Path));
        var before = Snapshot(root);

        var (exit, _, error) = Upgrade(root, new TwoVersions());

        Assert.Equal(ExitCodes.InputError, exit);
        Assert.Contains(".mcpops/templates.json is missing", error, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(root));
    }

    public void Dispose() => _temp.Dispose();

    /// <summary>A workspace as McpOps 0.9.0 wrote it, wired by sync, then edited by hand.</summary>
    private string CreateWorkspace(bool conflict, bool edited = true)
    {
        var root = _temp.Combine("acme-" + Guid.NewGuid().ToString("N")[..8]);
        var source = MemoryWorkspace.Create();
        var old = new TwoVersions();
        var workspaceFiles = old.Render("0.9.0", "mcp-workspace", TwoVersions.WorkspaceArguments);
        var moduleFiles = old.Render("0.9.0", "mcp-module", TwoVersions.ModuleArguments);
        foreach (var (path, text) in workspaceFiles.Concat(moduleFiles))
        {
            source[path] = text;
        }

        foreach (var path in source.ListFilesRecursive(""))
        {
            Write(root, path, source.ReadText(path)!);
        }

        Write(root, TemplateRecord.Path, TemplateRecord.Render([
            TemplateRecord.Of(["mcp-workspace", .. TwoVersions.WorkspaceArguments], workspaceFiles, "0.9.0"),
            TemplateRecord.Of(["mcp-module", .. TwoVersions.ModuleArguments], moduleFiles, "0.9.0"),
        ]));
        Assert.Equal(0, CliRun.In(root, "sync").ExitCode);

        if (!edited)
        {
            return root;
        }

        // The team's edits, one per kind of file.
        Edit(root, $"{Module}/Dockerfile", text => text + "LABEL team=payments\n");
        Edit(root, $"{Module}/package.json", text => text.Replace("The billing module.", "Payments, refunds and invoices.", StringComparison.Ordinal));
        Edit(root, $"{Module}/README.md", text => text.Replace("# billing\n", "# billing (payments team)\n", StringComparison.Ordinal));
        if (conflict)
        {
            Edit(root, $"{Module}/src/server.ts", text => text.Replace("8080 }", "8080, logLevel: \"debug\" }", StringComparison.Ordinal));
        }

        return root;
    }

    private static (int Exit, string Output, string Error) Upgrade(string root, ITemplateRenderer renderer, bool dryRun = false, Action<string>? beforeWrite = null)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext(root, output, error, _ => null, beforeWrite: beforeWrite);
        var exit = McpOpsCli.Guarded(context, () => UpgradeCommand.Run(context, renderer, "1.0.0", dryRun));
        return (exit, output.ToString(), error.ToString());
    }

    private static string Read(string root, string path) => File.ReadAllText(Path.Combine(root, path));

    private static void Write(string root, string path, string text)
    {
        var full = Path.Combine(root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    private static void Edit(string root, string path, Func<string, string> edit)
    {
        var before = Read(root, path);
        var after = edit(before);
        Assert.NotEqual(before, after);
        Write(root, path, after);
    }

    /// <summary>Every folder and every file's SHA-256, relative to <paramref name="root"/>.</summary>
    private static string Snapshot(string root) => string.Join('\n',
        Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Select(entry => Path.GetRelativePath(root, entry).Replace('\\', '/')
                + (File.Exists(entry) ? " " + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(entry))) : "/"))
            .Order(StringComparer.Ordinal));

    /// <summary>McpOps 0.9.0 and 1.0.0 of the mcp-workspace and mcp-module templates, in memory, with deliberate differences.</summary>
    private sealed class TwoVersions(string failure = "none") : ITemplateRenderer
    {
        public static readonly string[] WorkspaceArguments = ["--name", "acme", "--scope=@acme"];
        public static readonly string[] ModuleArguments = ["--name", "billing", "--port=8080"];

        public static string Dockerfile(string node) => $"FROM node:{node}-slim AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n\nFROM node:{node}-slim\nUSER node\nCMD [\"node\", \"dist/index.js\"]\n";

        public static string Compose(string version) => $"services:\n  billing:\n    build: .\n    labels:\n      mcpops.version: \"{version}\"\n    read_only: true\n";

        public IReadOnlyDictionary<string, string> Render(string version, string template, IReadOnlyList<string> arguments)
        {
            var isNew = version == "1.0.0";
            if ((failure == "base-render" && !isNew) || (failure == "new-render" && isNew) || (failure == "module-base-render" && !isNew && template == "mcp-module"))
            {
                throw new McpOps.Cli.Workspaces.WorkspaceException($"rendering {template} of McpOps.Templates {version} failed (injected).");
            }

            if (template == "mcp-workspace")
            {
                var intro = isNew ? "Upgraded intro.\n\n" : "";
                return new Dictionary<string, string>
                {
                    ["README.md"] = MemoryWorkspace.Readme.Replace("# acme\n\n", "# acme\n\n" + intro, StringComparison.Ordinal),
                };
            }

            var module = new InMemoryFileSource();
            MemoryWorkspace.AddModule(module, "billing", port: 8080);
            var files = module.ListFilesRecursive("").ToDictionary(p => p, p => module.ReadText(p)!, StringComparer.Ordinal);
            files[$"{Module}/Dockerfile"] = Dockerfile(isNew ? "22.12" : "22.11");
            files[$"{Module}/compose.yaml"] = Compose(version);
            files[$"{Module}/README.md"] = "# billing\n\nThe billing module.\n\n## Deploy\n\nMerge to main.\n" + (isNew ? "Rollback: docs/upgrade.md.\n" : "");
            if (isNew)
            {
                files[$"{Module}/package.json"] = files[$"{Module}/package.json"].Replace("^4.6.7", "^4.7.0", StringComparison.Ordinal);
                files[$"{Module}/src/server.ts"] = "export const serverOptions = { defaultPort: 8080, drainSeconds: 8 };\n";
                files[$"{Module}/docs/runbook.md"] = "# Runbook\n";
            }
            else
            {
                files[$"{Module}/NOTES.md"] = "Notes of 0.9.0.\n";
            }

            if (failure == "not-reproduced" && !isNew)
            {
                files[$"{Module}/Dockerfile"] += "# rendered by another 0.9.0\n";
            }

            return files;
        }
    }
}
