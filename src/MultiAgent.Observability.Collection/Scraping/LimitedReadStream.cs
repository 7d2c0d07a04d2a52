namespace MultiAgent.Observability.Collection;

/// <summary>Reads at most a number of bytes from an inner stream; reading past it throws, so a huge body is never buffered.</summary>
internal sealed class LimitedReadStream(Stream inner, long limit) : Stream
{
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(Clamp(buffer.Length) is var max && max < buffer.Length ? buffer[..max] : buffer);
        return Count(n);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var max = Clamp(buffer.Length);
        var n = await inner.ReadAsync(buffer[..max], cancellationToken).ConfigureAwait(false);
        return Count(n);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Reads one byte past the limit, so a body of exactly the limit passes and a longer one is detected.</summary>
    private int Clamp(int requested) => (int)Math.Min(requested, limit - _read + 1);

    private int Count(int n)
    {
        _read += n;
        return _read > limit
            ? throw new ScrapeException(ScrapeOutcome.BodyTooLarge, $"the body is larger than {limit} bytes (AgentCollectionOptions.MaxBodyBytes)")
            : n;
    }
}
