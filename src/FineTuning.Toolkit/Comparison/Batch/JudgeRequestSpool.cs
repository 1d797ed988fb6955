using System.Buffers;
using System.Text.Json;
using FineTuning.Toolkit.Comparison.Results;
using Microsoft.Extensions.AI;
using Microsoft.Win32.SafeHandles;

namespace FineTuning.Toolkit.Comparison.Batch;

/// <summary>
/// The judges' requests of a comparison, collected while the answers are scored and streamed to a scratch file as they
/// come (each distinct request once, by its body key); memory holds only the 128-bit keys and where each body is. They
/// are read back in key order, so the judge batch's request files — and the journal's hashes — do not depend on timing.
/// </summary>
internal sealed class JudgeRequestSpool : IDisposable
{
    private readonly SafeFileHandle _file;
    private readonly Dictionary<UInt128, (long Offset, int Length)> _index = [];
    private long _length;

    public JudgeRequestSpool(string? directory) => _file = AnonymousFile.Create("ftk-judge-requests", directory);

    public int Count
    {
        get
        {
            lock (_index)
            {
                return _index.Count;
            }
        }
    }

    /// <summary>Adds a request, unless an identical one (same body key) is already there.</summary>
    public void Add(BatchRequest request)
    {
        var key = BatchRequestBody.ParseKey(BatchRequestBody.Key(request.ModelId, request.Messages, request.Options));
        lock (_index)
        {
            if (_index.ContainsKey(key))
            {
                return;
            }
        }

        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            BatchRequestBody.Write(writer, request.ModelId, request.Messages, request.Options);
        }

        var offset = Interlocked.Add(ref _length, buffer.WrittenCount) - buffer.WrittenCount;
        RandomAccess.Write(_file, buffer.WrittenSpan, offset);
        lock (_index)
        {
            // A concurrent twin may have won meanwhile; its bytes are the same, and these stay unread.
            _index.TryAdd(key, (offset, buffer.WrittenCount));
        }
    }

    /// <summary>Reads the requests back one at a time, ordered by body key (the hex keys' ordinal order).</summary>
    public IEnumerable<BatchRequest> Read()
    {
        List<(long Offset, int Length)> places;
        lock (_index)
        {
            places = [.. _index.OrderBy(entry => entry.Key).Select(entry => entry.Value)];
        }

        foreach (var (offset, length) in places)
        {
            yield return Parse(AnonymousFile.Read(_file, offset, length));
        }
    }

    public void Dispose() => _file.Dispose();

    /// <summary>The request of a body written by <see cref="BatchRequestBody.Write"/>: the fields it writes, read back as they were.</summary>
    private static BatchRequest Parse(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var messages = root.GetProperty("messages").EnumerateArray()
            .Select(m => new ChatMessage(new ChatRole(m.GetProperty("role").GetString()!), m.GetProperty("content").GetString()))
            .ToList();
        var options = new ChatOptions();
        if (root.TryGetProperty("temperature", out var temperature))
        {
            options.Temperature = temperature.GetSingle();
        }

        if (root.TryGetProperty("seed", out var seed))
        {
            options.Seed = seed.GetInt64();
        }

        if (root.TryGetProperty("max_completion_tokens", out var maxTokens))
        {
            options.MaxOutputTokens = maxTokens.GetInt32();
        }

        return new BatchRequest(root.GetProperty("model").GetString()!, messages, options);
    }
}
