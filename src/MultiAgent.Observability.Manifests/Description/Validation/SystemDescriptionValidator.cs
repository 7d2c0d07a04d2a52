namespace MultiAgent.Observability.Manifests;

/// <summary>
/// Checks a <see cref="SystemDescription"/> against the Kubernetes, Istio and Prometheus-operator rules the generated
/// bundle must meet, and reports every problem at once, each with the path of the field in the description file's
/// snake_case keys (such as <c>agents[2].resources.memory_limit</c>).
/// </summary>
public static class SystemDescriptionValidator
{
    /// <summary>Validates <paramref name="description"/> and returns every problem found; empty when it is valid.</summary>
    /// <param name="description">The description to check.</param>
    /// <returns>The problems, in the order of the description's fields.</returns>
    public static IReadOnlyList<DescriptionProblem> Validate(SystemDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var problems = new List<DescriptionProblem>();
        new DescriptionChecker(problems).System(description);
        return problems;
    }
}
