namespace MultiAgent.Observability.Collection;

/// <summary>The result of the last scrape or health probe of an agent.</summary>
public sealed class ScrapeResult
{
    /// <summary>Gets how it ended.</summary>
    public ScrapeOutcome Outcome { get; init; }

    /// <summary>Gets what went wrong, or null on success.</summary>
    public string? Error { get; init; }

    /// <summary>Gets the format read: <c>openmetrics</c>, <c>text</c> or <c>json</c>; null for probes and failures before the headers.</summary>
    public string? Format { get; init; }

    /// <summary>Gets the samples read.</summary>
    public int Samples { get; init; }

    /// <summary>Gets the bad lines skipped (text format 0.0.4).</summary>
    public int BadLines { get; init; }

    /// <summary>Gets the first bad line with its number, or null.</summary>
    public string? FirstBadLine { get; init; }

    /// <summary>Gets the samples refused (label too long, invalid name, kind conflict, series cap).</summary>
    public int RefusedSamples { get; init; }

    /// <summary>Gets why the first refused sample was refused, or null.</summary>
    public string? FirstRefusal { get; init; }

    /// <summary>Gets how long it took.</summary>
    public TimeSpan Duration { get; init; }
}
