namespace MultiAgent.Observability.Manifests.Tests.TextFiles;

/// <summary>The reader descriptions and the CLI's rule files share: its limit, its strict UTF-8 and its byte order mark.</summary>
public sealed class BoundedTextFileTests
{
    private const string What = "an input";

    [Fact]
    public void Read_ExactlyAtTheLimit_IsRead()
    {
        using var stream = new MemoryStream("abcd\n"u8.ToArray());

        var text = BoundedTextFile.Read(stream, maxBytes: 5, What, out var problem);

        Assert.Null(problem);
        Assert.Equal("abcd\n", text);
    }

    [Fact]
    public void Read_OneByteOverTheLimit_IsRefusedAndReadingStopsThere()
    {
        using var stream = new MemoryStream("abcdefgh"u8.ToArray());

        var text = BoundedTextFile.Read(stream, maxBytes: 5, What, out var problem);

        Assert.Null(text);
        Assert.Equal("the file is larger than 5 bytes; an input may have at most 5, so reading stopped there", problem!.Message);
        Assert.Null(problem.Line);
        Assert.Equal(6, stream.Position);
    }

    [Fact]
    public void Read_LimitInMebibytes_NamesThemToo()
    {
        using var stream = new MemoryStream(new byte[(1024 * 1024) + 1]);

        BoundedTextFile.Read(stream, maxBytes: 1024 * 1024, What, out var problem);

        Assert.Equal("the file is larger than 1048576 bytes; an input may have at most 1048576 (1 MiB), so reading stopped there", problem!.Message);
    }

    [Fact]
    public void Read_LongerThanOneChunk_IsReadWhole()
    {
        var bytes = new byte[200 * 1024];
        Array.Fill(bytes, (byte)'x');
        using var stream = new MemoryStream(bytes);

        var text = BoundedTextFile.Read(stream, maxBytes: bytes.Length, What, out var problem);

        Assert.Null(problem);
        Assert.Equal(bytes.Length, text!.Length);
    }

    [Fact]
    public void Read_InvalidUtf8_NamesTheLineAndByteOffset()
    {
        using var stream = new MemoryStream([.. "ok\nca"u8, 0xE9, .. "\n"u8]);

        var text = BoundedTextFile.Read(stream, maxBytes: 100, What, out var problem);

        Assert.Null(text);
        Assert.Equal("invalid UTF-8 at byte offset 5 of the file (byte 3 of the line, 0xE9); an input must be UTF-8 text", problem!.Message);
        Assert.Equal((2, 5), (problem.Line, problem.ByteOffset));
    }

    [Fact]
    public void Read_ByteOrderMark_IsSkippedAndCountsTowardsTheLimit()
    {
        using var atLimit = new MemoryStream([0xEF, 0xBB, 0xBF, .. "ab"u8]);
        using var over = new MemoryStream([0xEF, 0xBB, 0xBF, .. "abc"u8]);

        var text = BoundedTextFile.Read(atLimit, maxBytes: 5, What, out var problem);
        var refused = BoundedTextFile.Read(over, maxBytes: 5, What, out var overProblem);

        Assert.Equal(("ab", null), (text, problem));
        Assert.Null(refused);
        Assert.NotNull(overProblem);
    }

    [Fact]
    public void Read_InvalidByteAfterByteOrderMark_OffsetCountsTheMark()
    {
        using var stream = new MemoryStream([0xEF, 0xBB, 0xBF, 0xFF]);

        BoundedTextFile.Read(stream, maxBytes: 10, What, out var problem);

        Assert.Equal((1, 3), (problem!.Line, problem.ByteOffset));
    }
}
