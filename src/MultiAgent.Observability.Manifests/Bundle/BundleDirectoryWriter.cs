using System.Text;

namespace MultiAgent.Observability.Manifests;

/// <summary>Writes rendered files to a directory all at once: into a temporary sibling first, then moved into place.</summary>
internal static class BundleDirectoryWriter
{
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static void Write(string directory, IReadOnlyList<BundleFile> files)
    {
        var target = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        var parent = Path.GetDirectoryName(target) ?? throw new IOException($"'{directory}' has no parent directory to stage the bundle in");
        var name = Path.GetFileName(target);
        EnsureReplaceable(target);
        Directory.CreateDirectory(parent);

        // A sibling, so the final move is a rename on the same file system.
        var staging = Path.Combine(parent, "." + name + ".staging-" + Path.GetRandomFileName());
        string? previous = null;
        try
        {
            Directory.CreateDirectory(staging);
            foreach (var file in files)
            {
                var path = Path.Combine(staging, file.Path.Replace('/', Path.DirectorySeparatorChar));
                var folder = Path.GetDirectoryName(path)!;
                if (!Path.GetFullPath(path).StartsWith(staging + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    throw new IOException($"bundle file '{file.Path}' would be written outside the bundle directory");
                }

                Directory.CreateDirectory(folder);
                File.WriteAllText(path, file.Content, s_utf8);
            }

            if (Directory.Exists(target))
            {
                previous = Path.Combine(parent, "." + name + ".previous-" + Path.GetRandomFileName());
                Directory.Move(target, previous);
            }

            Directory.Move(staging, target);
        }
        catch
        {
            if (previous is not null && !Directory.Exists(target) && Directory.Exists(previous))
            {
                Directory.Move(previous, target);
                previous = null;
            }

            TryDelete(staging);
            throw;
        }

        if (previous is not null)
        {
            TryDelete(previous);
        }
    }

    private static void EnsureReplaceable(string target)
    {
        if (File.Exists(target))
        {
            throw new IOException($"'{target}' is a file, not a bundle directory");
        }

        if (!Directory.Exists(target) || !Directory.EnumerateFileSystemEntries(target).Any())
        {
            return;
        }

        var kustomization = Path.Combine(target, ManifestBundle.KustomizationFileName);
        if (!File.Exists(kustomization) || !File.ReadAllText(kustomization).StartsWith(YamlText.Header, StringComparison.Ordinal))
        {
            throw new IOException(
                $"'{target}' is not empty and does not hold a generated bundle (no generated {ManifestBundle.KustomizationFileName}); refusing to replace it");
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // Leftover staging folders are hidden siblings; failing to remove one must not fail a completed write.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
