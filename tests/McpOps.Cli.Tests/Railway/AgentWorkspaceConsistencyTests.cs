using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using McpOps.Cli.Commands;
using McpOps.Cli.Tests.Infrastructure;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Cli.Tests.Railway;

/// <summary>
/// What the agent-ready workspace tells agents is true: in a workspace generated with every template
/// (from the packed template pack, so the .claude and .vscode folders must survive packing) and wired
/// by `mcpops sync`, every `mcpops` command the agent files and READMEs name exists with its options,
/// every path the agent files name exists, and the MCP configuration files parse, name exactly the
/// modules that exist, and hold no secret.
/// </summary>
[Collection(SharedTemplatePack.Name)]
public sealed partial class AgentWorkspaceConsistencyTests(TemplatePack pack) : IDisposable
{
    private static readonly string[] AgentFiles = ["AGENTS.md", ".claude/agents/devops.md"];

    private readonly TempDirectory temp = new("mcpops-agents");

    [Fact]
    public async Task Agent_files_name_real_commands_and_paths_and_mcp_configs_list_the_modules()
    {
        var root = await GeneratedWorkspaces.GenerateAsync(pack, temp);
        GeneratedWorkspaces.Add(pack, root, "billing");
        GeneratedWorkspaces.Add(pack, root, "ledger", "--port", "8083", "--language", "C#");
        (await pack.NewAsync(root, "devops-compose")).EnsureSuccess();
        (await pack.NewAsync(root, "devops-k8s")).EnsureSuccess();
        (await pack.NewAsync(root, "devops-ci")).EnsureSuccess();
        var sync = CliRun.In(root, "sync");
        Assert.True(sync.ExitCode == 0, sync.ToString());

        var documents = AgentFiles.Concat(["README.md", "modules/billing/mcp/README.md", "modules/ledger/mcp/README.md"]).ToList();
        var problems = new List<string>();
        var commands = 0;
        foreach (var document in documents)
        {
            var text = File.ReadAllText(Path.Combine(root, document));
            foreach (var line in CodeSpans(text))
            {
                foreach (Match command in McpopsCommand().Matches(line).Where(m => m.Groups["words"].Value.Trim().Length > 0))
                {
                    commands++;
                    if (Problem(command.Groups["words"].Value) is { } problem)
                    {
                        problems.Add($"{document}: `mcpops{command.Groups["words"].Value}`: {problem}");
                    }
                }
            }
        }

        foreach (var document in AgentFiles)
        {
            foreach (var path in CodeSpans(File.ReadAllText(Path.Combine(root, document))).Where(IsPath))
            {
                var concrete = path.Replace("<name>", "billing", StringComparison.Ordinal).Replace("<module>", "billing", StringComparison.Ordinal).TrimEnd('/');
                if (!File.Exists(Path.Combine(root, concrete)) && !Directory.Exists(Path.Combine(root, concrete))
                    && !File.Exists(Path.Combine(root, "modules/billing/mcp", concrete)) && !Directory.Exists(Path.Combine(root, "modules/billing/mcp", concrete)))
                {
                    problems.Add($"{document}: names `{path}`, which is not in the generated workspace (nor in a module)");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(commands >= 15, $"only {commands} mcpops commands found: the extraction is broken");

        AssertMcpConfig(JsonNode.Parse(File.ReadAllText(Path.Combine(root, ".mcp.json")))!["mcpServers"]!.AsObject(), "${MCP_AUTH_TOKEN}");
        var vscode = JsonNode.Parse(File.ReadAllText(Path.Combine(root, ".vscode/mcp.json")), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!;
        AssertMcpConfig(vscode["servers"]!.AsObject(), "${input:mcp-auth-token}");
        Assert.Contains(vscode["inputs"]!.AsArray(), input => (string?)input!["id"] == "mcp-auth-token" && (bool?)input["password"] == true);

        var again = CliRun.In(root, "sync", "--check");
        Assert.True(again.ExitCode == 0, again.ToString());
    }

    public void Dispose() => temp.Dispose();

    private static void AssertMcpConfig(JsonObject servers, string tokenReference)
    {
        var local = servers.Where(s => ((string?)s.Value!["url"])?.StartsWith("http://127.0.0.1:", StringComparison.Ordinal) == true).ToDictionary(s => s.Key, s => s.Value!);
        Assert.Equal(["billing", "ledger"], local.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("http://127.0.0.1:8080/mcp", (string?)local["billing"]["url"]);
        Assert.Equal("http://127.0.0.1:8083/mcp", (string?)local["ledger"]["url"]);
        Assert.All(local.Values, entry => Assert.Equal($"Bearer {tokenReference}", (string?)entry["headers"]!["Authorization"]));

        Assert.Equal("railway", (string?)servers["railway"]!["command"]);
        Assert.Equal(["mcp"], servers["railway"]!["args"]!.AsArray().Select(a => (string?)a));
        var supabase = (string?)servers["supabase"]!["url"];
        Assert.StartsWith("https://mcp.supabase.com/mcp?project_ref=", supabase, StringComparison.Ordinal);
        Assert.Contains("read_only=true", supabase, StringComparison.Ordinal);
        Assert.Equal(["billing", "ledger", "railway", "supabase"], servers.Select(s => s.Key).Order(StringComparer.Ordinal));

        // No secret: every header value is a reference the client resolves, never a literal.
        foreach (var header in servers.SelectMany(s => s.Value!["headers"]?.AsObject() ?? []))
        {
            Assert.Matches(@"^(Bearer )?\$\{[^}]+\}$", (string?)header.Value);
        }
    }

    /// <summary>Null when the words after `mcpops` form a command of the real command tree with options it has.</summary>
    private static string? Problem(string words)
    {
        Command command = McpOpsCli.Build(new CliContext(Path.GetTempPath(), TextWriter.Null, TextWriter.Null, _ => null));
        foreach (var word in words.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (word.StartsWith('-'))
            {
                var name = word.Split('=')[0];
                if (!command.Options.Any(o => o.Name == name || o.Aliases.Contains(name)))
                {
                    return $"`{command.Name}` has no option {name}";
                }

                continue;
            }

            if (command.Subcommands.FirstOrDefault(c => c.Name == word) is { } sub)
            {
                command = sub;
            }
            else if (command.Subcommands.Count > 0)
            {
                return $"`{command.Name}` has no subcommand '{word}' (it has: {string.Join(", ", command.Subcommands.Select(c => c.Name))})";
            }
        }

        return command.Subcommands.Count > 0 ? $"`{command.Name}` needs a subcommand" : null;
    }

    /// <summary>Inline code spans and the lines of fenced code blocks.</summary>
    private static IEnumerable<string> CodeSpans(string markdown)
    {
        var fenced = false;
        foreach (var line in markdown.ReplaceLineEndings("\n").Split('\n'))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                fenced = !fenced;
                continue;
            }

            if (fenced)
            {
                // A shell comment is prose, not a command.
                var comment = line.IndexOf(" #", StringComparison.Ordinal);
                yield return comment < 0 ? line : line[..comment];
                continue;
            }

            foreach (Match span in InlineCode().Matches(line))
            {
                yield return span.Groups[1].Value;
            }
        }
    }

    private static bool IsPath(string span) =>
        !span.Contains(' ', StringComparison.Ordinal) && !span.Contains('*', StringComparison.Ordinal) && !span.Contains("://", StringComparison.Ordinal)
        && (span.Contains('/', StringComparison.Ordinal) || PathLike().IsMatch(span));

    [GeneratedRegex(@"`([^`]+)`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"(?<![\w.:/-])mcpops(?= )(?<words>(?: +(?:-[-\w]+(?:=\S+)?|[\w<>.-]+))*)")]
    private static partial Regex McpopsCommand();

    [GeneratedRegex(@"^\.?[\w.-]+\.(md|json|ts|yml|yaml|toml)$")]
    private static partial Regex PathLike();
}
