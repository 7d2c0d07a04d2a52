namespace MultiAgent.Observability.Manifests;

/// <summary>
/// Reads a system description from YAML or JSON (JSON is YAML), maps its snake_case keys to
/// <see cref="SystemDescription"/>, validates it with <see cref="SystemDescriptionValidator"/>, and reports every
/// problem with its file and line. Bad input never throws: syntax errors are problems too.
/// </summary>
public static class SystemDescriptionLoader
{
    /// <summary>The largest description file <see cref="LoadFile"/> reads: 4 MiB.</summary>
    internal const long MaxFileBytes = 4 * 1024 * 1024;

    /// <summary>Reads and validates the description in the file at <paramref name="path"/>.</summary>
    /// <param name="path">The YAML or JSON file.</param>
    /// <returns>The description, or every problem found; a file that cannot be read, or is larger than 4 MiB, is a problem too.</returns>
    public static SystemDescriptionLoadResult LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            // A description is a few kilobytes; refusing huge files keeps a wrong path (a log, an image) cheap.
            var length = new FileInfo(path).Length;
            if (length > MaxFileBytes)
            {
                return new SystemDescriptionLoadResult(null, [new DescriptionProblem("", $"the file is {length} bytes; a system description may have at most {MaxFileBytes}") { File = path }]);
            }

            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new SystemDescriptionLoadResult(null, [new DescriptionProblem("", $"cannot read the file: {e.Message}") { File = path }]);
        }

        return Load(text, path);
    }

    /// <summary>Reads and validates a description from YAML or JSON text.</summary>
    /// <param name="text">The YAML or JSON text.</param>
    /// <param name="fileName">The name problems report as their file; null for none.</param>
    /// <returns>The description, or every problem found.</returns>
    public static SystemDescriptionLoadResult Load(string text, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new DescriptionReader(fileName).Read(text);
    }
}
