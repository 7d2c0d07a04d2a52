using Microsoft.Extensions.Logging;

namespace MultiAgent.Observability.Manifests;

/// <summary>The package's log messages; event ids 5000-5999.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5001, EventName = "RuleNotExported", Level = LogLevel.Warning, Message = "Rule {Group}/{Rule} runs in the host but is left out of the generated Prometheus rules: {Reason}")]
    public static partial void RuleNotExported(ILogger logger, string group, string rule, string reason);

    [LoggerMessage(EventId = 5002, EventName = "BundleGenerated", Level = LogLevel.Information, Message = "Generated the manifests of system {System} from {DescriptionFile}: {Documents} object(s), rules from {RuleSources} host rule source(s)")]
    public static partial void BundleGenerated(ILogger logger, string system, string descriptionFile, int documents, int ruleSources);
}
