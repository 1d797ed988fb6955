using System.Buffers;
using System.Security.Cryptography;

namespace FineTuning.Toolkit.Comparison.Batch;

/// <summary>
/// Streams requests into JSONL request files, one line at a time (never the whole suite in memory), starting a new file
/// before one would exceed the request or byte limit, and hashing each file as it is written. Every request gets the
/// <c>custom_id</c> <c>{body key}-{occurrence}</c>: stable across runs, and distinct for identical requests.
/// </summary>
internal sealed class BatchInputWriter
{
    private readonly string _directory;
    private readonly int _maxCount;
    private readonly long _maxBytes;
    private readonly BatchLineShape _shape;

    /// <param name="directory">Where the request files are written.</param>
    /// <param name="maxCount">The most requests in one file.</param>
    /// <param name="maxBytes">The largest file, in bytes.</param>
    /// <param name="shape">How the provider wants its lines written.</param>
    public BatchInputWriter(string directory, int maxCount, long maxBytes, BatchLineShape shape = BatchLineShape.OpenAI)
    {
        _directory = directory;
        _maxCount = maxCount;
        _maxBytes = maxBytes;
        _shape = shape;
    }

    /// <summary>The custom id of the <paramref name="occurrence"/>-th request (0-based) with the body key <paramref name="key"/>.</summary>
    public static string CustomId(string key, int occurrence) => key + "-" + occurrence.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Writes the requests (those whose custom id <paramref name="include"/> accepts) and returns the files.</summary>
    public async Task<List<BatchChunk>> WriteAsync(IEnumerable<BatchRequest> requests, Func<string, bool>? include, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_directory);
        var chunks = new List<BatchChunk>();
        var occurrences = new Dictionary<UInt128, int>();
        var line = new ArrayBufferWriter<byte>(4096);
        var scratch = new ArrayBufferWriter<byte>(4096);
        FileStream? file = null;
        IncrementalHash? hash = null;
        string? path = null;
        int count = 0;
        long bytes = 0;
        try
        {
            foreach (var request in requests)
            {
                var id = RenderLine(request, line, scratch, occurrences);
                if (include is not null && !include(id))
                {
                    continue;
                }

                if (line.WrittenCount > _maxBytes)
                {
                    throw new InvalidOperationException($"The request {id} alone is {line.WrittenCount} bytes, above the batch limit of {_maxBytes} bytes.");
                }

                if (file is not null && (count == _maxCount || bytes + line.WrittenCount > _maxBytes))
                {
                    chunks.Add(await CloseAsync(file, hash!, path!, count, bytes).ConfigureAwait(false));
                    file = null;
                }

                if (file is null)
                {
                    path = Path.Combine(_directory, $"ftk-batch-{Guid.NewGuid():N}.jsonl");
                    file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
                    hash?.Dispose();
                    hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                    count = 0;
                    bytes = 0;
                }

                hash!.AppendData(line.WrittenSpan);
                await file.WriteAsync(line.WrittenMemory, cancellationToken).ConfigureAwait(false);
                count++;
                bytes += line.WrittenCount;
            }

            if (file is not null)
            {
                chunks.Add(await CloseAsync(file, hash!, path!, count, bytes).ConfigureAwait(false));
                file = null;
            }

            return chunks;
        }
        catch
        {
            if (file is not null)
            {
                await file.DisposeAsync().ConfigureAwait(false);
                File.Delete(path!);
            }

            foreach (var chunk in chunks)
            {
                File.Delete(chunk.Path);
            }

            throw;
        }
        finally
        {
            hash?.Dispose();
        }
    }

    /// <summary>Renders a request's JSONL line into <paramref name="line"/> and returns its custom id (the body key and its occurrence).</summary>
    private string RenderLine(BatchRequest request, ArrayBufferWriter<byte> line, ArrayBufferWriter<byte> scratch, Dictionary<UInt128, int> occurrences)
    {
        line.ResetWrittenCount();
        string? id = null;
        string Next(string key)
        {
            // Counted by the key's 128 bits, not its text: a small entry per distinct request of a large suite.
            var bits = BatchRequestBody.ParseKey(key);
            occurrences.TryGetValue(bits, out var seen);
            occurrences[bits] = seen + 1;
            return id = CustomId(key, seen);
        }

        BatchRequestBody.WriteLine(line, scratch, request.ModelId, request.Messages, request.Options, Next, _shape);
        return id!;
    }

    private static async Task<BatchChunk> CloseAsync(FileStream file, IncrementalHash hash, string path, int count, long bytes)
    {
        await file.FlushAsync().ConfigureAwait(false);
        await file.DisposeAsync().ConfigureAwait(false);
        var digest = hash.GetHashAndReset();
        return new BatchChunk(path, count, bytes, Convert.ToHexString(digest, 0, 16).ToLowerInvariant());
    }
}
