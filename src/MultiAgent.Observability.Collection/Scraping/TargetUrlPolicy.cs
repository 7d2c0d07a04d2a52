namespace MultiAgent.Observability.Collection;

/// <summary>Which URLs collection may call: allowed schemes, and the host allow-list when one is set.</summary>
internal sealed class TargetUrlPolicy(AgentCollectionOptions options)
{
    public string? Check(Uri url)
    {
        if (!url.IsAbsoluteUri)
        {
            return $"'{url}' is not an absolute URL";
        }

        if (!Contains(options.AllowedSchemes, url.Scheme))
        {
            return $"the scheme of '{url}' is not allowed (AgentCollectionOptions.AllowedSchemes: {string.Join(", ", options.AllowedSchemes)})";
        }

        if (options.AllowedHosts.Count > 0 && !Contains(options.AllowedHosts, url.IdnHost))
        {
            return $"the host '{url.IdnHost}' of '{url}' is not allowed (AgentCollectionOptions.AllowedHosts)";
        }

        return null;
    }

    private static bool Contains(IList<string> list, string value)
    {
        foreach (var item in list)
        {
            if (string.Equals(item, value, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
