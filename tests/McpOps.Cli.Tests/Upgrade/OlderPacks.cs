using McpOps.Cli.Upgrade;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Cli.Tests.Upgrade;

/// <summary>
/// Two real McpOps.Templates packages in one folder: this repository's templates packed at an older
/// version with deliberate differences (an older Node pin in the module Dockerfile, an older line in
/// the module README, an extra line in mcp-core's README, an older comment in devops-compose's docker-compose.yml), and packed as they are at this mcpops's
/// version. The older one is also installed into a hive, to make a workspace "with the older pack".
/// </summary>
public sealed class OlderPacks : IAsyncLifetime, IDisposable
{
    public const string OldVersion = "0.0.9";
    public const string OldNodePin = "ARG NODE_VERSION=22.20.0";
    public const string OldReadmeLine = "An MCP server module (made with McpOps 0.0.9).";
    public const string OldCoreReadmeLine = "This line is only in McpOps 0.0.9.";
    public const string OldComposeLine = "# Needs Docker Compose 2.17 or later (made with McpOps 0.0.9).";

    private readonly TempDirectory _work = new("mcpops-upgrade-packs");

    public string Folder => _work.Combine("packs");

    public string OldHive => _work.Combine("hive-old");

    public static string NewVersion => UpgradeCommand.CurrentVersion;

    public async Task InitializeAsync()
    {
        var old = PackSources.CopyTo(_work.Combine("src-old"));
        old.Patch("modules/_template/mcp/Dockerfile", text => System.Text.RegularExpressions.Regex.Replace(text, @"ARG NODE_VERSION=\S+", OldNodePin), "the older Node pin");
        old.Patch("modules/_template/common/README.md", text => text.Replace("An MCP server module.\n", OldReadmeLine + "\n", StringComparison.Ordinal), "the older README line");
        old.Patch("modules/_shared/mcp-core/README.md", text => text + "\n" + OldCoreReadmeLine + "\n", "the extra mcp-core README line");
        old.Patch("templates/devops-compose/infra/compose/docker-compose.yml", text => System.Text.RegularExpressions.Regex.Replace(text, @"(?m)^# Needs Docker Compose .*$", OldComposeLine), "the older Compose line");
        // The pins of that older pack: its manifest says 22.20.0 (the pack writes the manifest's pins, not the Dockerfile's).
        old.Patch("eng/pins.json", text => text.Replace("\"tag\": \"26.12.1-trixie-slim\"", "\"tag\": \"22.20.0-trixie-slim\"", StringComparison.Ordinal), "the older Node pin in the manifest");

        await old.PackAsync(Folder, OldVersion);
        await PackSources.CopyTo(_work.Combine("src-new")).PackAsync(Folder);
        (await ProcessRunner.RunAsync("dotnet", ["new", "install", Path.Combine(Folder, $"McpOps.Templates.{OldVersion}.nupkg"), "--debug:custom-hive", OldHive], _work.Path)).EnsureSuccess();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _work.Dispose();
}
