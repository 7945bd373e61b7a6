using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol.AspNetCore;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpOps.McpCore;

/// <summary>Starts a module's MCP server: from Program.cs with <see cref="RunAsync"/>, from tests with <see cref="StartAsync"/>.</summary>
public static class McpServerHost
{
    /// <summary>Argument that makes the process probe its own /health and exit 0 or 1 (the image's HEALTHCHECK: no curl needed).</summary>
    public const string HealthCheckArgument = "--healthcheck";

    /// <summary>
    /// Entry point for a module's Program.cs: serves until SIGTERM/SIGINT, then drains. Returns the exit code:
    /// 0 after a clean stop, 1 when the configuration is invalid (one readable message on stderr).
    /// With <c>--healthcheck</c> it probes a running server instead.
    /// </summary>
    public static async Task<int> RunAsync(McpModule module, string[] args)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(args);
        var environment = McpServerSettings.ProcessEnvironment();
        if (args.Contains(HealthCheckArgument, StringComparer.Ordinal))
        {
            return await ProbeHealthAsync(module, environment);
        }

        RunningMcpServer server;
        try
        {
            server = await StartAsync(module, environment);
        }
        catch (McpConfigException exception)
        {
            await Console.Error.WriteLineAsync($"{module.Name}: refusing to start. {exception.Message}");
            return 1;
        }

        await using (server)
        {
            await server.WaitForShutdownAsync();
        }

