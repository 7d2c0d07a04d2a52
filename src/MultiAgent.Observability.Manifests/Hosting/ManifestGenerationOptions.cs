namespace MultiAgent.Observability.Manifests;

/// <summary>Options of <c>AddManifestGeneration()</c>; invalid values fail at host start.</summary>
public sealed class ManifestGenerationOptions
{
    /// <summary>
    /// Gets or sets the system description file (YAML or JSON) that <see cref="HostManifests.Generate"/> reads, or null
    /// when the host only calls <see cref="ManifestGenerator.Generate(SystemDescription)"/> with a description of its own.
    /// When set, the file is read and validated at host start: a missing file or an invalid description fails the start
    /// with every problem and its line.
    /// </summary>
    /// <value>The default value is null.</value>
    public string? DescriptionFile { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether the rules the host runs (every registered <see cref="IPrometheusRuleSource"/>,
    /// such as <c>AddAlerting()</c>'s) are generated next to the built-in ones.
    /// </summary>
    /// <value>The default value is true.</value>
    public bool IncludeHostRules { get; set; } = true;
}
