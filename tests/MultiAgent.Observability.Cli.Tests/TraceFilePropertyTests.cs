using System.Text.RegularExpressions;
using CsCheck;

namespace MultiAgent.Observability.Cli.Tests;

/// <summary>
/// <c>multiagent traces analyze</c> over mutated trace files (flipped, deleted, inserted bytes, truncation, of the
/// Jaeger, Collector and OTLP example files): it only ever exits 0 or 1, and prints a position on 1.
/// </summary>
public sealed class TraceFilePropertyTests
{
    private static readonly byte[][] Seeds =
    [
        File.ReadAllBytes(TestData.Traces("jaeger-multi-agent.json")),
        File.ReadAllBytes(TestData.Traces("collector-file-exporter.jsonl")),
        File.ReadAllBytes(TestData.Traces("otlp-example-trace.json")),
    ];

    private static readonly Gen<byte> Interesting = Gen.OneOf(
        Gen.Byte,
        Gen.Int[0, 11].Select(i => "\"{}[],:0f-\n\\"u8[i]));

    private static readonly Gen<byte[]> Mutated =
        from seed in Gen.Int[0, Seeds.Length - 1]
        from edits in Gen.Select(Gen.Int[0, 3], Gen.Int[0, int.MaxValue], Interesting).Array[1, 4]
        from cut in Gen.Frequency((3, Gen.Const(-1)), (1, Gen.Int[0, int.MaxValue]))
        select Mutate(Seeds[seed], edits, cut);

    [Fact]
    public void Analyze_MutatedFiles_OnlyEverExit0Or1()
    {
        using var temp = new TempDirectory();
        var file = temp.Combine("trace.json");
        Mutated.Sample(
            bytes =>
            {
                File.WriteAllBytes(file, bytes);
                var run = CliRun.Of("traces", "analyze", file, "--json");
                Assert.True(run.ExitCode is 0 or 1, $"exit {run.ExitCode}: {run.Stderr}");
                if (run.ExitCode == 1)
                {
                    Assert.True(Regex.IsMatch(run.Stderr, @"^\S+(:\d+: byte \d+: |: the file holds no spans)"), run.Stderr);
                }
            },
            iter: 400);
    }

    private static byte[] Mutate(byte[] seed, (int Kind, int At, byte Value)[] edits, int cut)
    {
        var bytes = new List<byte>(seed);
        foreach (var (kind, at, value) in edits)
        {
            var i = bytes.Count == 0 ? 0 : at % bytes.Count;
            switch (kind)
            {
                case 0 when bytes.Count > 0:
                    bytes[i] = value;
                    break;
                case 1 when bytes.Count > 0:
                    bytes.RemoveAt(i);
                    break;
                default:
                    bytes.Insert(i, value);
                    break;
            }
        }

        return cut < 0 || bytes.Count == 0 ? [.. bytes] : [.. bytes.Take(cut % bytes.Count)];
    }
}