        return 0;
    }

    /// <summary>
    /// Validates the configuration (throws <see cref="McpConfigException"/>), then listens. Tests pass their own
    /// environment (for example PORT=0) so parallel servers share nothing.
    /// </summary>
    public static async Task<RunningMcpServer> StartAsync(McpModule module, IReadOnlyDictionary<string, string?> environment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(module);
        var settings = McpServerSettings.Load(environment, module.DefaultPort);
        foreach (var (kind, types) in new[] { ("Tool", module.ToolTypes), ("Resource", module.ResourceTypes), ("Prompt", module.PromptTypes) })
        {
            var duplicate = types.GroupBy(type => type).FirstOrDefault(group => group.Count() > 1);
            if (duplicate is not null)
            {
                throw new ArgumentException($"{kind} type {duplicate.Key.Name} is registered twice.", nameof(module));
            }
        }

        var app = Build(module, settings);
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        var url = new Uri($"http://{DisplayHost(settings.BindAddress)}:{port.ToString(CultureInfo.InvariantCulture)}{settings.BasePath}");
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("McpOps.McpCore");
        if (settings.AuthDisabled)
        {
            ServerLog.AuthDisabled(logger);
        }

        var baseUrl = url.ToString().TrimEnd('/');
        var tools = app.Services.GetRequiredService<IOptions<McpServerOptions>>().Value.ToolCollection?.Select(tool => tool.ProtocolTool.Name).ToArray() ?? [];
        ServerLog.Listening(logger, baseUrl, settings.Host, port, settings.BasePath, tools);
        return new RunningMcpServer(app, settings, baseUrl, port);
    }

    private static WebApplication Build(McpModule module, McpServerSettings settings)
    {
        // Assigned once the app is built; the tool filter only runs after that.
        ILogger logger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = module.Name, Args = [] });

        // The environment contract decides where to listen, not ASPNETCORE_URLS / ASPNETCORE_HTTP_PORTS
        // (which the official ASP.NET images set to 8080).
        builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, string.Empty);
        builder.WebHost.UseSetting(WebHostDefaults.HttpPortsKey, string.Empty);
        builder.WebHost.UseSetting(WebHostDefaults.HttpsPortsKey, string.Empty);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = settings.MaxBodyBytes;

            // Slow-loris bound; SSE streams are responses, which it does not limit.
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(20);

            // Longer than common load-balancer idle timeouts (60 s) so the balancer closes first.
            kestrel.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(65);
            kestrel.Listen(settings.BindAddress, settings.Port);
        });

        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = settings.ShutdownTimeout);
        builder.Services.Configure<ConsoleLifetimeOptions>(options => options.SuppressStatusMessages = true);

        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(settings.MinimumLogLevel);

        // Framework and SDK chatter stays out of the default log: one line per request is ours.
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("ModelContextProtocol", LogLevel.Warning);

        // ASP.NET Core starts an Activity and a logging scope for every request as soon as this category
        // is enabled at any level, for loggers that record scopes and trace ids. Ours writes neither, so
        // that work (a few per cent of a tools/call) goes; an OpenTelemetry listener still gets its Activity.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        if (settings.MinimumLogLevel != LogLevel.None)
        {
            // Created and disposed (flushed) by the service provider.
            builder.Services.AddSingleton<ILoggerProvider>(_ => new JsonLineLoggerProvider(Console.OpenStandardOutput(), module.Name, module.Version));
        }

        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<ServerState>();
        var mcp = builder.Services
            .AddMcpServer(options =>
            {
                options.ServerInfo = new Implementation { Name = module.Name, Version = module.Version };
                options.ServerInstructions = module.Instructions;
            })
            .WithHttpTransport(options => options.SessionMode = HttpServerSessionMode.Stateless)
            // The cast matters: without it WithTools<T>(T target) would bind and register the list's own methods.
            .WithTools((IEnumerable<Type>)module.ToolTypes)
            .WithRequestFilters(filters => filters.AddCallToolFilter(next => ToolCallGuard.Create(settings.ToolTimeout, () => logger)(next)));

        // Only when there are some: an empty collection would still advertise the capability.
        if (module.ResourceTypes.Count > 0)
        {
            mcp.WithResources((IEnumerable<Type>)module.ResourceTypes);
        }

        if (module.PromptTypes.Count > 0)
        {
            mcp.WithPrompts((IEnumerable<Type>)module.PromptTypes);
        }

        module.ConfigureServer?.Invoke(mcp);

        var app = builder.Build();
        var loggerFactory = app.Services.GetRequiredService<ILoggerFactory>();
        logger = loggerFactory.CreateLogger("McpOps.McpCore");
        var state = app.Services.GetRequiredService<ServerState>();
        var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
        var sse = new LegacySseSessions(settings, app.Services.GetRequiredService<IOptions<McpServerOptions>>(), lifetime, loggerFactory, logger);

        lifetime.ApplicationStopping.Register(() =>
        {
            // Kestrel stops accepting, then waits for in-flight requests up to HostOptions.ShutdownTimeout
            // (MCP_SHUTDOWN_TIMEOUT_MS) before aborting them; SSE streams end at once through ApplicationStopping.
            state.StartDraining();
            ServerLog.ShuttingDown(logger, state.InFlight, sse.Count);
        });
        lifetime.ApplicationStopped.Register(() => ServerLog.ShutdownComplete(logger));

        var pipeline = new McpRequestPipeline(settings, state, logger);
        app.Use(pipeline.InvokeAsync);

        var identity = new HealthBody("ok", module.Name, module.Version);
        var draining = new HealthBody("draining", module.Name, module.Version);
        foreach (var prefix in settings.BasePath.Length == 0 ? [""] : new[] { "", settings.BasePath })
        {
            app.MapMethods($"{prefix}/health", [HttpMethods.Get, HttpMethods.Head], context =>
                JsonRpcResponses.WriteJsonAsync(context, StatusCodes.Status200OK, identity, McpCoreJsonContext.Default.HealthBody))
                .WithMetadata(new McpRouteMetadata(McpRoute.Health));
            app.MapMethods($"{prefix}/ready", [HttpMethods.Get, HttpMethods.Head], context => state.IsDraining
                ? JsonRpcResponses.WriteJsonAsync(context, StatusCodes.Status503ServiceUnavailable, draining, McpCoreJsonContext.Default.HealthBody)
                : JsonRpcResponses.WriteJsonAsync(context, StatusCodes.Status200OK, identity, McpCoreJsonContext.Default.HealthBody))
                .WithMetadata(new McpRouteMetadata(McpRoute.Ready));
        }

        // Every endpoint says what it is (McpRouteMetadata): the pipeline's checks follow routing's choice.
        app.MapMcp($"{settings.BasePath}/mcp").WithMetadata(new McpRouteMetadata(McpRoute.Mcp));
        app.MapGet($"{settings.BasePath}/sse", sse.HandleStreamAsync).WithMetadata(new McpRouteMetadata(McpRoute.Sse));
        app.MapPost($"{settings.BasePath}/messages", sse.HandleMessageAsync).WithMetadata(new McpRouteMetadata(McpRoute.Messages));

        // CORS preflights: the pipeline answers them (before auth), routing must only know the paths take OPTIONS.
        foreach (var (path, route) in new[] { ("/mcp", McpRoute.Mcp), ("/sse", McpRoute.Sse), ("/messages", McpRoute.Messages) })
        {
            app.MapMethods($"{settings.BasePath}{path}", [HttpMethods.Options], static () => Results.NoContent()).WithMetadata(new McpRouteMetadata(route));
        }

        if (settings.AuthToken is not null)
        {
            foreach (var path in new[] { ProtectedResourceMetadata.Path, $"{ProtectedResourceMetadata.Path}{settings.BasePath}/mcp" })
            {
                app.MapMethods(path, [HttpMethods.Get, HttpMethods.Head], context => ProtectedResourceMetadata.WriteAsync(context, settings, module.Name))
                    .WithMetadata(new McpRouteMetadata(McpRoute.ResourceMetadata));
            }
        }
        return app;
    }

    private static async Task<int> ProbeHealthAsync(McpModule module, IReadOnlyDictionary<string, string?> environment)
    {
        var port = environment.TryGetValue("PORT", out var raw) && int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : module.DefaultPort;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/health"));
            return response.StatusCode == HttpStatusCode.OK ? 0 : 1;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"{module.Name}: health check failed: {exception.Message}");
            return 1;
        }
    }

    private static string DisplayHost(IPAddress address)
    {
        if (address.Equals(IPAddress.Any))
        {
            return "127.0.0.1";
        }

        if (address.Equals(IPAddress.IPv6Any))
        {
            return "[::1]";
        }

        return address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
    }
}
