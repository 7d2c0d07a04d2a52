using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MultiAgent.Observability.Manifests;

/// <summary>
/// The manifests of the system this host describes: the bundle of <see cref="ManifestGenerationOptions.DescriptionFile"/>,
/// with the rules the host runs in its <c>PrometheusRule</c> and rule file. Registered by <c>AddManifestGeneration()</c>.
/// </summary>
public sealed class HostManifests
{
    private readonly ManifestGenerator _generator;
    private readonly ManifestGenerationOptions _options;
    private readonly ILogger _logger;

    internal HostManifests(ManifestGenerator generator, IOptions<ManifestGenerationOptions> options, ILogger<HostManifests> logger)
    {
        _generator = generator;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Reads the description file again and generates its bundle.</summary>
    /// <returns>The bundle, rendered in memory; write it with <see cref="ManifestBundle.WriteTo"/>.</returns>
    /// <exception cref="InvalidOperationException"><see cref="ManifestGenerationOptions.DescriptionFile"/> is not set.</exception>
    /// <exception cref="InvalidSystemDescriptionException">The file cannot be read or the description has problems; each names its file and line.</exception>
    public ManifestBundle Generate()
    {
        var file = _options.DescriptionFile
            ?? throw new InvalidOperationException($"{nameof(ManifestGenerationOptions)}.{nameof(ManifestGenerationOptions.DescriptionFile)} is not set: set it, or call {nameof(ManifestGenerator)}.{nameof(ManifestGenerator.Generate)} with a description.");
        var result = SystemDescriptionLoader.LoadFile(file);
        if (!result.IsValid)
        {
            throw new InvalidSystemDescriptionException(result.Problems);
        }

        var bundle = _generator.Generate(result.Description);
        Log.BundleGenerated(_logger, bundle.SystemName, file, bundle.Documents.Count, _generator.HostRuleSources);
        return bundle;
    }
}
