using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Distributed;

namespace FineTuning.Toolkit.Comparison.Execution;

/// <summary>
/// An <see cref="IDistributedCache"/> on a local directory, behind <see cref="ModelComparerOptions.CacheDirectory"/>:
/// one file per entry, named by the SHA-256 of its key, written atomically (temporary file, then rename). Entries do
/// not expire; delete the directory to start over.
/// </summary>
internal sealed class FileDistributedCache : IDistributedCache
{
    private readonly string _directory;

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

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        var path = PathFor(key);
        try
        {
            return File.Exists(path) ? await File.ReadAllBytesAsync(path, token).ConfigureAwait(false) : null;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options)
    {
        var (path, temporary) = Prepare(key);
        File.WriteAllBytes(temporary, value);
        File.Move(temporary, path, overwrite: true);
    }

    public async Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        var (path, temporary) = Prepare(key);
        await File.WriteAllBytesAsync(temporary, value, token).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
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
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return (path, path + "." + Guid.NewGuid().ToString("N") + ".tmp");
    }

    private string PathFor(string key)
    {
        var name = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key))).ToLowerInvariant();
        return Path.Combine(_directory, name[..2], name + ".json");
    }
}
