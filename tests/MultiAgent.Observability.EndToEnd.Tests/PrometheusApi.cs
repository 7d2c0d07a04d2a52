using System.Text.Json;

namespace MultiAgent.Observability.EndToEnd.Tests;

/// <summary>Reads Prometheus' HTTP API.</summary>
internal static class PrometheusApi
{
    /// <summary>Gets the <c>data</c> of a successful API response.</summary>
    public static async Task<JsonElement> GetDataAsync(HttpClient http, string path)
    {
        using var document = JsonDocument.Parse(await http.GetStringAsync(path, TestContext.Current.CancellationToken));
        Assert.Equal("success", document.RootElement.GetProperty("status").GetString());
        return document.RootElement.GetProperty("data").Clone();
    }
}
