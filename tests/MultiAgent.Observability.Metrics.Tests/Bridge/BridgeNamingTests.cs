using MultiAgent.Observability.Metrics.Bridge;

namespace MultiAgent.Observability.Metrics.Tests.Bridge;

public sealed class BridgeNamingTests
{
    [Theory]
    [InlineData("gen_ai.client.token.usage", "{token}", "gen_ai_client_token_usage")]
    [InlineData("gen_ai.client.operation.duration", "s", "gen_ai_client_operation_duration_seconds")]
    [InlineData("dotnet.process.cpu.time", "s", "dotnet_process_cpu_time_seconds")]
    [InlineData("dotnet.gc.heap.total_allocated", "By", "dotnet_gc_heap_total_allocated_bytes")]
    [InlineData("request.latency", "ms", "request_latency_milliseconds")]
    [InlineData("queue_seconds", "s", "queue_seconds")]
    [InlineData("my-metric/with spaces", null, "my_metric_with_spaces")]
    [InlineData("a..b--c", "1", "a_b_c")]
    [InlineData("9lives", null, "_9lives")]
    [InlineData("ns:metric", null, "ns:metric")]
    public void MetricName_InstrumentNameAndUnit_PrometheusName(string instrument, string? unit, string expected)
    {
        Assert.Equal(expected, BridgeNaming.MetricName(instrument, unit));
        Assert.True(PrometheusNaming.IsValidMetricName(expected));
    }

    [Theory]
    [InlineData("gen_ai.request.model", "gen_ai_request_model")]
    [InlineData("http.response.status_code", "http_response_status_code")]
    [InlineData("ns:key", "ns_key")]
    [InlineData("__reserved", "_reserved")]
    [InlineData("1st", "_1st")]
    public void LabelName_TagName_ValidLabelName(string tag, string expected)
    {
        Assert.Equal(expected, BridgeNaming.LabelName(tag));
        Assert.True(PrometheusNaming.IsValidLabelName(expected));
    }

    [Theory]
    [InlineData("planner", "planner")]
    [InlineData("Travel Planner", "Travel_Planner")]
    [InlineData("  _x!", "x_")]
    [InlineData("!!!", null)]
    [InlineData("", null)]
    public void AgentIdFrom_TagValue_ValidIdOrNull(string value, string? expected)
    {
        Assert.Equal(expected, BridgeNaming.AgentIdFrom(value));
    }
}
