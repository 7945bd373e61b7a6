using System.Text.Json;
using System.Text.Json.Nodes;
using McpOps.Templates.Tests.EndToEnd;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Templates.Tests.Ci;

/// <summary>
/// The generated Cloud Run deploy and rollback scripts, run for real with bash against a fake
/// `gcloud` (Ci/fake-gcloud.mjs: a JSON state file standing in for the service, its revisions,
/// traffic and Secret Manager) and the real smoke test against a real generated server. Proves
/// the order deploy (no traffic) → smoke test of the tagged URL → traffic, and the automatic
/// rollback to N-1. What Cloud Run itself does with these flags is not tested here (no cloud).
/// </summary>
[Collection(SharedTemplatePack.Name)]
public sealed class CloudRunScriptTests(TemplatePack pack)
{
    private const string Token = "cloudrun-token-not-a-secret";
    private const string Image = "europe-west1-docker.pkg.dev/acme-prod/ghcr/acme/platform/billing@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task Deploys_without_traffic_smoke_tests_the_tag_then_moves_traffic()
    {
        await using var fake = await FakeCloudRun.StartAsync(pack, existing: true);

        var result = await fake.DeployAsync(secret: Token);

        Assert.True(result.ExitCode == 0, result.Output + fake.Calls);
        var deploy = fake.CallLines.Single(c => c.StartsWith("gcloud run deploy billing", StringComparison.Ordinal));
        foreach (var flag in new[] { "--image " + Image, "--service-account billing-mcp@acme-prod.iam.gserviceaccount.com", "--min-instances=1",
                     "--no-cpu-throttling", "--set-secrets MCP_AUTH_TOKEN=billing-auth-token:3", "--tag sha-abc1234", "--no-traffic" })
        {
            Assert.Contains(flag, deploy, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("--allow-unauthenticated", deploy, StringComparison.Ordinal);
        Assert.Contains(fake.CallLines, c => c.Contains("secrets versions access 3 --secret billing-auth-token", StringComparison.Ordinal));
        var toLatest = fake.CallLines.FindIndex(c => c.Contains("--to-latest", StringComparison.Ordinal));
        Assert.True(toLatest > fake.CallLines.IndexOf(deploy), fake.Calls);
        Assert.Equal(2, CountOccurrences(result.StandardOutput, "smoke test passed")); // tagged URL, then service URL
        Assert.Equal([("billing-00002-new", 100)], fake.Traffic());
        Assert.DoesNotContain(Token, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_smoke_test_rolls_back_to_n_minus_1_and_fails()
    {
        await using var fake = await FakeCloudRun.StartAsync(pack, existing: true);

        var result = await fake.DeployAsync(secret: "a-stale-token");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("smoke test failed on http://", result.Output, StringComparison.Ordinal);
        Assert.Contains(fake.CallLines, c => c.Contains("update-traffic billing", StringComparison.Ordinal) && c.Contains("--to-revisions billing-00001-old=100", StringComparison.Ordinal));
        Assert.DoesNotContain(fake.CallLines, c => c.Contains("--to-latest", StringComparison.Ordinal));
        Assert.Equal([("billing-00001-old", 100)], fake.Traffic());
        Assert.False(fake.HasTag("sha-abc1234"), "the failed revision's tag is removed");
    }

    [Fact]
    public async Task A_failing_deploy_keeps_n_minus_1_and_fails()
    {
        await using var fake = await FakeCloudRun.StartAsync(pack, existing: true);

        var result = await fake.DeployAsync(secret: Token, ("FAKE_DEPLOY_FAILS", "1"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("gcloud run deploy failed", result.Output, StringComparison.Ordinal);
        Assert.Equal([("billing-00001-old", 100)], fake.Traffic());
    }

    [Fact]
    public async Task The_first_deploy_creates_the_service_open_to_bearer_token_clients()
    {
        await using var fake = await FakeCloudRun.StartAsync(pack, existing: false);

        var result = await fake.DeployAsync(secret: Token);

        Assert.True(result.ExitCode == 0, result.Output + fake.Calls);
        var deploy = fake.CallLines.Single(c => c.StartsWith("gcloud run deploy", StringComparison.Ordinal));
        Assert.Contains("--allow-unauthenticated", deploy, StringComparison.Ordinal);
        Assert.DoesNotContain("--no-traffic", deploy, StringComparison.Ordinal);
        Assert.Equal([("billing-00001-new", 100)], fake.Traffic());
    }

    [Theory]
    [InlineData("SECRET_VERSION", "latest", "must be a pinned version number")]
    [InlineData("IMAGE", "ghcr.io/acme/platform/billing:sha-abc", "must be a reference by digest")]
    [InlineData("SERVICE", "Billing;rm", "is not a valid Cloud Run service name")]
    public async Task Bad_inputs_stop_before_anything_is_deployed(string variable, string value, string message)
    {
        await using var fake = await FakeCloudRun.StartAsync(pack, existing: true);

        var result = await fake.DeployAsync(secret: Token, (variable, value));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Output, StringComparison.Ordinal);
        Assert.Empty(fake.CallLines);
    }

    [Fact]
    public async Task Rollback_workflow_script_finds_n_minus_1_moves_traffic_and_smoke_tests()
    {
        await using var fake = await FakeCloudRun.StartAsync(pack, existing: true);
        (await fake.DeployAsync(secret: Token)).EnsureSuccess();
        Assert.Equal([("billing-00002-new", 100)], fake.Traffic());

        var result = await fake.RollbackAsync(revision: "", secret: Token);

        Assert.True(result.ExitCode == 0, result.Output + fake.Calls);
        Assert.Contains("N-1 is billing-00001-old", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(fake.CallLines, c => c.Contains("--to-revisions billing-00001-old=100", StringComparison.Ordinal));
        Assert.Contains("smoke test passed", result.StandardOutput, StringComparison.Ordinal);
        Assert.Equal([("billing-00001-old", 100)], fake.Traffic());
    }

    [Theory]
    [InlineData("inventory-00001-abc", "does not belong to service")]
    [InlineData("billing-00009-nope", "does not exist in billing or is not ready")]
    [InlineData("billing-0001;reboot", "is not a valid revision name")]
    public async Task Rollback_refuses_a_revision_that_is_not_a_ready_revision_of_the_service(string revision, string message)
    {
        await using var fake = await FakeCloudRun.StartAsync(pack, existing: true);

        var result = await fake.RollbackAsync(revision, secret: Token);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(fake.CallLines, c => c.Contains("update-traffic", StringComparison.Ordinal));
    }

    private static int CountOccurrences(string text, string value) =>
        (text.Length - text.Replace(value, "", StringComparison.Ordinal).Length) / value.Length;

    private sealed class FakeCloudRun : IAsyncDisposable
    {
        private readonly DevopsCiOutput _output;
        private readonly TempDirectory _work = new("mcpops-fake-gcloud");
        private readonly RunningServer _server;

        private FakeCloudRun(DevopsCiOutput output, RunningServer server)
        {
            _output = output;
            _server = server;
        }

        private string StatePath => _work.Combine("state.json");

        private string LogPath => _work.Combine("calls.log");

        public string Calls => File.Exists(LogPath) ? File.ReadAllText(LogPath) : "";

        public List<string> CallLines => [.. Calls.Split('\n', StringSplitOptions.RemoveEmptyEntries)];

        public static async Task<FakeCloudRun> StartAsync(TemplatePack pack, bool existing)
        {
            var output = await DevopsCiOutput.GenerateAsync(pack);
            var workspace = await GeneratedWorkspace.GetAsync(pack);
            var server = await RunningServer.StartAsync(workspace.ModuleFolder("billing"), Token, Http);
            var fake = new FakeCloudRun(output, server);

            var bin = fake._work.Combine("bin");
            Directory.CreateDirectory(bin);
            var gcloud = Path.Combine(bin, "gcloud");
            var script = Path.Combine(RepositoryPaths.Root, "tests", "McpOps.Templates.Tests", "Ci", "fake-gcloud.mjs");
            File.WriteAllText(gcloud, $"#!/bin/sh\nexec node '{script}' \"$@\"\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(gcloud, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            if (existing)
            {
                var url = server.BaseUrl.ToString().TrimEnd('/');
                File.WriteAllText(fake.StatePath, $$"""
                    {
                      "service": { "status": { "url": "{{url}}", "latestCreatedRevisionName": "billing-00001-old", "latestReadyRevisionName": "billing-00001-old",
                        "traffic": [ { "revisionName": "billing-00001-old", "percent": 100, "latestRevision": true } ] } },
                      "revisions": [ { "metadata": { "name": "billing-00001-old", "creationTimestamp": "2026-01-01T00:00:00Z" },
                        "status": { "conditions": [ { "type": "Ready", "status": "True" } ] },
                        "spec": { "containers": [ { "env": [ { "name": "MCP_AUTH_TOKEN", "valueFrom": { "secretKeyRef": { "name": "billing-auth-token", "key": "2" } } } ] } ] } } ]
                    }
                    """);
            }

            return fake;
        }

        public Task<ProcessResult> DeployAsync(string secret, params (string Key, string Value)[] overrides)
        {
            var environment = Environment(secret);
            environment["SERVICE"] = "billing";
            environment["IMAGE"] = Image;
            environment["RUNTIME_SERVICE_ACCOUNT"] = "billing-mcp@acme-prod.iam.gserviceaccount.com";
            environment["SECRET_NAME"] = "billing-auth-token";
            environment["SECRET_VERSION"] = "3";
            environment["REVISION_TAG"] = "sha-abc1234";
            foreach (var (key, value) in overrides)
            {
                environment[key] = value;
            }

            return ProcessRunner.RunAsync("bash", [".github/scripts/cloudrun-deploy.sh"], _output.Root, environment, TimeSpan.FromMinutes(2));
        }

        public Task<ProcessResult> RollbackAsync(string revision, string secret)
        {
            var environment = Environment(secret);
            environment["SERVICE"] = "billing";
            environment["REVISION"] = revision;
            return ProcessRunner.RunAsync("bash", [".github/scripts/cloudrun-rollback.sh"], _output.Root, environment, TimeSpan.FromMinutes(2));
        }

        public List<(string Revision, int Percent)> Traffic()
        {
            var state = JsonNode.Parse(File.ReadAllText(StatePath))!;
            return [.. state["service"]!["status"]!["traffic"]!.AsArray()
                .Where(t => t!["percent"]!.GetValue<int>() > 0)
                .Select(t => (t!["revisionName"]!.GetValue<string>(), t["percent"]!.GetValue<int>()))];
        }

        public bool HasTag(string tag)
        {
            using var state = JsonDocument.Parse(File.ReadAllText(StatePath));
            return state.RootElement.GetProperty("service").GetProperty("status").GetProperty("traffic").EnumerateArray()
                .Any(t => t.TryGetProperty("tag", out var value) && value.GetString() == tag);
        }

        private Dictionary<string, string> Environment(string secret) => new()
        {
            ["PATH"] = _work.Combine("bin") + ":" + System.Environment.GetEnvironmentVariable("PATH"),
            ["PROJECT"] = "acme-prod",
            ["REGION"] = "europe-west1",
            ["SMOKE_TEST"] = "scripts/smoke-test.mjs",
            ["SMOKE_TEST_TIMEOUT_SECONDS"] = "5",
            ["GITHUB_ACTIONS"] = "",
            ["GITHUB_STEP_SUMMARY"] = "",
            ["FAKE_GCLOUD_STATE"] = StatePath,
            ["FAKE_GCLOUD_LOG"] = LogPath,
            ["FAKE_TAG_URL"] = _server.BaseUrl.ToString().TrimEnd('/'),
            ["FAKE_SERVICE_URL"] = _server.BaseUrl.ToString().TrimEnd('/'),
            ["FAKE_SECRET"] = secret,
        };

        public async ValueTask DisposeAsync()
        {
            await _server.DisposeAsync();
            _output.Dispose();
            _work.Dispose();
        }
    }
}
