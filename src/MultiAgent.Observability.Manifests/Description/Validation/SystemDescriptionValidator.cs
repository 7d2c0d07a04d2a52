namespace MultiAgent.Observability.Manifests;

/// <summary>
/// Checks a <see cref="SystemDescription"/> against the Kubernetes, Istio and Prometheus-operator rules the generated
/// bundle must meet, and reports every problem at once, each with the path of the field in the description file's
/// snake_case keys (such as <c>agents[2].resources.memory_limit</c>). The first
/// <see cref="DescriptionProblemList.MaxListed"/> problems are listed and the rest counted.
/// </summary>
public static class SystemDescriptionValidator
{
    /// <summary>Validates <paramref name="description"/>; empty when it is valid.</summary>
    /// <param name="description">The description to check.</param>
    /// <returns>The first <see cref="DescriptionProblemList.MaxListed"/> problems in the order of the description's
    /// fields, and the number found (<see cref="DescriptionProblemList.TotalCount"/>).</returns>
    public static DescriptionProblemList Validate(SystemDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        return Collect(description, new ProblemCollector()).ToList();
    }

    /// <summary>Validates <paramref name="description"/> into <paramref name="problems"/>.</summary>
    internal static ProblemCollector Collect(SystemDescription description, ProblemCollector problems)
    {
        new DescriptionChecker(problems).System(description);
        return problems;
    }
}
