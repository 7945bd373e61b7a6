namespace McpOps.Cli.Pins;

/// <summary>One entry of the pins manifest: <see cref="Version"/> is the tag for images and actions.</summary>
internal sealed record Pin(PinKind Kind, string Name, string Version, string? Sha = null, string? Digest = null);

/// <summary>A pinned version found in a workspace file, at a 1-based line.</summary>
internal sealed record FoundPin(PinKind Kind, string Name, string Version, string Path, int Line, string? Sha = null);
