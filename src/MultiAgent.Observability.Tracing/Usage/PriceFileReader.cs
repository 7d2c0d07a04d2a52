using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MultiAgent.Observability.Tracing;

/// <summary>
/// Reads a price file: <c>{ "prices": [ { "provider", "model", "inputPerMillion", "outputPerMillion",
/// "cachedInputPerMillion", "currency" } ] }</c>. Comments and trailing commas are allowed. Every problem is a
/// <see cref="PriceFileException"/> naming the file, the line and the field; unknown fields are errors, so a typo
/// (<c>outputPerMilion</c>) never silently prices something at zero.
/// </summary>
internal static class PriceFileReader
{
    public static List<ModelPrice> Read(ReadOnlySpan<byte> utf8, string file)
    {
        var lines = new LineCounter(utf8);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var prices = new List<ModelPrice>();
        try
        {
            Expect(ref reader, JsonTokenType.StartObject, file, lines, "(root)", "must be an object with a \"prices\" array");
            var sawPrices = false;
            while (Next(ref reader) && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                if (!string.Equals(name, "prices", StringComparison.Ordinal))
                {
                    throw Error(file, lines, reader, name, "is not a known field; the root holds only \"prices\"");
                }

                sawPrices = true;
                Expect(ref reader, JsonTokenType.StartArray, file, lines, "prices", "must be an array");
                var index = 0;
                while (Next(ref reader) && reader.TokenType != JsonTokenType.EndArray)
                {
                    var path = string.Create(CultureInfo.InvariantCulture, $"prices[{index}]");
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        throw Error(file, lines, reader, path, "must be an object");
                    }

                    prices.Add(ReadPrice(ref reader, file, lines, path));
                    index++;
                }
            }

            if (!sawPrices)
            {
                throw new PriceFileException(file, lines.LineOf(0), "prices", "is missing");
            }
        }
        catch (JsonException exception)
        {
            var line = (int)Math.Min(int.MaxValue, (exception.LineNumber ?? 0) + 1);
            throw new PriceFileException(file, line, exception.Path ?? "(json)", "is not valid JSON: " + exception.Message, exception);
        }

        return prices;
    }

    private static ModelPrice ReadPrice(ref Utf8JsonReader reader, string file, LineCounter lines, string path)
    {
        var price = new ModelPrice();
        var objectStart = (int)reader.TokenStartIndex;
        bool sawModel = false, sawInput = false, sawOutput = false, sawCurrency = false;
        while (Next(ref reader) && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            var field = path + "." + name;
            Next(ref reader);
            switch (name)
            {
                case "provider":
                    price.Provider = reader.TokenType == JsonTokenType.Null ? null : Text(ref reader, file, lines, field, required: false);
                    break;
                case "model":
                    price.Model = Text(ref reader, file, lines, field, required: true);
                    sawModel = true;
                    break;
                case "inputPerMillion":
                    price.InputPerMillion = Price(ref reader, file, lines, field);
                    sawInput = true;
                    break;
                case "outputPerMillion":
                    price.OutputPerMillion = Price(ref reader, file, lines, field);
                    sawOutput = true;
                    break;
                case "cachedInputPerMillion":
                    price.CachedInputPerMillion = reader.TokenType == JsonTokenType.Null ? null : Price(ref reader, file, lines, field);
                    break;
                case "currency":
                    price.Currency = Text(ref reader, file, lines, field, required: true);
                    if (GenAIPriceTable.CurrencyProblem(price.Currency) is { } problem)
                    {
                        throw Error(file, lines, reader, field, problem);
                    }

                    sawCurrency = true;
                    break;
                default:
                    throw Error(file, lines, reader, field, "is not a known field (provider, model, inputPerMillion, outputPerMillion, cachedInputPerMillion, currency)");
            }
        }

        var missing = !sawModel ? "model" : !sawInput ? "inputPerMillion" : !sawOutput ? "outputPerMillion" : !sawCurrency ? "currency" : null;
        if (missing is not null)
        {
            throw new PriceFileException(file, lines.LineOf(objectStart), path + "." + missing, "is missing");
        }

        return price;
    }

    private static string Text(ref Utf8JsonReader reader, string file, LineCounter lines, string field, bool required)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw Error(file, lines, reader, field, "must be a string");
        }

        var text = reader.GetString()!;
        if (string.IsNullOrWhiteSpace(text) && required)
        {
            throw Error(file, lines, reader, field, "must not be empty");
        }

        if (text.Length > GenAIPriceTable.MaxNameLength)
        {
            throw Error(file, lines, reader, field, $"must be at most {GenAIPriceTable.MaxNameLength} characters, not {text.Length}");
        }

        return text;
    }

    private static decimal Price(ref Utf8JsonReader reader, string file, LineCounter lines, string field)
    {
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDecimal(out var value))
        {
            throw Error(file, lines, reader, field, "must be a number");
        }

        if (GenAIPriceTable.PriceProblem(value) is { } problem)
        {
            throw Error(file, lines, reader, field, problem);
        }

        return value;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string file, LineCounter lines, string field, string problem)
    {
        if (!Next(ref reader) || reader.TokenType != type)
        {
            throw Error(file, lines, reader, field, problem);
        }
    }

    private static bool Next(ref Utf8JsonReader reader) => reader.Read();

    private static PriceFileException Error(string file, LineCounter lines, Utf8JsonReader reader, string field, string problem) =>
        new(file, lines.LineOf((int)reader.TokenStartIndex), field, problem);

    /// <summary>Turns a byte offset into a 1-based line number; the reader reports offsets, not lines.</summary>
    private sealed class LineCounter(ReadOnlySpan<byte> utf8)
    {
        private readonly byte[] _text = utf8.ToArray();

        public int LineOf(int offset)
        {
            var end = Math.Clamp(offset, 0, _text.Length);
            return _text.AsSpan(0, end).Count((byte)'\n') + 1;
        }
    }

    public static List<ModelPrice> Read(string json, string file) => Read(Encoding.UTF8.GetBytes(json), file);
}
