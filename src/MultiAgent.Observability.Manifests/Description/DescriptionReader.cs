namespace MultiAgent.Observability.Manifests;

/// <summary>Reads the YAML tree into the model, recording where each path is so problems can carry lines.</summary>
internal sealed class DescriptionReader(string? fileName)
{
    public SystemDescriptionLoadResult Read(string text)
    {
        _ = text;
        return new SystemDescriptionLoadResult(null, [new DescriptionProblem("", "loading is not implemented yet") { File = fileName }]);
    }
}
