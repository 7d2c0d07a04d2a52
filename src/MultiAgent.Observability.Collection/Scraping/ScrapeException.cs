namespace MultiAgent.Observability.Collection;

/// <summary>Ends a scrape with an outcome and a message naming what went wrong.</summary>
internal sealed class ScrapeException(ScrapeOutcome outcome, string message) : Exception(message)
{
    public ScrapeOutcome Outcome { get; } = outcome;
}
