using System.Net;
using System.Text;
using System.Text.Json;
using McpOps.Templates.Tests.Infrastructure;
using Xunit.Abstractions;

namespace McpOps.Templates.Tests.Image;

/// <summary>
/// The C# module's Dockerfile built for real (see <see cref="CSharpModuleImage"/>): the same image checks
/// as the TypeScript module's, then the server run from the image's root filesystem as uid 1654.
/// </summary>
[Collection(SharedTemplatePack.Name)]
public sealed class CSharpImageTests(CSharpModuleImage image, ITestOutputHelper output) : IClassFixture<CSharpModuleImage>
{
    private const string Token = "csharp-image-test-token-not-a-secret";
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [BuildahFact]
    public void Build_restored_from_NuGet_inside_the_sdk_stand_in_and_published_the_module()
    {
        output.WriteLine($"built {CSharpModuleImage.Tag} in {image.BuildTime.TotalSeconds:F0} s on {image.SdkBaseImage} -> {image.RuntimeBaseImage}");
        var dockerfile = File.ReadAllText(image.DockerfilePath);
        Assert.Contains("FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:${DOTNET_SDK_VERSION}-noble AS build", dockerfile, StringComparison.Ordinal);
        Assert.Contains("FROM mcr.microsoft.com/dotnet/aspnet:${ASPNET_VERSION}-noble-chiseled AS runtime", dockerfile, StringComparison.Ordinal);
        Assert.Contains($"RUN dotnet restore modules/{CSharpModuleImage.Module}/mcp/src/{CSharpModuleImage.Project}/{CSharpModuleImage.Project}.csproj", image.BuildOutput, StringComparison.Ordinal);
        Assert.Matches(@"Restored /workspace/modules/_shared/mcp-core-dotnet/src/McpOps\.McpCore/McpOps\.McpCore\.csproj", image.BuildOutput);
        Assert.Contains($"{CSharpModuleImage.Project} -> /app/", image.BuildOutput, StringComparison.Ordinal);
    }

    [BuildahFact]
    public void Image_runs_as_APP_UID_with_healthcheck_exec_entrypoint_and_the_module_port()
    {
        var config = image.Config;
        output.WriteLine($"USER {config.User}; ENTRYPOINT {string.Join(' ', config.Entrypoint ?? [])}; HEALTHCHECK {string.Join(' ', config.HealthcheckTest ?? [])}");

        // USER $APP_UID: the numeric, non-root user the (stand-in) chiseled base defines.
        Assert.Equal("1654", image.RuntimeBaseConfig.Env["APP_UID"]);
        Assert.Equal("1654", config.User);
        Assert.True(config.NumericUid is > 0 && config.NumericGid is > 0, $"USER must be a numeric, non-root uid, is '{config.User}'");

        // HEALTHCHECK in exec form, through the server's own --healthcheck (no shell, no curl in the image).
        Assert.Equal(["CMD", "dotnet", $"{CSharpModuleImage.Project}.dll", "--healthcheck"], config.HealthcheckTest);

        // Exec form: buildah records a shell-form ENTRYPOINT as ["/bin/sh", "-c", "..."].
        Assert.Equal(["dotnet", $"{CSharpModuleImage.Project}.dll"], config.Entrypoint);
        Assert.Empty(config.Cmd);

        Assert.Equal([$"{CSharpModuleImage.Port}/tcp"], config.ExposedPorts);
        Assert.Equal("8082", config.Env["PORT"]);
        Assert.Equal("0.0.0.0", config.Env["HOST"]);
        Assert.Equal("/app", config.WorkingDir);
        Assert.Equal($"{image.RuntimeBaseImage}", config.Labels["org.opencontainers.image.base.name"]);
    }

    [BuildahFact]
    public void Image_env_labels_and_history_hold_no_secret_looking_values()
    {
        var findings = SecretScan.Find(image.Config);
        Assert.True(findings.Count == 0, "secret-looking values in the image:\n" + string.Join('\n', findings));
        Assert.DoesNotContain("MCP_AUTH_TOKEN", image.Config.Env.Keys);
        // The stand-in's NuGet workaround stays in the build stage: nothing of it reaches the runtime image.
        Assert.DoesNotContain("NUGET_CERT_REVOCATION_MODE", image.Config.Env.Keys);
    }

