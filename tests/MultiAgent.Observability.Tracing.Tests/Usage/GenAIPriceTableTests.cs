using CsCheck;

namespace MultiAgent.Observability.Tracing.Tests.Usage;

public sealed class GenAIPriceTableTests
{
    [Fact]
    public void Parse_ValidFile_FindsByProviderThenAnyProvider()
    {
        var table = GenAIPriceTable.Parse(
            """
            // comments are fine
            {
              "prices": [
                { "provider": "openai", "model": "gpt-4o", "inputPerMillion": 2.5, "outputPerMillion": 10, "cachedInputPerMillion": 1.25, "currency": "USD" },
                { "model": "local-llama", "inputPerMillion": 0, "outputPerMillion": 0, "currency": "EUR" },
              ]
            }
            """,
            "prices.json");

        Assert.Equal(2, table.Count);
        Assert.Equal("USD", table.Find("openai", "GPT-4O", null)!.Currency);
        Assert.Null(table.Find("azure", "gpt-4o", null));
        Assert.Equal("EUR", table.Find("whatever", null, "local-llama")!.Currency);
        Assert.Equal("USD", table.Find("openai", "unknown-snapshot", "gpt-4o")!.Currency);
    }

    public static TheoryData<string, int, string, string> BadFiles => new()
    {
        { "{\n  \"prices\": [\n    { \"model\": \"m\", \"inputPerMillion\": -1, \"outputPerMillion\": 1, \"currency\": \"USD\" }\n  ]\n}", 3, "prices[0].inputPerMillion", "must not be negative" },
        { "{\n  \"prices\": [\n    { \"model\": \"m\", \"inputPerMillion\": 1, \"outputPerMillion\": 1, \"currency\": \"USD\" },\n    { \"model\": \"n\",\n      \"inputPerMillion\": 1, \"outputPerMilion\": 1, \"currency\": \"USD\" }\n  ]\n}", 5, "prices[1].outputPerMilion", "is not a known field" },
        { "{\n  \"prices\": [\n    { \"model\": \"m\",\n      \"inputPerMillion\": 1, \"outputPerMillion\": 1,\n      \"currency\": \"dollars\" }\n  ]\n}", 5, "prices[0].currency", "ISO 4217" },
        { "{\n  \"prices\": [\n    { \"model\": \"m\", \"inputPerMillion\": 1, \"currency\": \"USD\" }\n  ]\n}", 3, "prices[0].outputPerMillion", "is missing" },
        { "{\n  \"prices\": [\n    { \"model\": \"\", \"inputPerMillion\": 1, \"outputPerMillion\": 1, \"currency\": \"USD\" }\n  ]\n}", 3, "prices[0].model", "must not be empty" },
        { "{\n  \"prices\": [\n    { \"model\": \"m\", \"inputPerMillion\": \"1\", \"outputPerMillion\": 1, \"currency\": \"USD\" }\n  ]\n}", 3, "prices[0].inputPerMillion", "must be a number" },
        { "{\n  \"prices\": [\n    { \"model\": \"m\", \"inputPerMillion\": 1e9, \"outputPerMillion\": 1, \"currency\": \"USD\" }\n  ]\n}", 3, "prices[0].inputPerMillion", "at most" },
        { "{\n  \"prices\": [\n    { \"model\": \"m\" \"inputPerMillion\": 1 }\n  ]\n}", 3, "(json)", "not valid JSON" },
        { "{ \"rates\": [] }", 1, "rates", "is not a known field" },
        { "[]", 1, "(root)", "must be an object" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Parse_BadFile_ErrorNamesFileLineAndField(string json, int line, string field, string problem)
    {
        var error = Assert.Throws<PriceFileException>(() => GenAIPriceTable.Parse(json, "my-prices.json"));

        Assert.Equal("my-prices.json", error.File);
        Assert.Equal(line, error.Line);
        Assert.StartsWith(field, error.Field, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"my-prices.json({line}): ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_PriceFileExceptionNamingIt()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".json");

        var error = Assert.Throws<PriceFileException>(() => GenAIPriceTable.Load(path));

        Assert.Equal(path, error.File);
        Assert.Contains("cannot be read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_ShippedFile_LoadsWithKnownModels()
    {
        var table = GenAIPriceTable.Default;

        Assert.True(table.Count >= 5);
        Assert.NotNull(table.Find("openai", "gpt-4o", null));
        Assert.All(table.Prices, p => Assert.Equal("USD", p.Currency));
    }

    [Fact]
    public void With_Overrides_ReplaceSameModelAndKeepOthers()
    {
        var overrides = GenAIPriceTable.Create([new ModelPrice { Provider = "openai", Model = "gpt-4o", InputPerMillion = 1, OutputPerMillion = 2, Currency = "EUR" }]);

        var merged = GenAIPriceTable.Default.With(overrides);

        Assert.Equal(GenAIPriceTable.Default.Count, merged.Count);
        Assert.Equal("EUR", merged.Find("openai", "gpt-4o", null)!.Currency);
    }

    [Fact]
    public void Create_InvalidPrice_ArgumentExceptionNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => GenAIPriceTable.Create([new ModelPrice { Model = "m", OutputPerMillion = -2 }]));

        Assert.Contains("prices[0]: outputPerMillion: must not be negative", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cost_CachedTokensAtCachedPriceAndHugeCountsSaturate()
    {
        var entry = GenAIPriceTable.Create([new ModelPrice { Model = "m", InputPerMillion = 2, OutputPerMillion = 8, CachedInputPerMillion = 0.5m }]).Find(null, "m", null)!;

        // 1,000,000 input of which 400,000 cached: 0.6 x 2 + 0.4 x 0.5; 500,000 output: 0.5 x 8.
        Assert.Equal(1.2m + 0.2m + 4m, entry.Cost(1_000_000, 500_000, 400_000));
        Assert.Equal(0m, entry.Cost(0, 0, 0));
        Assert.True(entry.Cost(long.MaxValue, long.MaxValue, 0) > 0);
        Assert.Equal(decimal.MaxValue, PriceEntry.AddSaturating(decimal.MaxValue, 1m));
    }

    [Theory]
    [InlineData(120L, 40L, 0L)]
    [InlineData(1_000_000L, 500_000L, 400_000L)]
    [InlineData(7L, 0L, 9L)]
    [InlineData(0L, 0L, 0L)]
    [InlineData(99_999_999L, 12_345_678L, 1L)]
    public void CostValue_ExactCostRoundedToDouble(long input, long output, long cacheRead)
    {
        var entry = GenAIPriceTable.Create([new ModelPrice { Model = "m", InputPerMillion = 2.5m, OutputPerMillion = 10.125m, CachedInputPerMillion = 0.3m }]).Find(null, "m", null)!;

        Assert.Equal((double)entry.Cost(input, output, cacheRead), entry.CostValue(input, output, cacheRead));
    }

    [Fact]
    public void CostValue_AnyTokensAndPrices_EqualsTheDecimalCostWithinOneRounding()
    {
        Gen.Select(Gen.Long[0, 100_000_000], Gen.Long[0, 100_000_000], Gen.Long[0, 100_000_000], Gen.Int[0, 1_000_000], Gen.Int[0, 1_000_000], Gen.Byte[0, 6])
            .Sample((input, output, cached, inputPrice, outputPrice, scale) =>
            {
                var entry = GenAIPriceTable.Create([new ModelPrice { Model = "m", InputPerMillion = new decimal(inputPrice, 0, 0, false, scale), OutputPerMillion = new decimal(outputPrice, 0, 0, false, scale) }])
                    .Find(null, "m", null)!;
                var exact = (double)entry.Cost(input, output, cached);
                var value = entry.CostValue(input, output, cached);
                Assert.True(Math.Abs(value - exact) <= Math.Max(Math.BitIncrement(exact) - exact, 0), $"{value} != {exact}");
            });
    }

    [Fact]
    public void CostValue_BeyondExactDoubles_TakesTheDecimalPath()
    {
        var entry = GenAIPriceTable.Create([new ModelPrice { Model = "m", InputPerMillion = 999_999.999999m, OutputPerMillion = 1m }]).Find(null, "m", null)!;

        Assert.Equal((double)entry.Cost(long.MaxValue / 2, 3, 0), entry.CostValue(long.MaxValue / 2, 3, 0));
        Assert.True(entry.CostValue(long.MaxValue, long.MaxValue, 0) > 0);
    }
}
