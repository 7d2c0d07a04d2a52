namespace MultiAgent.Observability.Manifests;

/// <summary>Opens a description file and reads it through <see cref="BoundedTextFile"/>, at most <see cref="MaxBytes"/>.</summary>
internal static class DescriptionFile
{
    /// <summary>The largest description read: 4 MiB.</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    private const string What = "a system description";

    /// <summary>Reads the file at <paramref name="path"/>; returns its text, or null with the problem.</summary>
    public static string? Read(string path, out DescriptionProblem? problem)
    {
        string? text;
        TextFileProblem? refused;
        try
        {
            if (Directory.Exists(path))
            {
                problem = new DescriptionProblem("", "cannot read the file: it is a directory") { File = path };
                return null;
            }

            // No FileInfo.Length: a device or a pipe reports 0 (or anything), so the cap is counted while reading.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
            text = BoundedTextFile.Read(stream, MaxBytes, What, out refused);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            problem = new DescriptionProblem("", $"cannot read the file: {e.Message}") { File = path };
            return null;
        }

        problem = refused is null ? null : new DescriptionProblem("", refused.Message) { File = path, Line = refused.Line };
        return text;
    }
}
