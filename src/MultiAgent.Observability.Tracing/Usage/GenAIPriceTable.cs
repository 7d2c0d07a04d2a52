using System.Globalization;

namespace MultiAgent.Observability.Tracing;

/// <summary>
/// Prices per provider and model, for the estimated cost of model calls. Built from <see cref="ModelPrice"/>s or a price
/// file; <see cref="Default"/> is the file shipped in the package (<c>default-prices.json</c>). Nothing is ever fetched
/// from a network. A model the table has no price for is unpriced: its tokens are counted as such, never priced at zero.
/// </summary>
/// <remarks>
/// Lookup: the response model, then the request model; for each, the entry for the span's provider, then an entry with no
/// provider. Models and providers compare ignoring case. Immutable and safe to share between threads.
/// </remarks>
public sealed class GenAIPriceTable
{
    /// <summary>The longest provider, model or currency text accepted.</summary>
    internal const int MaxNameLength = 256;

    /// <summary>The highest price per million tokens accepted; anything above it is a typo, not a price.</summary>
    internal const decimal MaxPricePerMillion = 1_000_000m;

    private const string DefaultResource = "MultiAgent.Observability.Tracing.Usage.default-prices.json";
    private static readonly Lazy<GenAIPriceTable> s_default = new(LoadDefault);

    private readonly Dictionary<(string Provider, string Model), PriceEntry> _entries;

    private GenAIPriceTable(Dictionary<(string Provider, string Model), PriceEntry> entries) => _entries = entries;

    /// <summary>Gets a table with no prices: every model is unpriced.</summary>
    public static GenAIPriceTable Empty { get; } = new(new Dictionary<(string, string), PriceEntry>(KeyComparer.Instance));

    /// <summary>Gets the table of the price file shipped in the package (list prices in USD; see the package README for the date they were taken).</summary>
    public static GenAIPriceTable Default => s_default.Value;

    /// <summary>Gets the number of prices.</summary>
    public int Count => _entries.Count;

    /// <summary>Gets copies of the prices, in no particular order.</summary>
    public IReadOnlyList<ModelPrice> Prices
    {
        get
        {
            var list = new List<ModelPrice>(_entries.Count);
            foreach (var entry in _entries.Values)
            {
                list.Add(entry.ToModelPrice());
            }

            return list;
        }
    }

