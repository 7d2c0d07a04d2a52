using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace MultiAgent.Observability.Manifests;

/// <summary>
/// Writes rendered files to a bundle directory, touching only what the generator owns. Every file is first written to
/// a staging sibling (so a failure leaves the directory as it was). A new or empty directory is then replaced by the
/// staging folder in one rename. A directory holding an earlier bundle is regenerated in place: the files the last
/// generation recorded in <see cref="RecordFileName"/> are replaced or removed, and anything else (notes, <c>.git/</c>)
/// is kept; a new file that would overwrite a file the generator did not write is refused.
/// </summary>
internal static class BundleDirectoryWriter
{
    /// <summary>The file in a bundle directory that lists, one relative path a line, the files the generator wrote there.</summary>
    public const string RecordFileName = ".multiagent-bundle";

    private const string RecordHeader = "# Files written by multiagent manifests generate; regenerating replaces or removes exactly these.\n";
    private const string StagingMarker = ".staging-";

    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static void Write(string directory, IReadOnlyList<BundleFile> files)
    {
        var target = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        var parent = Path.GetDirectoryName(target) ?? throw new IOException($"'{directory}' has no parent directory to stage the bundle in");
        var name = Path.GetFileName(target);
        if (File.Exists(target))
        {
            throw new IOException($"'{target}' is a file, not a bundle directory");
        }

        Directory.CreateDirectory(parent);
        RemoveStaleStaging(parent, name);
        var owned = OwnedFiles(target, files);

        // A sibling, so moving a file or the whole folder into place is a rename on the same file system. The process id
        // in the name lets a later run tell a folder left by a killed run from one a running generation is still using.
        var staging = Path.Combine(parent, string.Create(CultureInfo.InvariantCulture, $".{name}{StagingMarker}{Environment.ProcessId}-{Path.GetRandomFileName()}"));
        try
        {
            Directory.CreateDirectory(staging);
            foreach (var file in files)
            {
                var path = Resolve(staging, file.Path) ?? throw new IOException($"bundle file '{file.Path}' would be written outside the bundle directory");
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, file.Content, s_utf8);
            }

            WriteRecord(staging, files.Select(f => f.Path));
            if (owned is null)
            {
                if (Directory.Exists(target))
                {
                    // Empty (OwnedFiles checked); a non-recursive delete fails rather than lose anything that appeared since.
                    Directory.Delete(target);
                }

                Directory.Move(staging, target);
                return;
            }

            ReplaceInPlace(target, staging, files, owned);
        }
        finally
        {
            TryDelete(staging);
        }
    }

    /// <summary>
    /// The files of <paramref name="target"/> the generator owns; null when the directory is missing or empty. A directory
    /// that is not empty and holds no bundle is refused: it is not ours to write into.
    /// </summary>
    private static HashSet<string>? OwnedFiles(string target, IReadOnlyList<BundleFile> files)
    {
        if (!Directory.Exists(target) || !Directory.EnumerateFileSystemEntries(target).Any())
        {
            return null;
        }

        var record = Path.Combine(target, RecordFileName);
        if (File.Exists(record))
        {
            var owned = new HashSet<string>(StringComparer.Ordinal);
            foreach (var line in File.ReadLines(record))
            {
                // A path outside the directory (edited by hand, or hostile) is not ours; one inside is compared in its
                // plain form, so "sub/../a.yaml" cannot stand for a file this generation writes as "a.yaml".
                if (line.Length > 0 && line[0] != '#' && Resolve(target, line) is { } path)
                {
                    owned.Add(Path.GetRelativePath(target, path).Replace(Path.DirectorySeparatorChar, '/'));
                }
            }

            return owned;
        }

        var kustomization = Path.Combine(target, ManifestBundle.KustomizationFileName);
        if (File.Exists(kustomization) && File.ReadAllText(kustomization).StartsWith(YamlText.Header, StringComparison.Ordinal))
        {
            // A bundle written before the record existed: own only the files this generation writes again.
            return new HashSet<string>(files.Select(f => f.Path).Where(p => File.Exists(Path.Combine(target, p))), StringComparer.Ordinal);
        }

        throw new IOException(
            $"'{target}' is not empty and does not hold a generated bundle (no {RecordFileName} or generated {ManifestBundle.KustomizationFileName}); refusing to write into it");
    }

    private static void ReplaceInPlace(string target, string staging, IReadOnlyList<BundleFile> files, HashSet<string> owned)
    {
        var written = new HashSet<string>(files.Select(f => f.Path), StringComparer.Ordinal);
        foreach (var file in files)
        {
            var path = Resolve(target, file.Path)!;
            if (Directory.Exists(path) || (File.Exists(path) && !owned.Contains(file.Path)))
            {
                throw new IOException(
                    $"'{path}' exists and was not written by the generator; move it away or choose another output directory (nothing was changed)");
            }

            for (var folder = Path.GetDirectoryName(path)!; folder.Length > target.Length; folder = Path.GetDirectoryName(folder)!)
            {
                if (File.Exists(folder))
                {
                    throw new IOException($"'{folder}' is a file where the bundle needs a folder; move it away (nothing was changed)");
                }
            }
        }

        // Record the union first: if this run dies half-way, the next one still knows every file it may have written.
        WriteRecord(target, owned.Union(written));
        foreach (var file in files)
        {
            var path = Resolve(target, file.Path)!;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.Move(Resolve(staging, file.Path)!, path, overwrite: true);
        }

        foreach (var stale in owned.Except(written))
        {
            var path = Resolve(target, stale)!;
            if (File.Exists(path))
            {
                File.Delete(path);
                RemoveEmptyFolders(target, Path.GetDirectoryName(path)!);
            }
        }

        WriteRecord(target, written);
    }

    /// <summary>Writes the record through a temporary file and a rename, so it is never half-written.</summary>
    private static void WriteRecord(string directory, IEnumerable<string> paths)
    {
        var text = new StringBuilder(RecordHeader);
        foreach (var path in paths.Order(StringComparer.Ordinal))
        {
            text.Append(path).Append('\n');
        }

        var record = Path.Combine(directory, RecordFileName);
        var temporary = record + ".tmp";
        File.WriteAllText(temporary, text.ToString(), s_utf8);
        File.Move(temporary, record, overwrite: true);
    }

    /// <summary>The full path of <paramref name="relative"/> (with <c>/</c> separators) under <paramref name="root"/>; null when it would leave it.</summary>
    private static string? Resolve(string root, string relative)
    {
        if (relative.Length == 0 || Path.IsPathRooted(relative) || relative.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }

        var path = Path.GetFullPath(Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar)));
        return path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? path : null;
    }

    private static void RemoveEmptyFolders(string target, string folder)
    {
        for (; folder.Length > target.Length && !Directory.EnumerateFileSystemEntries(folder).Any(); folder = Path.GetDirectoryName(folder)!)
        {
            Directory.Delete(folder);
        }
    }

    /// <summary>
    /// Removes staging folders of <paramref name="name"/> left by a run that was killed (its process is gone), so a
    /// timeout or a kill never leaves them to pile up.
    /// </summary>
    private static void RemoveStaleStaging(string parent, string name)
    {
        var prefix = "." + name + StagingMarker;
        foreach (var folder in Directory.EnumerateDirectories(parent, prefix + "*"))
        {
            var suffix = Path.GetFileName(folder.AsSpan())[prefix.Length..];
            var dash = suffix.IndexOf('-');
            if (dash < 0 || !int.TryParse(suffix[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || !IsRunning(pid))
            {
                TryDelete(folder);
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
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
            // Staging folders are hidden siblings; failing to remove one must not fail a write. The next run retries.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
