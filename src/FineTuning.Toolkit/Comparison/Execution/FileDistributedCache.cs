using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Distributed;

namespace FineTuning.Toolkit.Comparison.Execution;

/// <summary>
/// An <see cref="IDistributedCache"/> on a local directory, behind <see cref="ModelComparerOptions.CacheDirectory"/>:
/// one file per entry, named by the SHA-256 of its key, written atomically (temporary file, then rename). Entries do
/// not expire; delete the directory to start over. Entries are small (one answer), so they are read and written
/// synchronously: cheaper than overlapped file I/O, and the comparer calls it from many concurrent tasks anyway.
/// </summary>
internal sealed class FileDistributedCache : IDistributedCache
{
    private readonly string _directory;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _created = new(StringComparer.Ordinal);

    public FileDistributedCache(string directory)
    {
        _directory = Path.GetFullPath(directory);
        Directory.CreateDirectory(_directory);
    }

    public byte[]? Get(string key)
    {
        var path = PathFor(key);
        try
        {
            return File.Exists(path) ? File.ReadAllBytes(path) : null;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        token.ThrowIfCancellationRequested();
        return Task.FromResult(Get(key));
    }

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options)
    {
        var (path, temporary) = Prepare(key);
        File.WriteAllBytes(temporary, value);
        File.Move(temporary, path, overwrite: true);
    }

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        token.ThrowIfCancellationRequested();
        Set(key, value, options);
        return Task.CompletedTask;
    }

    public void Refresh(string key)
    {
    }

    public Task RefreshAsync(string key, CancellationToken token = default) => Task.CompletedTask;

    public void Remove(string key) => File.Delete(PathFor(key));

    public Task RemoveAsync(string key, CancellationToken token = default)
    {
        Remove(key);
        return Task.CompletedTask;
    }

    private (string Path, string Temporary) Prepare(string key)
    {
        var path = PathFor(key);
        var directory = Path.GetDirectoryName(path)!;
        if (_created.TryAdd(directory, 0))
        {
            Directory.CreateDirectory(directory);
        }

        return (path, path + "." + Guid.NewGuid().ToString("N") + ".tmp");
    }

    private string PathFor(string key)
    {
        var name = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key))).ToLowerInvariant();
        return Path.Combine(_directory, name[..2], name + ".json");
    }
}
