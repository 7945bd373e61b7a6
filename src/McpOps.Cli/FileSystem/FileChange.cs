namespace McpOps.Cli.FileSystem;

/// <summary>One planned file edit. <see cref="OldContent"/> is null for a new file, <see cref="NewContent"/> null for a deletion.</summary>
internal sealed record FileChange(string Path, string? OldContent, string? NewContent);
