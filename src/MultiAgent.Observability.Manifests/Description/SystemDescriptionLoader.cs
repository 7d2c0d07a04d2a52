namespace MultiAgent.Observability.Manifests;

/// <summary>
/// Reads a system description from YAML or JSON (JSON is YAML), maps its snake_case keys to
/// <see cref="SystemDescription"/>, validates it with <see cref="SystemDescriptionValidator"/>, and reports the
/// problems with their file and line (the first 100 by line, and how many there are). Bad input never throws: syntax errors are problems too.
/// </summary>
public static class SystemDescriptionLoader
{
    /// <summary>The largest description file <see cref="LoadFile"/> reads: 4 MiB.</summary>
    internal const long MaxFileBytes = DescriptionFile.MaxBytes;

    /// <summary>Reads and validates the description in the file at <paramref name="path"/>.</summary>
    /// <remarks>
    /// The file is read through a bounded stream, so devices, pipes and <c>/dev/stdin</c> are safe to name: at most
    /// 4 MiB is read, and a longer input is a problem. The text must be UTF-8 (a byte order mark is allowed); invalid
    /// UTF-8 is a problem naming its line and byte offset.
    /// </remarks>
    /// <param name="path">The YAML or JSON file.</param>
    /// <returns>The description, or its problems (the first 100 listed, all counted); a file that cannot be read, is larger than 4 MiB or is not UTF-8 is a problem too.</returns>
    public static SystemDescriptionLoadResult LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var text = DescriptionFile.Read(path, out var problem);
        return text is null ? new SystemDescriptionLoadResult(null, DescriptionProblemList.Of(problem!)) : Load(text, path);
    }

    /// <summary>Reads and validates a description from YAML or JSON text.</summary>
    /// <param name="text">The YAML or JSON text.</param>
    /// <param name="fileName">The name problems report as their file; null for none.</param>
    /// <returns>The description, or its problems (the first 100 listed, all counted).</returns>
    public static SystemDescriptionLoadResult Load(string text, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new DescriptionReader(fileName).Read(text);
    }
}
