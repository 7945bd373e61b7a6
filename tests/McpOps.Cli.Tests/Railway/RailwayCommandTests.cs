using System.Text.Json.Nodes;

namespace McpOps.Cli.Tests.Railway;

/// <summary>
/// `mcpops railway …` against the stand-in Railway CLI: the right tool, service and environment per
/// module, secrets only inside the MCP message (never in argv, the environment or any output), and a
/// clear exit 2 on every error path.
/// </summary>
public sealed class RailwayCommandTests : IDisposable
{
    private readonly RailwayStandIn railway = new();

    public void Dispose() => railway.Dispose();

    [Fact]
    public void Logs_call_get_logs_for_the_modules_service_in_production_by_default()
    {
        var result = railway.Run("railway", "logs", "billing");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("billing listening on 0.0.0.0:8080", result.Output);
        var call = Assert.Single(railway.Calls("get_logs"));
        Assert.Equal("""{"service_id":"billing","environment_id":"production","log_type":"deploy","lines":100}""", call["arguments"]!.ToJsonString());
        var start = railway.Records().First(r => (string?)r["kind"] == "start");
        Assert.Equal(["mcp"], start["argv"]!.AsArray().Select(a => (string?)a));
        Assert.Equal(railway.Workspace, (string?)start["cwd"]);
    }

    [Fact]
    public void The_service_name_comes_from_railway_service_ts_and_the_environment_from_the_option()
    {
        var result = railway.Run("railway", "logs", "crm-sync", "-e", "staging", "--lines", "5", "--type", "build", "--since", "2h", "--level", "error", "--search", "up");

        Assert.True(result.ExitCode == 0, result.ToString());
        var call = Assert.Single(railway.Calls("get_logs"));
        Assert.Equal("""{"service_id":"crm-sync-api","environment_id":"staging","log_type":"build","lines":5,"since":"2h","level":"error","search":"up"}""", call["arguments"]!.ToJsonString());
        Assert.Contains("crm-sync: Railway service crm-sync-api, environment staging", result.Error);
    }

    [Fact]
    public void The_workspace_default_environment_and_project_come_from_package_json()
    {
        railway.Write("package.json", """{ "name": "acme", "private": true, "mcpops": { "railway": { "environment": "staging", "projectId": "proj-acme" } } }""");

        var result = railway.Run("railway", "logs", "crm-sync");

        Assert.True(result.ExitCode == 0, result.ToString());
        var call = Assert.Single(railway.Calls("get_logs"));
        Assert.Equal("proj-acme", (string?)call["arguments"]!["project_id"]);
        Assert.Equal("staging", (string?)call["arguments"]!["environment_id"]);
    }

    [Fact]
    public void Deployments_call_list_deployments_with_the_limit()
    {
        var result = railway.Run("railway", "deployments", "billing", "--limit", "1");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("dep-2 | SUCCESS | 2026-12-01T10:00:00Z | abc1234\n", result.Output);
        Assert.Equal("""{"service_id":"billing","environment_id":"production","limit":1}""", Assert.Single(railway.Calls("list_deployments"))["arguments"]!.ToJsonString());
    }

    [Fact]
    public void Env_list_prints_names_and_never_values()
    {
        var result = railway.Run("railway", "env", "billing");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("LOG_LEVEL\nMCP_AUTH_TOKEN\n", result.Output);
        Assert.DoesNotContain("already-there-token-1234", result.Output + result.Error);
        Assert.Single(railway.Calls("list_variables"));
    }

    [Fact]
    public void Env_set_reads_the_value_from_stdin_and_it_reaches_railway_only_inside_the_mcp_call()
    {
        var result = railway.RunWithInput(RailwayStandIn.Secret + "\n", railway.Environment, "railway", "env", "billing", "set", "MCP_AUTH_TOKEN", "--skip-deploys");

        Assert.True(result.ExitCode == 0, result.ToString());
        var call = Assert.Single(railway.Calls("set_variables"));
        Assert.Equal(RailwayStandIn.Secret, (string?)call["arguments"]!["variables"]!["MCP_AUTH_TOKEN"]);
        Assert.True((bool)call["arguments"]!["skip_deploys"]!);
        Assert.Equal(RailwayStandIn.Secret, (string?)railway.ReloadState()["projects"]!["proj-acme"]!["services"]!["billing"]!["variables"]!["production"]!["MCP_AUTH_TOKEN"]);
        AssertSecretOnlyInCalls(result);
        Assert.Contains("cannot seal", result.Error);
    }

