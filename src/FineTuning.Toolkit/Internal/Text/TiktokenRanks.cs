using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.IO.Compression;
using System.Reflection;

namespace FineTuning.Toolkit.Internal.Text;

/// <summary>
/// The merge ranks of a tiktoken encoding (token bytes to rank), read from the data file the
/// <c>Microsoft.ML.Tokenizers.Data.*</c> package embeds — the tokenizer keeps its own copy private. Loaded once per
/// encoding, on the first piece <see cref="BytePairCounter"/> merges: one dictionary (~12 MB), in about half the time the
/// tokenizer takes to load its several.
/// </summary>
internal static class TiktokenRanks
{
    /// <summary>Reads the ranks of an encoding.</summary>
    /// <param name="encodingName"><c>o200k_base</c> or <c>cl100k_base</c>.</param>
    /// <returns>The ranks, keyed by token bytes.</returns>
    // The data assemblies are loaded by name: these keep them (and their embedded data) in trimmed and AOT apps.
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, "Microsoft.ML.Tokenizers.O200kBaseTokenizerData", "Microsoft.ML.Tokenizers.Data.O200kBase")]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, "Microsoft.ML.Tokenizers.Cl100kBaseTokenizerData", "Microsoft.ML.Tokenizers.Data.Cl100kBase")]
    public static Dictionary<ReadOnlyMemory<byte>, int> Load(string encodingName)
    {
        var assemblyName = string.Equals(encodingName, "cl100k_base", StringComparison.Ordinal)
            ? "Microsoft.ML.Tokenizers.Data.Cl100kBase"
            : "Microsoft.ML.Tokenizers.Data.O200kBase";
        var resource = Assembly.Load(new AssemblyName(assemblyName)).GetManifestResourceStream(encodingName + ".tiktoken.deflate")
            ?? throw new InvalidOperationException($"The tokenizer data of {encodingName} is missing.");
        using var reader = new StreamReader(new DeflateStream(resource, CompressionMode.Decompress));
        var ranks = new Dictionary<ReadOnlyMemory<byte>, int>(210_000, ByteSequenceComparer.Instance);
        var store = new byte[4 * 1024 * 1024];
        var used = 0;
        var implicitRank = 0;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith("Capacity:", StringComparison.Ordinal))
            {
                continue;
            }

            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var token = space < 0 ? line : line[..space];
            var rank = space < 0 ? implicitRank : int.Parse(line.AsSpan(space + 1), NumberStyles.None, CultureInfo.InvariantCulture);
            implicitRank = rank + 1;
            if (store.Length - used < token.Length)
            {
                store = new byte[Math.Max(store.Length, token.Length)];
                used = 0;
            }

            if (!Convert.TryFromBase64String(token, store.AsSpan(used), out var written))
            {
                throw new InvalidOperationException($"The tokenizer data of {encodingName} holds an invalid token.");
            }

            ranks[new ReadOnlyMemory<byte>(store, used, written)] = rank;
            used += written;
        }

        return ranks;
    }

    private sealed class ByteSequenceComparer : IEqualityComparer<ReadOnlyMemory<byte>>
    {
        public static readonly ByteSequenceComparer Instance = new();

        public bool Equals(ReadOnlyMemory<byte> x, ReadOnlyMemory<byte> y) => x.Span.SequenceEqual(y.Span);

        // Tokens are short (at most 128 bytes): the length and the first and last eight bytes tell them apart well enough.
        public int GetHashCode(ReadOnlyMemory<byte> obj)
        {
            var span = obj.Span;
            ulong head, tail;
            if (span.Length >= 8)
            {
                head = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(span);
                tail = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(span[^8..]);
            }
            else
            {
                head = 0;
                foreach (var b in span)
                {
                    head = (head << 8) | b;
                }

                tail = 0;
            }

            var mixed = ((head * 0x9E3779B97F4A7C15UL) ^ (tail * 0xC2B2AE3D27D4EB4FUL)) + (ulong)span.Length;
            return (int)(mixed ^ (mixed >> 29));
        }
    }
}
