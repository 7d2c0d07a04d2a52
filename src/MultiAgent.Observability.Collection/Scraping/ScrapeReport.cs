namespace MultiAgent.Observability.Collection;

/// <summary>What one scrape or probe did.</summary>
internal readonly record struct ScrapeReport(
    ScrapeOutcome Outcome,
    string? Error,
    string? Format,
    int Samples,
    int BadLines,
    string? FirstBadLine,
    int Refused,
    string? FirstRefusal,
    TimeSpan Duration)
{
    public bool Succeeded => Outcome == ScrapeOutcome.Success;
}
