using System.Globalization;

namespace MultiAgent.Observability.Manifests;

/// <summary>Builds the paths problems carry: snake_case keys joined by dots, <c>[i]</c> for list items.</summary>
internal static class DescriptionPath
{
    /// <summary>Appends a mapping key; keys that are not simple words are written as <c>["key"]</c>.</summary>
    public static string Key(string parent, string key)
    {
        var simple = key.Length > 0;
        foreach (var c in key)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-'))
            {
                simple = false;
                break;
            }
        }

        if (!simple)
        {
            return parent + "[\"" + key.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"]";
        }

        return parent.Length == 0 ? key : parent + "." + key;
    }

    /// <summary>Appends a list index.</summary>
    public static string Index(string parent, int index) =>
        parent + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    /// <summary>Returns the parent path, or null for the root.</summary>
    public static string? Parent(string path)
    {
        if (path.Length == 0)
        {
            return null;
        }

        if (path[^1] == ']')
        {
            // "[" of the last segment: for ["key"] segments skip the quoted part.
            var open = path.EndsWith("\"]", StringComparison.Ordinal)
                ? path.LastIndexOf("[\"", StringComparison.Ordinal)
                : path.LastIndexOf('[');
            return open <= 0 ? "" : path[..open];
        }

        var dot = path.LastIndexOf('.');
        var bracket = path.LastIndexOf(']');
        return dot < 0 ? "" : bracket > dot ? path[..(bracket + 1)] : path[..dot];
    }
}
