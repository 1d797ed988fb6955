using System.Text;
using System.Text.Json;

namespace FineTuning.Toolkit.Comparison.Batch;

/// <summary>
/// The append-only journal of a comparison's batches: before a batch is created its intent is written (request file
/// hash and uploaded file id), then its id, then that its results were read. A restarted process reads it back and
/// re-attaches to the same batches; a torn last line is ignored. Without a path it only lives in memory.
/// </summary>
internal sealed class BatchJournal : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, BatchJournalEntry> _entries = new(StringComparer.Ordinal);
    private readonly FileStream? _stream;

    private BatchJournal(string? path)
    {
        if (path is null)
        {
            return;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        if (File.Exists(path))
        {
            foreach (var line in File.ReadLines(path, Encoding.UTF8))
            {
                try
                {
                    if (!string.IsNullOrWhiteSpace(line) && JsonSerializer.Deserialize(line, BatchJsonContext.Default.BatchJournalEntry) is { } entry)
                    {
                        _entries[entry.Chunk] = entry;
                    }
                }
                catch (JsonException)
                {
                    // A line torn by a crash: the batch is found again by its metadata.
                }
            }
        }

        _stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 4096, useAsync: true);
    }

    public static BatchJournal Open(string? path) => new(path);

    public BatchJournalEntry? Find(string chunk)
    {
        lock (_entries)
        {
            return _entries.GetValueOrDefault(chunk);
        }
    }

    public async Task WriteAsync(BatchJournalEntry entry, CancellationToken cancellationToken)
    {
        lock (_entries)
        {
            _entries[entry.Chunk] = entry;
        }

        if (_stream is null)
        {
            return;
        }

        var bytes = JsonSerializer.SerializeToUtf8Bytes(entry, BatchJsonContext.Default.BatchJournalEntry);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _stream.WriteAsync(bytes, CancellationToken.None).ConfigureAwait(false);
            await _stream.WriteAsync("\n"u8.ToArray(), CancellationToken.None).ConfigureAwait(false);
            await _stream.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _stream?.Dispose();
        _gate.Dispose();
    }
}
