namespace MultiAgent.Observability.Collection;

/// <summary>How one scrape or health probe ended.</summary>
public enum ScrapeOutcome
{
    /// <summary>It succeeded.</summary>
    Success,

    /// <summary>The target answered with an HTTP status other than 2xx.</summary>
    HttpError,

    /// <summary>The connection could not be made or broke (refused, reset, DNS).</summary>
    ConnectionFailed,

    /// <summary>The request, body included, took longer than <see cref="AgentCollectionOptions.RequestTimeout"/>.</summary>
    Timeout,

    /// <summary>The body was larger than <see cref="AgentCollectionOptions.MaxBodyBytes"/>.</summary>
    BodyTooLarge,

    /// <summary>The body could not be used: an invalid OpenMetrics exposition, invalid JSON, or a text payload without one valid sample.</summary>
    InvalidPayload,

    /// <summary>The response's Content-Type is none of OpenMetrics, the text format or JSON.</summary>
    UnsupportedContentType,

    /// <summary>The scrape returned more than <see cref="AgentCollectionOptions.MaxSamplesPerScrape"/> samples.</summary>
    SampleLimitExceeded,

    /// <summary>The URL, or a redirect, names a scheme or host that is not allowed, or there were too many redirects.</summary>
    UrlNotAllowed,
}