    [Fact]
    public async Task The_mcpops_process_reads_the_value_from_its_piped_stdin()
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            WorkingDirectory = railway.Workspace,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "mcpops.dll"), "railway", "env", "billing", "set", "MCP_AUTH_TOKEN" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment[McpOps.Cli.Railway.RailwayExecutable.Variable] = railway.Executable;
        using var process = System.Diagnostics.Process.Start(start)!;
        await process.StandardInput.WriteAsync(RailwayStandIn.Secret + "\n");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));

        var result = new Cli.Tests.Infrastructure.CliResult(process.ExitCode, await output, await error);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(RailwayStandIn.Secret, (string?)Assert.Single(railway.Calls("set_variables"))["arguments"]!["variables"]!["MCP_AUTH_TOKEN"]);
        AssertSecretOnlyInCalls(result);
    }

    [Fact]
    public void Env_set_reads_the_value_from_a_file()
    {
        var file = Path.Combine(railway.Workspace, "..", "token.txt");
        File.WriteAllText(file, RailwayStandIn.Secret + "\r\n");

        var result = railway.Run("railway", "env", "crm-sync", "set", "MCP_AUTH_TOKEN", "--from-file", file, "--environment", "staging");

        Assert.True(result.ExitCode == 0, result.ToString());
        var arguments = Assert.Single(railway.Calls("set_variables"))["arguments"]!;
        Assert.Equal("crm-sync-api", (string?)arguments["service_id"]);
        Assert.Equal("staging", (string?)arguments["environment_id"]);
        Assert.Equal(RailwayStandIn.Secret, (string?)arguments["variables"]!["MCP_AUTH_TOKEN"]);
        AssertSecretOnlyInCalls(result);
    }

    [Theory]
    [InlineData("MCP_AUTH_TOKEN=" + RailwayStandIn.Secret, "values never go on the command line")]
    [InlineData("1BAD", "not a variable name")]
    public void Env_set_refuses_a_value_or_a_bad_name_on_the_command_line_before_railway_starts(string key, string message)
    {
        var result = railway.RunWithInput("x", railway.Environment, "railway", "env", "billing", "set", key);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error);
        Assert.DoesNotContain(RailwayStandIn.Secret, result.Output + result.Error);
        Assert.Empty(railway.Records());
    }

    [Fact]
    public void Env_set_refuses_an_empty_value_before_railway_starts()
    {
        var result = railway.RunWithInput("\n", railway.Environment, "railway", "env", "billing", "set", "MCP_AUTH_TOKEN");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("the value of MCP_AUTH_TOKEN is empty", result.Error);
        Assert.Empty(railway.Records());
    }

    [Fact]
    public void Env_set_without_a_name_says_how_to_call_it()
    {
        var result = railway.Run("railway", "env", "billing", "set");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("needs a variable name", result.Error);
        Assert.Empty(railway.Records());
    }

    [Fact]
    public void Env_unset_runs_railway_variable_delete_for_the_service_and_environment()
    {
        var result = railway.Run("railway", "env", "billing", "unset", "LOG_LEVEL");

        Assert.True(result.ExitCode == 0, result.ToString());
        var start = Assert.Single(railway.Records(), r => (string?)r["kind"] == "start");
        Assert.Equal(["variable", "delete", "LOG_LEVEL", "--service", "billing", "--environment", "production", "--json"], start["argv"]!.AsArray().Select(a => (string?)a));
        Assert.Null(railway.ReloadState()["projects"]!["proj-acme"]!["services"]!["billing"]!["variables"]!["production"]!["LOG_LEVEL"]);
    }

    [Fact]
    public void Env_unset_of_a_missing_variable_fails_with_exit_2()
    {
        var result = railway.Run("railway", "env", "billing", "unset", "NOPE");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("has no variable NOPE", result.Error);
    }

    [Fact]
    public void Deploy_refuses_and_explains_the_github_flow_without_calling_railway()
    {
        var result = railway.Run("railway", "deploy", "billing");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("merge it to main", result.Error);
        Assert.Contains("Wait for CI", result.Error);
        Assert.Empty(railway.Records());
    }

    [Fact]
    public void A_missing_railway_cli_names_how_to_install_it()
    {
        var result = railway.RunWithInput("", new Dictionary<string, string> { ["PATH"] = railway.Workspace }, "railway", "logs", "billing");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("the Railway CLI (`railway`) is not on PATH", result.Error);
        Assert.Contains("npm install -g @railway/cli", result.Error);
    }

    [Fact]
    public void A_railway_cli_set_to_a_missing_file_is_named()
    {
        var result = railway.RunWithInput("", new Dictionary<string, string> { ["MCPOPS_RAILWAY_CLI"] = "/nonexistent/railway" }, "railway", "logs", "billing");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("MCPOPS_RAILWAY_CLI is set to /nonexistent/railway, which does not exist", result.Error);
    }

    [Fact]
    public void A_railway_cli_without_mcp_is_told_to_upgrade()
    {
        railway.Change(state => state["mode"] = "no-mcp");

        var result = railway.Run("railway", "logs", "billing");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("did not start Railway's MCP server", result.Error);
        Assert.Contains("railway upgrade", result.Error);
    }

    [Fact]
    public void A_railway_mcp_that_dies_mid_call_is_a_clear_error()
    {
        railway.Change(state => state["mode"] = "crash");

        var result = railway.Run("railway", "deployments", "billing");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("list_deployments", result.Error);
    }

    [Fact]
    public void Not_logged_in_says_railway_login()
    {
        railway.Change(state => state["loggedIn"] = false);

        var result = railway.RunWithInput(RailwayStandIn.Secret, railway.Environment, "railway", "env", "billing", "set", "MCP_AUTH_TOKEN");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not logged in to Railway: run `railway login`", result.Error);
        Assert.Empty(railway.Calls("set_variables"));
        AssertSecretOnlyInCalls(result);
    }

    [Fact]
    public void Not_logged_in_for_unset_says_railway_login()
    {
        railway.Change(state => state["loggedIn"] = false);

        var result = railway.Run("railway", "env", "billing", "unset", "LOG_LEVEL");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not logged in to Railway: run `railway login`", result.Error);
    }

    [Fact]
    public void A_service_missing_on_railway_names_railway_config_apply()
    {
        railway.Change(state => state["projects"]!["proj-acme"]!["services"]!.AsObject().Remove("billing"));

        var result = railway.Run("railway", "deployments", "billing");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("the Railway project has no service 'billing' (module billing)", result.Error);
        Assert.Contains("railway config apply", result.Error);
    }

    [Fact]
    public void An_unknown_environment_lists_the_fix()
    {
        var result = railway.Run("railway", "logs", "billing", "--environment", "qa");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no environment 'qa': pass --environment", result.Error);
        Assert.Contains("- staging", result.Error);
    }

    [Fact]
    public void An_unlinked_workspace_says_railway_link()
    {
        railway.Change(state => state["linkedProject"] = null);

        var result = railway.Run("railway", "env", "billing", "list");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("run `railway link` in the workspace root", result.Error);
    }

    [Theory]
    [InlineData("nope", "no module 'nope' in this workspace; modules: billing, crm-sync, legacy.")]
    [InlineData("legacy", "railway.toml is Config as Code")]
    public void A_module_without_a_railway_service_fails_before_railway_starts(string module, string message)
    {
        var result = railway.Run("railway", "logs", module);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error);
        Assert.Empty(railway.Records());
    }

    /// <summary>The secret was sent in set_variables and nowhere else: not in any argv, environment or output.</summary>
    private void AssertSecretOnlyInCalls(Cli.Tests.Infrastructure.CliResult result)
    {
        Assert.DoesNotContain(RailwayStandIn.Secret, result.Output + result.Error);
        foreach (var start in railway.Records().Where(r => (string?)r["kind"] != "call"))
        {
            Assert.DoesNotContain(RailwayStandIn.Secret, start.ToJsonString());
        }
    }
}
