namespace McpOps.Cli.Registry;

/// <summary>What a team decides when it makes a module public: its registry name, its public URL(s), the version published.</summary>
internal sealed record RegistryEntry(string Name, string StreamableHttpUrl, string? SseUrl, string Version, string? Description, string? RepositoryUrl);
