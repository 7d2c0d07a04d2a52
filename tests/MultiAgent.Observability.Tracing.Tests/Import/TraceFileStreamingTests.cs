using System.Text;

namespace MultiAgent.Observability.Tracing.Tests;

/// <summary>A 100 MB trace file is streamed: the reader allocates a small fraction of the file, never the file itself.</summary>
public sealed class TraceFileStreamingTests
{
    private const long FileSize = 100L * 1024 * 1024;

    [Fact]
    public void Read_100MegabyteFile_StreamsWithBoundedAllocation()
    {
        // Each line is one collector batch with 20 spans and a large resource attribute list the reader skips, so
        // the bytes are mostly content that must be read but not kept.
        using var stream = new GeneratedNdjson(FileSize);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var file = TraceFileReader.Read(stream);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(stream.Position >= FileSize, "the whole file was read");
        Assert.Equal(stream.Lines * GeneratedNdjson.SpansPerLine, file.Spans.Count);
        Assert.True(allocated < FileSize / 4, $"reading {FileSize} bytes allocated {allocated} bytes");
    }

    /// <summary>An endless-looking stream of OTLP JSON lines generated on the fly, so the test needs no disk.</summary>
    private sealed class GeneratedNdjson(long size) : Stream
    {
        public const int SpansPerLine = 20;

        private const string TraceIdPlaceholder = "TTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTT";

        // One line built once; each line patches its trace ids in place, so the stream itself allocates nothing per line.
        private readonly byte[] _template = Template();
        private readonly List<int> _traceIds = [];
        private byte[] _line = [];
        private int _offset;
        private long _position;

        public int Lines { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_offset == _line.Length)
            {
                if (_position >= size)
                {
                    return 0;
                }

                _line = _template;
                Patch(++Lines);
                _offset = 0;
            }

            var n = Math.Min(count, _line.Length - _offset);
            Array.Copy(_line, _offset, buffer, offset, n);
            _offset += n;
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private void Patch(int number)
        {
            if (_traceIds.Count == 0)
            {
                var placeholder = Encoding.UTF8.GetBytes(TraceIdPlaceholder);
                for (var at = _template.AsSpan().IndexOf(placeholder); at >= 0; at = _template.AsSpan(at + 32).IndexOf(placeholder) is var next and >= 0 ? at + 32 + next : -1)
                {
                    _traceIds.Add(at);
                }
            }

            foreach (var at in _traceIds)
            {
                number.TryFormat(_template.AsSpan(at, 32), out _, "x32", System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        private static byte[] Template()
        {
            var text = new StringBuilder("{\"resourceSpans\":[{\"resource\":{\"attributes\":[");
            for (var i = 0; i < 300; i++)
            {
                text.Append(i == 0 ? "" : ",").Append("{\"key\":\"host.label.").Append(i).Append("\",\"value\":{\"stringValue\":\"some-long-resource-label-value-0123456789\"}}");
            }

            text.Append("]},\"scopeSpans\":[{\"scope\":{\"name\":\"gen\"},\"spans\":[");
            for (var s = 0; s < SpansPerLine; s++)
            {
                text.Append(s == 0 ? "" : ",")
                    .Append("{\"traceId\":\"").Append(TraceIdPlaceholder)
                    .Append("\",\"spanId\":\"").Append((s + 1).ToString("x16", System.Globalization.CultureInfo.InvariantCulture))
                    .Append("\",\"name\":\"chat\",\"kind\":3,\"startTimeUnixNano\":\"1764417600000000000\",\"endTimeUnixNano\":\"1764417600500000000\",")
                    .Append("\"events\":[{\"name\":\"gen_ai.content.prompt\",\"attributes\":[{\"key\":\"gen_ai.prompt\",\"value\":{\"stringValue\":\"")
                    .Append('p', 2000)
                    .Append("\"}}]}]}");
            }

            return Encoding.UTF8.GetBytes(text.Append("]}]}]}\n").ToString());
        }
    }
}