    [BuildahFact]
    public async Task Runtime_file_system_has_the_published_app_no_shell_no_sdk_and_no_sources()
    {
        await using var container = await ImageServer.MountAsync(image.Buildah, CSharpModuleImage.Tag, image.Config, Token);
        var root = container.RootFilesystem;

        Assert.False(container.HasShell, "the runtime image has a shell: it is not the chiseled base");
        Assert.True(File.Exists(Path.Combine(root, "usr/share/dotnet/dotnet")), "the dotnet host is in the runtime image");
        Assert.True(Directory.Exists(Path.Combine(root, "usr/share/dotnet/shared/Microsoft.AspNetCore.App")), "ASP.NET Core is in the runtime image");
        Assert.False(Directory.Exists(Path.Combine(root, "usr/share/dotnet/sdk")), "the SDK leaked into the runtime image");
        Assert.Contains("app:x:1654:1654", await File.ReadAllTextAsync(Path.Combine(root, "etc/passwd")), StringComparison.Ordinal);

        var app = Path.Combine(root, "app");
        var files = Directory.GetFiles(app, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(app, f)).Order(StringComparer.Ordinal).ToList();
        output.WriteLine(string.Join('\n', files));
        Assert.Contains($"{CSharpModuleImage.Project}.dll", files);
        Assert.Contains("McpOps.McpCore.dll", files);
        Assert.Contains("ModelContextProtocol.AspNetCore.dll", files);
        Assert.DoesNotContain(files, f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal) || f.StartsWith("obj", StringComparison.Ordinal));
        // UseAppHost=false: no native launcher, dotnet starts the dll.
        Assert.DoesNotContain(CSharpModuleImage.Project, files);
        foreach (var file in files)
        {
            var info = new FileInfo(Path.Combine(app, file));
            Assert.True((info.UnixFileMode & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) == 0, $"{file} is writable by the server user");
        }
    }

    [BuildahFact]
    public async Task Server_from_the_image_answers_health_initialize_and_tools_call_as_uid_1654()
    {
        await using var server = await ImageServer.MountAsync(image.Buildah, CSharpModuleImage.Tag, image.Config, Token);
        await server.StartAsync(Http);

        var status = await File.ReadAllLinesAsync($"/proc/{server.ProcessId}/status");
        Assert.Matches(@"^Uid:\s+1654\s+1654\s", status.Single(l => l.StartsWith("Uid:", StringComparison.Ordinal)));
        Assert.Matches(@"^Gid:\s+1654\s+1654\s", status.Single(l => l.StartsWith("Gid:", StringComparison.Ordinal)));

        using (var health = await Http.GetAsync(new Uri(server.BaseUrl, "/health")))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Contains("\"inventory-mcp\"", await health.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // The image's own HEALTHCHECK command passes inside the image, as its user, in its WorkingDir.
        var healthcheck = await server.HealthcheckAsync();
        Assert.True(healthcheck.ExitCode == 0, "HEALTHCHECK failed against a running server:\n" + healthcheck.Output);

        using (var unauthenticated = await PostAsync(server, """{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", token: null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        }

        using (var initialize = await PostAsync(server, """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"mcpops-image-test","version":"1.0.0"}}}""", Token))
        {
            var body = await initialize.Content.ReadAsStringAsync();
            Assert.True(initialize.StatusCode == HttpStatusCode.OK, $"initialize: {(int)initialize.StatusCode}\n{body}\n{server.Output}");
            using var result = JsonDocument.Parse(JsonRpcPayload(body));
            Assert.Equal("inventory-mcp", result.RootElement.GetProperty("result").GetProperty("serverInfo").GetProperty("name").GetString());
        }

        using (var call = await PostAsync(server, """{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"add","arguments":{"a":40,"b":2}}}""", Token))
        {
            var body = await call.Content.ReadAsStringAsync();
            Assert.True(call.StatusCode == HttpStatusCode.OK, $"tools/call: {(int)call.StatusCode}\n{body}\n{server.Output}");
            using var result = JsonDocument.Parse(JsonRpcPayload(body));
            var content = result.RootElement.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString();
            using var sum = JsonDocument.Parse(content ?? "{}");
            Assert.Equal(42, sum.RootElement.GetProperty("sum").GetInt32());
        }

        Assert.DoesNotContain(Token, server.Output, StringComparison.Ordinal);

        // The HEALTHCHECK can fail: with the server stopped it must report unhealthy.
        await server.StopAsync();
        var unhealthy = await server.HealthcheckAsync();
        Assert.NotEqual(0, unhealthy.ExitCode);
    }

    [BuildahFact]
    public async Task Application_layers_add_under_16_MiB_on_top_of_the_chiseled_base()
    {
        var measured = (await image.Buildah.ScriptAsync("layer-bytes", [CSharpModuleImage.Tag, image.RuntimeBaseImage])).EnsureSuccess();
        using var json = JsonDocument.Parse(measured.StandardOutput);
        var bytes = json.RootElement.GetProperty("bytes").GetInt64();
        var gzip = json.RootElement.GetProperty("gzipBytes").GetInt64();
        output.WriteLine($"application layers: {bytes} bytes ({gzip} gzip) on a {json.RootElement.GetProperty("baseBytes").GetInt64()} byte base (stand-in)");

        Assert.True(bytes > 0, "the runtime stage adds the published app: it cannot be empty");
        Assert.True(bytes < 16L * 1024 * 1024, $"the runtime stage adds {bytes} bytes: the SDK, sources or obj leaked into it");
    }

    private static async Task<HttpResponseMessage> PostAsync(ImageServer server, string json, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.BaseUrl, "/mcp"))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        request.Headers.Add("MCP-Protocol-Version", "2025-06-18");
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        return await Http.SendAsync(request);
    }

    // Streamable HTTP answers either application/json or one SSE event whose data is the JSON-RPC message.
    private static string JsonRpcPayload(string body) =>
        body.TrimStart().StartsWith('{')
            ? body
            : string.Join('\n', body.Split('\n').Where(l => l.StartsWith("data:", StringComparison.Ordinal)).Select(l => l["data:".Length..].Trim()));
}
