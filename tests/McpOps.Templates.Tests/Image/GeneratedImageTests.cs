using System.Net;
using System.Text;
using System.Text.Json;
using McpOps.Templates.Tests.Infrastructure;
using Xunit.Abstractions;

namespace McpOps.Templates.Tests.Image;

/// <summary>
/// Builds a generated module's Dockerfile for real (buildah, no Docker engine, no registry: the
/// base image is a local stand-in, see tests/image/stand-in-base), then checks the image's
/// configuration, its file system, and the server it runs.
/// </summary>
[Collection(SharedTemplatePack.Name)]
public sealed class GeneratedImageTests(ModuleImage image, ITestOutputHelper output) : IClassFixture<ModuleImage>
{
    private const string Token = "image-test-token-not-a-secret";
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [BuildahFact]
    public void Image_runs_as_a_numeric_non_root_user_with_healthcheck_exec_cmd_and_the_module_port()
    {
        var config = image.Config;
        output.WriteLine($"built {ModuleImage.Tag} in {image.BuildTime.TotalSeconds:F0} s; USER {config.User}; CMD {string.Join(' ', config.Cmd)}");

        Assert.True(config.NumericUid is > 0, $"USER must be a numeric, non-root uid, is '{config.User}'");
        Assert.True(config.NumericGid is > 0, $"USER must name a numeric, non-root gid, is '{config.User}'");

        Assert.NotNull(config.HealthcheckTest);
        Assert.Equal("CMD", config.HealthcheckTest[0]);

        // Exec form (buildah records a shell form as ["/bin/sh", "-c", "..."]): node is PID 1, the
        // whole command is the ENTRYPOINT, and the base image's own ENTRYPOINT (bare node) is replaced.
        Assert.Equal(["/nodejs/bin/node", "dist/server.mjs"], config.Entrypoint);
        Assert.Equal(["/nodejs/bin/node"], image.BaseConfig.Entrypoint);
        Assert.Empty(config.Cmd);
        Assert.Equal("/nodejs/bin/node", config.HealthcheckTest[1]);

        Assert.Equal([$"{ModuleImage.Port}/tcp"], config.ExposedPorts);
        Assert.Equal(ModuleImage.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), config.Env["PORT"]);
        Assert.Equal("0.0.0.0", config.Env["HOST"]);
        Assert.Equal("/app", config.WorkingDir);
    }

    [BuildahFact]
    public void Image_env_labels_and_history_hold_no_secret_looking_values()
    {
        var findings = SecretScan.Find(image.Config);
        Assert.True(findings.Count == 0, "secret-looking values in the image:\n" + string.Join('\n', findings));
        Assert.DoesNotContain("MCP_AUTH_TOKEN", image.Config.Env.Keys);
    }

    [BuildahFact]
    public async Task Secret_scan_flags_a_token_in_env_label_and_build_argument_of_a_real_image()
    {
        // The scan must be able to fail: an image that leaks in all three places, built by buildah too
        // (on the build stage's base: the RUN needs a shell, which the distroless runtime base lacks).
        using var context = new TempDirectory("mcpops-leaky");
        await File.WriteAllTextAsync(context.Combine("Dockerfile"), $"""
            FROM {image.BuildBaseImage}
            ARG NPM_TOKEN=npm_0123456789abcdefghijklmnopqrstuvwxyz
            ENV API_TOKEN=plain-text-token
            LABEL com.example.db.password=hunter2
            RUN test -n "$NPM_TOKEN"
            """);
        (await image.Buildah.BuildAsync(context.Path, context.Combine("Dockerfile"), "localhost/mcpops-test/leaky:test")).EnsureSuccess();

        var findings = SecretScan.Find(await image.Buildah.InspectAsync("localhost/mcpops-test/leaky:test"));

        output.WriteLine(string.Join('\n', findings));
        Assert.Contains(findings, f => f.StartsWith("env API_TOKEN", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.StartsWith("label com.example.db.password", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.StartsWith("history assigns NPM_TOKEN", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Contains("a token (npm_", StringComparison.Ordinal));
    }

    [BuildahFact]
    public async Task Runtime_file_system_has_the_bundle_and_no_shell_package_manager_sources_or_source_map()
    {
        await using var container = await ImageServer.MountAsync(image.Buildah, ModuleImage.Tag, image.Config, Token);
        var root = container.RootFilesystem;

        Assert.True(File.Exists(Path.Combine(root, "nodejs/bin/node")), "node is in the runtime image");
        Assert.False(container.HasShell, "the runtime image has a shell");
        foreach (var absent in new[] { "usr/local/bin/npm", "usr/local/bin/npx", "usr/local/bin/corepack", "usr/local/lib/node_modules", "usr/sbin/useradd", "usr/bin/apt-get" })
        {
            Assert.False(Path.Exists(Path.Combine(root, absent)), $"/{absent} is in the runtime image");
        }

        // The image runs as the distroless base's own nonroot user: no user is created on top of it.
        Assert.Equal("65532:65532", image.Config.User);
        Assert.Contains("nonroot:x:65532:65532:", await File.ReadAllTextAsync(Path.Combine(root, "etc/passwd")), StringComparison.Ordinal);

        // The module's compose healthcheck runs an executable the image really has (no PATH lookup of
        // `node`: distroless keeps it at /nodejs/bin/node), the same one as the image's HEALTHCHECK.
        var compose = await File.ReadAllTextAsync(Path.Combine(image.Workspace.ModuleFolder(ModuleImage.Module), "deploy", "compose.yaml"));
        var probe = System.Text.RegularExpressions.Regex.Match(compose, @"test: \[""CMD"", ""(?<exe>[^""]+)""").Groups["exe"].Value;
        Assert.Equal(image.Config.HealthcheckTest![1], probe);
        Assert.True(File.Exists(Path.Combine(root, probe.TrimStart('/'))), $"compose healthcheck runs {probe}, which the image does not have");

        // The source map stays out (it was half of the added bytes): it is the sourcemap stage's artifact.
        var app = Path.Combine(root, "app");
        var files = Directory.GetFiles(app, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(app, f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["dist/server.mjs"], files);
        foreach (var file in files)
        {
            var info = new FileInfo(Path.Combine(app, file));
            Assert.True((info.UnixFileMode & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) == 0, $"{file} is writable by the server user");
        }

        var bundle = await File.ReadAllTextAsync(Path.Combine(app, "dist/server.mjs"));
        Assert.DoesNotContain("from \"@acme/mcp-core\"", bundle, StringComparison.Ordinal);
    }

    [BuildahFact]
    public async Task Server_from_the_image_answers_health_and_mcp_initialize_as_uid_65532()
    {
        await using var server = await ImageServer.MountAsync(image.Buildah, ModuleImage.Tag, image.Config, Token);
        await server.StartAsync(Http);

        // The process really runs as the image's user, not as root.
        var status = await File.ReadAllLinesAsync($"/proc/{server.ProcessId}/status");
        Assert.Matches(@"^Uid:\s+65532\s+65532\s", status.Single(l => l.StartsWith("Uid:", StringComparison.Ordinal)));

        using (var health = await Http.GetAsync(new Uri(server.BaseUrl, "/health")))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        // The image's own HEALTHCHECK command passes inside the image, as its user.
        var healthcheck = await server.HealthcheckAsync();
        Assert.True(healthcheck.ExitCode == 0, "HEALTHCHECK failed against a running server:\n" + healthcheck.Output);

        using var initialize = new HttpRequestMessage(HttpMethod.Post, new Uri(server.BaseUrl, "/mcp"))
        {
            Content = new StringContent(
                """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"mcpops-image-test","version":"1.0.0"}}}""",
                Encoding.UTF8,
                "application/json"),
        };
        initialize.Headers.Accept.ParseAdd("application/json, text/event-stream");
        initialize.Headers.Authorization = new("Bearer", Token);
        using var response = await Http.SendAsync(initialize);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"initialize: {(int)response.StatusCode}\n{body}\n{server.Output}");
        using (var result = JsonDocument.Parse(JsonRpcPayload(body)))
        {
            Assert.Equal($"{ModuleImage.Module}-mcp", result.RootElement.GetProperty("result").GetProperty("serverInfo").GetProperty("name").GetString());
        }

        // And a real client (the SDK's) lists and calls a tool against the image's server.
        var call = await ProcessRunner.RunAsync(
            "node",
            ["mcp-client.mjs", server.BaseUrl.ToString(), Token, "http", "echo", """{"text":"hello from the image"}"""],
            image.Workspace.Root,
            timeout: TimeSpan.FromSeconds(60));
        call.EnsureSuccess();
        Assert.Contains("hello from the image", call.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, server.Output, StringComparison.Ordinal);

        // The HEALTHCHECK can fail: with the server stopped it must report unhealthy.
        await server.StopAsync();
        var unhealthy = await server.HealthcheckAsync();
        Assert.NotEqual(0, unhealthy.ExitCode);
    }

    [BuildahFact]
    public async Task Application_layers_add_under_16_MiB_on_top_of_the_runtime_base()
    {
        var measured = (await image.Buildah.ScriptAsync("layer-bytes", [ModuleImage.Tag, image.BaseImage])).EnsureSuccess();
        using var json = JsonDocument.Parse(measured.StandardOutput);
        var bytes = json.RootElement.GetProperty("bytes").GetInt64();
        var gzip = json.RootElement.GetProperty("gzipBytes").GetInt64();
        output.WriteLine($"application layers: {bytes} bytes ({gzip} gzip) on a {json.RootElement.GetProperty("baseBytes").GetInt64()} byte base");

        Assert.True(bytes > 0, "the runtime stage adds the bundle: it cannot be empty");
        Assert.True(bytes < 16L * 1024 * 1024, $"the runtime stage adds {bytes} bytes: dependencies or sources leaked into it");
    }

    [BuildahFact]
    public async Task Source_map_is_exported_by_the_sourcemap_target_and_maps_the_bundle_to_the_module_sources()
    {
        // The documented way to keep the map as a build artifact: --target sourcemap (FROM scratch).
        const string Tag = "localhost/mcpops-test/inventory-sourcemap:test";
        (await image.Buildah.BuildAsync(image.Workspace.Root, image.DockerfilePath, Tag, "--target", "sourcemap")).EnsureSuccess();
        await using var artifact = await ImageServer.MountAsync(image.Buildah, Tag, await image.Buildah.InspectAsync(Tag), Token);

        var files = Directory.GetFiles(artifact.RootFilesystem, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(artifact.RootFilesystem, f)).ToList();
        Assert.Equal(["server.mjs.map"], files);
        using var map = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(artifact.RootFilesystem, "server.mjs.map")));
        var sources = map.RootElement.GetProperty("sources").EnumerateArray().Select(e => e.GetString() ?? "").ToList();
        Assert.Contains(sources, s => s.EndsWith("src/index.ts", StringComparison.Ordinal));
        Assert.Contains(sources, s => s.Contains("mcp-core", StringComparison.Ordinal));
    }

    [BuildahFact]
    public async Task A_dockerfile_copying_a_missing_path_fails_the_build()
    {
        // A mutated copy of the generated Dockerfile: the build must fail, proving the harness
        // reports a broken Dockerfile instead of passing it.
        var original = await File.ReadAllTextAsync(image.DockerfilePath);
        const string Anchor = "WORKDIR /workspace\n";
        Assert.Contains(Anchor, original, StringComparison.Ordinal);
        var missing = $"modules/{ModuleImage.Module}/mcp/this-path-does-not-exist.json";
        using var temp = new TempDirectory("mcpops-mutant");
        var mutant = temp.Combine("Dockerfile");
        await File.WriteAllTextAsync(mutant, original.Replace(Anchor, Anchor + $"COPY {missing} ./\n", StringComparison.Ordinal));

        var build = await image.Buildah.BuildAsync(image.Workspace.Root, mutant, "localhost/mcpops-test/mutant:test");

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("this-path-does-not-exist.json", build.Output, StringComparison.Ordinal);
        Assert.False((await image.Buildah.RunAsync("inspect", "--type", "image", "localhost/mcpops-test/mutant:test")).ExitCode == 0, "no image may be tagged by a failed build");
    }

    // Streamable HTTP answers either application/json or one SSE event whose data is the JSON-RPC message.
    private static string JsonRpcPayload(string body) =>
        body.TrimStart().StartsWith('{')
            ? body
            : string.Join('\n', body.Split('\n').Where(l => l.StartsWith("data:", StringComparison.Ordinal)).Select(l => l["data:".Length..].Trim()));
}
