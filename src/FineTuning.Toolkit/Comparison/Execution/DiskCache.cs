using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace FineTuning.Toolkit.Comparison.Execution;

/// <summary>
/// A content-addressed disk cache of model responses and judge verdicts. Keys are SHA-256 hashes of a canonical JSON
/// description of the request (model name, messages, options), so the same request always hits the same entry.
/// Entries are written atomically (temporary file, then rename).
/// </summary>
internal sealed class DiskCache
{
    private readonly string _directory;

    public DiskCache(string directory)
    {
        _directory = Path.GetFullPath(directory);
        Directory.CreateDirectory(_directory);
    }

    public static string ComputeKey(Action<Utf8JsonWriter> describe)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            describe(writer);
        }

        return Convert.ToHexString(SHA256.HashData(buffer.ToArray())).ToLowerInvariant();
    }

    public async Task<string?> TryReadAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathFor(key);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    public async Task WriteAsync(string key, string content, CancellationToken cancellationToken)
    {
        var path = PathFor(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllTextAsync(temporary, content, new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
    }

    private string PathFor(string key) => Path.Combine(_directory, key[..2], key + ".json");
}
