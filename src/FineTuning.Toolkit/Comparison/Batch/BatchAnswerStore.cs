using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using FineTuning.Toolkit.Comparison.Results;
using Microsoft.Win32.SafeHandles;

namespace FineTuning.Toolkit.Comparison.Batch;

/// <summary>
/// The results of a comparison's batches by <c>custom_id</c>. Answers stay on disk, in the downloaded result files: the
/// store keeps only where each line is (and the short error of a failed line), so its memory does not grow with the
/// answers' text; a line is read back when its case is asked. An answer replaces an earlier failure of the same request.
/// The comparer's own <c>custom_id</c>s (<c>{32 hex digits}-{occurrence}</c>) are kept as 20-byte values rather than
/// strings, so the index of a 100,000-request suite stays a few megabytes.
/// </summary>
internal sealed class BatchAnswerStore : IDisposable
{
    private readonly ConcurrentDictionary<Id, Entry> _entries = new();
    private readonly List<SafeFileHandle> _files = [];

    /// <summary>Gets why requests without a result have none (the last batch that failed as a whole), or <see langword="null"/>.</summary>
    public string? MissingReason { get; set; }

    public int Count => _entries.Count;

    /// <summary>Registers a result file (opened for reading, deleted when the store is disposed) and returns its index.</summary>
    public int AddFile(SafeFileHandle handle)
    {
        lock (_files)
        {
            _files.Add(handle);
            return _files.Count - 1;
        }
    }

    /// <summary>Records a successful line, found at <paramref name="offset"/> in result file <paramref name="file"/>.</summary>
    public void AddAnswer(string customId, int file, long offset, int length) =>
        _entries[Id.Of(customId)] = new Entry(file, offset, length, null);

    /// <summary>Records a failed line, unless the request already has an answer.</summary>
    public void AddFailure(string customId, string error) =>
        _entries.AddOrUpdate(Id.Of(customId), new Entry(-1, 0, 0, error), (_, existing) => existing.Error is null ? existing : new Entry(-1, 0, 0, error));

    /// <summary>Whether a request has no answer yet (it failed, expired, or its batch returned nothing).</summary>
    public bool NeedsRetry(string customId) => !_entries.TryGetValue(Id.Of(customId), out var entry) || entry.Error is not null;

    /// <summary>Reads a request's result, or returns <see langword="null"/> when the batches returned none.</summary>
    public BatchAnswer? Find(string customId)
    {
        if (!_entries.TryGetValue(Id.Of(customId), out var entry))
        {
            return null;
        }

        if (entry.Error is not null)
        {
            return new BatchAnswer(string.Empty, null, null, entry.Error);
        }

        SafeFileHandle handle;
        lock (_files)
        {
            handle = _files[entry.File];
        }

        var bytes = AnonymousFile.Read(handle, entry.Offset, entry.Length, "A batch result file");
        using var document = JsonDocument.Parse(bytes);
        return BatchResultReader.Parse(document.RootElement);
    }

    public void Dispose()
    {
        lock (_files)
        {
            foreach (var file in _files)
            {
                file.Dispose();
            }

            _files.Clear();
        }
    }

    private readonly record struct Entry(int File, long Offset, int Length, string? Error);

    /// <summary>A <c>custom_id</c>: the comparer's form as numbers, any other (from a file not written here) as its text.</summary>
    private readonly record struct Id(UInt128 Key, int Occurrence, string? Other)
    {
        public static Id Of(string customId)
        {
            var dash = customId.IndexOf('-', StringComparison.Ordinal);
            return dash == 32
                && BatchRequestBody.TryParseKey(customId.AsSpan(0, 32), out var key)
                && TryParseOccurrence(customId.AsSpan(33), out var occurrence)
                ? new Id(key, occurrence, null)
                : new Id(default, -1, customId);
        }

        /// <summary>
        /// Reads an occurrence only in the form <see cref="BatchInputWriter.CustomId"/> writes (so that it formats back to the
        /// same text): decimal digits without sign or leading zeros ("0" itself aside) and within <see cref="int"/>.
        /// </summary>
        private static bool TryParseOccurrence(ReadOnlySpan<char> text, out int occurrence)
        {
            occurrence = 0;
            return !text.IsEmpty
                && (text[0] != '0' || text.Length == 1)
                && !text.ContainsAnyExceptInRange('0', '9')
                && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out occurrence);
        }
    }
}
