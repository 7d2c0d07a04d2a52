namespace MultiAgent.Observability.Tracing.Tests.Usage;

/// <summary>Tests that listen to every GenAI meter in the process run alone, so no other test's measurements reach them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GenAIMetersRunAlone
{
    public const string Name = "GenAI meters of the whole process";
}
