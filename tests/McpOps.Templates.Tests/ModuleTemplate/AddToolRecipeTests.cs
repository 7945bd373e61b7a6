using System.Text.RegularExpressions;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Templates.Tests.ModuleTemplate;

/// <summary>
/// The TypeScript module template's own tests pass, and still pass after following its README's "Add a tool"
/// recipe word for word (the code blocks are taken from the README). Built against this repository's mcp-core
/// through the root npm workspace: no pack, no dotnet new, no npm install.
/// </summary>
public sealed partial class AddToolRecipeTests
{
    private static string Template => Path.Combine(RepositoryPaths.Root, "modules", "_template", "mcp");

    // One README for both flavours (modules/_template/common): each flavour's recipe is its own
    // language's code blocks (```ts or ```csharp) of the "Add a tool" section.
    private static string Readme => Path.Combine(RepositoryPaths.Root, "modules", "_template", "common", "README.md");

    [Fact]
    public async Task Template_tests_pass_before_and_after_following_the_add_a_tool_recipe()
    {
        var tsc = Path.Combine(RepositoryPaths.Root, "node_modules", "typescript", "bin", "tsc");
        Assert.True(File.Exists(tsc), $"{tsc} is missing: run `npm ci` at the repository root (bash tests/run does).");

        // Under the repository so that @app/mcp-core and zod resolve from its root node_modules.
        var module = Path.Combine(RepositoryPaths.Root, "artifacts", "recipe", Guid.NewGuid().ToString("N"), "mcp");
        try
        {
            CopyModule(module);
            var before = await BuildAndTestAsync(tsc, module);

            var recipe = Section(await File.ReadAllTextAsync(Readme), "## Add a tool");
            var blocks = CodeBlocks().Matches(recipe).Select(match => Dedent(match.Groups[1].Value)).ToArray();
            Assert.Equal(3, blocks.Length);
            await File.WriteAllTextAsync(Path.Combine(module, "src", "tools", "get-invoice.ts"), blocks[0]);
            var server = Path.Combine(module, "src", "server.ts");
            var serverText = await File.ReadAllTextAsync(server);
            var registered = serverText.Replace("tools: [echoTool, addTool]", "tools: [echoTool, addTool, getInvoiceTool]", StringComparison.Ordinal);
            Assert.NotEqual(serverText, registered);
            await File.WriteAllTextAsync(server, blocks[1] + registered);
            await File.AppendAllTextAsync(Path.Combine(module, "test", "server.test.ts"), "\n" + blocks[2]);

            var after = await BuildAndTestAsync(tsc, module);

            Assert.Equal(before + 2, after);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(module)!, recursive: true);
        }
    }

    [Fact]
    public async Task CSharp_template_tests_pass_after_following_the_add_a_tool_recipe()
    {
        var template = Path.Combine(RepositoryPaths.Root, "modules", "_template", "mcp-csharp");
        var root = Path.Combine(RepositoryPaths.Root, "artifacts", "recipe", Guid.NewGuid().ToString("N"));
        var module = Path.Combine(root, "mcp");
        try
        {
            foreach (var folder in new[] { "src", "test" })
            {
                foreach (var file in Directory.GetFiles(Path.Combine(template, folder), "*", SearchOption.AllDirectories)
                    .Where(file => !file.Contains("/bin/", StringComparison.Ordinal) && !file.Contains("/obj/", StringComparison.Ordinal)))
                {
                    var target = Path.Combine(module, Path.GetRelativePath(template, file));
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.Copy(file, target);
                }
            }

            // A generated workspace's build settings, and this repository's runtime instead of the workspace's copy.
            var workspace = Path.Combine(RepositoryPaths.Root, "templates", "mcp-workspace").Replace('\\', '/');
            foreach (var props in new[] { "Directory.Build.props", "Directory.Packages.props" })
            {
                await File.WriteAllTextAsync(Path.Combine(root, props), $"<Project><Import Project=\"{workspace}/{props}\" /></Project>\n");
            }

            var project = Path.Combine(module, "src", "McpModuleName.Mcp", "McpModuleName.Mcp.csproj");
            var projectText = await File.ReadAllTextAsync(project);
            await File.WriteAllTextAsync(project, projectText.Replace("../../../../_shared/", RepositoryPaths.Root.Replace('\\', '/') + "/modules/_shared/", StringComparison.Ordinal));

            var recipe = Section(await File.ReadAllTextAsync(Readme), "## Add a tool");
            var blocks = CSharpBlocks().Matches(recipe).Select(match => Dedent(match.Groups[1].Value)).ToArray();
            Assert.Equal(2, blocks.Length);
            await File.WriteAllTextAsync(Path.Combine(module, "src", "McpModuleName.Mcp", "Tools", "GetInvoiceTool.cs"), blocks[0]);
            var server = Path.Combine(module, "src", "McpModuleName.Mcp", "ModuleServer.cs");
            var serverText = await File.ReadAllTextAsync(server);
            var registered = serverText.Replace("ToolTypes = [typeof(EchoTool), typeof(AddTool)]", "ToolTypes = [typeof(EchoTool), typeof(AddTool), typeof(GetInvoiceTool)]", StringComparison.Ordinal);
            Assert.NotEqual(serverText, registered);
            await File.WriteAllTextAsync(server, registered);
            var tests = Path.Combine(module, "test", "McpModuleName.Mcp.Tests", "ServerTests.cs");
            var testsText = (await File.ReadAllTextAsync(tests)).TrimEnd();
            Assert.EndsWith("}", testsText, StringComparison.Ordinal);
            var indented = string.Join('\n', blocks[1].TrimEnd().Split('\n').Select(line => line.Length == 0 ? line : "    " + line));
            await File.WriteAllTextAsync(tests, testsText[..^1] + "\n" + indented + "\n}\n");

            var run = await ProcessRunner.RunAsync("dotnet", ["test", Path.Combine(module, "test", "McpModuleName.Mcp.Tests"), "--nologo"], module, timeout: TimeSpan.FromMinutes(5));

            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Matches(@"Passed!\s+-\s+Failed:\s+0, Passed:\s+1[1-9]", run.StandardOutput);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>Builds the module and runs its tests; returns how many passed (none may fail).</summary>
    private static async Task<int> BuildAndTestAsync(string tsc, string module)
    {
        var build = await ProcessRunner.RunAsync("node", [tsc, "-b", module], module, timeout: TimeSpan.FromMinutes(3));
        Assert.True(build.ExitCode == 0, build.ToString());
        var tests = Directory.GetFiles(Path.Combine(module, "dist", "test"), "*.test.js");
        var run = await ProcessRunner.RunAsync("node", ["--test", "--test-concurrency=1", "--test-reporter=tap", .. tests], module, timeout: TimeSpan.FromMinutes(3));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"(?m)^# fail 0$", run.StandardOutput);
        return int.Parse(PassCount().Match(run.StandardOutput).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void CopyModule(string module)
    {
        foreach (var folder in new[] { "src", "test" })
        {
            foreach (var file in Directory.GetFiles(Path.Combine(Template, folder), "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(module, Path.GetRelativePath(Template, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }

        File.Copy(Path.Combine(Template, "package.json"), Path.Combine(module, "package.json"));

        // The template's tsconfig with the paths of this repository instead of a workspace's.
        var root = RepositoryPaths.Root.Replace('\\', '/');
        File.WriteAllText(Path.Combine(module, "tsconfig.json"), $$"""
            {
              "extends": "{{root}}/tsconfig.base.json",
              "compilerOptions": { "rootDir": ".", "outDir": "dist", "tsBuildInfoFile": "dist/.tsbuildinfo" },
              "include": ["src/**/*.ts", "test/**/*.ts"],
              "references": [{ "path": "{{root}}/modules/_shared/mcp-core" }]
            }
            """);
    }

    private static string Section(string markdown, string heading)
    {
        var start = markdown.IndexOf(heading, StringComparison.Ordinal);
        Assert.True(start >= 0, $"README has no {heading} section");
        var end = markdown.IndexOf("\n## ", start + heading.Length, StringComparison.Ordinal);
        return end < 0 ? markdown[start..] : markdown[start..end];
    }

    private static string Dedent(string block)
    {
        var lines = block.Split('\n');
        var indent = lines.Where(line => line.Trim().Length > 0).Min(line => line.Length - line.TrimStart().Length);
        return string.Join('\n', lines.Select(line => line.Length >= indent ? line[indent..] : line.TrimStart())) + "\n";
    }

    [GeneratedRegex(@"```ts\n(.*?)\n\s*```", RegexOptions.Singleline)]
    private static partial Regex CodeBlocks();

    [GeneratedRegex(@"```csharp\n(.*?)\n\s*```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlocks();

    [GeneratedRegex(@"(?m)^# pass (\d+)$")]
    private static partial Regex PassCount();
}
