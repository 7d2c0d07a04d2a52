using Microsoft.Extensions.Options;

namespace MultiAgent.Observability.Manifests;

/// <summary>Checks <see cref="ManifestGenerationOptions"/> at host start: the description file, when set, must load and be valid.</summary>
internal sealed class ManifestGenerationOptionsValidator : IValidateOptions<ManifestGenerationOptions>
{
    public ValidateOptionsResult Validate(string? name, ManifestGenerationOptions options)
    {
        if (options.DescriptionFile is not { } file)
        {
            return ValidateOptionsResult.Success;
        }

        if (string.IsNullOrWhiteSpace(file))
        {
            return ValidateOptionsResult.Fail($"{nameof(ManifestGenerationOptions.DescriptionFile)} is empty; set the path of the system description or leave it unset");
        }

        var result = SystemDescriptionLoader.LoadFile(file);
        if (result.IsValid)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>(result.Problems.Count);
        foreach (var problem in result.Problems)
        {
            failures.Add($"{nameof(ManifestGenerationOptions.DescriptionFile)}: {problem}");
        }

        return ValidateOptionsResult.Fail(failures);
    }
}