    /// <summary>Creates a table from prices; a later price for the same provider and model replaces an earlier one.</summary>
    /// <param name="prices">The prices.</param>
    /// <returns>The table.</returns>
    /// <exception cref="ArgumentException">A price is invalid (empty model, negative or absurd price, bad currency); the message names it.</exception>
    public static GenAIPriceTable Create(IEnumerable<ModelPrice> prices)
    {
        ArgumentNullException.ThrowIfNull(prices);
        var entries = new Dictionary<(string, string), PriceEntry>(KeyComparer.Instance);
        var index = 0;
        foreach (var price in prices)
        {
            if (Validate(price) is { } problem)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"prices[{index}]: {problem}"), nameof(prices));
            }

            var entry = new PriceEntry(price);
            entries[(entry.Provider ?? string.Empty, entry.Model)] = entry;
            index++;
        }

        return new GenAIPriceTable(entries);
    }

    /// <summary>Loads a price file (JSON; comments and trailing commas allowed).</summary>
    /// <param name="path">The file.</param>
    /// <returns>The table.</returns>
    /// <exception cref="PriceFileException">The file is missing, unreadable or invalid; the exception names the file, line and field.</exception>
    public static GenAIPriceTable Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new PriceFileException(path, 0, "(file)", "cannot be read: " + exception.Message, exception);
        }

        return FromFile(bytes, path);
    }

    /// <summary>Parses the text of a price file.</summary>
    /// <param name="json">The file's text.</param>
    /// <param name="sourceName">The name errors give for the file.</param>
    /// <returns>The table.</returns>
    /// <exception cref="PriceFileException">The text is invalid; the exception names the source, line and field.</exception>
    public static GenAIPriceTable Parse(string json, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(sourceName);
        return FromFile(System.Text.Encoding.UTF8.GetBytes(json), sourceName);
    }

    /// <summary>Gets a table holding this table's prices, replaced or extended by those of <paramref name="overrides"/>.</summary>
    /// <param name="overrides">The prices that win.</param>
    /// <returns>The merged table.</returns>
    public GenAIPriceTable With(GenAIPriceTable overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var entries = new Dictionary<(string, string), PriceEntry>(_entries, KeyComparer.Instance);
        foreach (var (key, entry) in overrides._entries)
        {
            entries[key] = entry;
        }

        return new GenAIPriceTable(entries);
    }

    /// <summary>Finds the price of a model: response model first, then request model; the provider's entry, then a provider-less one.</summary>
    internal PriceEntry? Find(string? provider, string? responseModel, string? requestModel) =>
        FindModel(provider, responseModel) ?? FindModel(provider, requestModel);

    internal static string? PriceProblem(decimal value) =>
        value < 0 ? "must not be negative"
        : value > MaxPricePerMillion ? string.Create(CultureInfo.InvariantCulture, $"must be at most {MaxPricePerMillion} per million tokens, not {value}")
        : null;

    internal static string? CurrencyProblem(string? currency)
    {
        var text = currency?.Trim();
        if (text is not { Length: 3 } || !char.IsAsciiLetterUpper(text[0]) || !char.IsAsciiLetterUpper(text[1]) || !char.IsAsciiLetterUpper(text[2]))
        {
            return $"must be a three-letter ISO 4217 code in capitals such as USD, not '{currency}'";
        }

        return null;
    }

    internal static string? Validate(ModelPrice? price)
    {
        if (price is null)
        {
            return "is null";
        }

        if (string.IsNullOrWhiteSpace(price.Model))
        {
            return "model: must not be empty";
        }

        if (price.Model.Length > MaxNameLength || price.Provider?.Length > MaxNameLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"model and provider must be at most {MaxNameLength} characters");
        }

        return PriceProblem(price.InputPerMillion) is { } input ? "inputPerMillion: " + input
            : PriceProblem(price.OutputPerMillion) is { } output ? "outputPerMillion: " + output
            : price.CachedInputPerMillion is { } cachedPrice && PriceProblem(cachedPrice) is { } cached ? "cachedInputPerMillion: " + cached
            : CurrencyProblem(price.Currency) is { } currency ? "currency: " + currency
            : null;
    }

    private PriceEntry? FindModel(string? provider, string? model)
    {
        if (string.IsNullOrEmpty(model))
        {
            return null;
        }

        if (provider is not null && _entries.TryGetValue((provider, model), out var entry))
        {
            return entry;
        }

        return _entries.GetValueOrDefault((string.Empty, model));
    }

    private static GenAIPriceTable FromFile(ReadOnlySpan<byte> utf8, string file)
    {
        var prices = PriceFileReader.Read(utf8, file);
        var entries = new Dictionary<(string, string), PriceEntry>(KeyComparer.Instance);
        foreach (var price in prices)
        {
            entries[(price.Provider?.Trim() ?? string.Empty, price.Model.Trim())] = new PriceEntry(price);
        }

        return new GenAIPriceTable(entries);
    }

    private static GenAIPriceTable LoadDefault()
    {
        using var stream = typeof(GenAIPriceTable).Assembly.GetManifestResourceStream(DefaultResource)
            ?? throw new InvalidOperationException($"The embedded resource {DefaultResource} is missing.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return FromFile(buffer.ToArray(), "default-prices.json");
    }

    private sealed class KeyComparer : IEqualityComparer<(string Provider, string Model)>
    {
        public static readonly KeyComparer Instance = new();

        public bool Equals((string Provider, string Model) x, (string Provider, string Model) y) =>
            string.Equals(x.Provider, y.Provider, StringComparison.OrdinalIgnoreCase) && string.Equals(x.Model, y.Model, StringComparison.OrdinalIgnoreCase);

        public int GetHashCode((string Provider, string Model) obj) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Provider), StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Model));
    }
}
