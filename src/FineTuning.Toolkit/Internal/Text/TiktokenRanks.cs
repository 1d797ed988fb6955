using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.IO.Compression;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FineTuning.Toolkit.Internal.Text;

/// <summary>
/// The merge ranks of a tiktoken encoding (token bytes to rank), read from the data file the
/// <c>Microsoft.ML.Tokenizers.Data.*</c> package embeds — the tokenizer keeps its own copy private. Loaded once per
/// encoding, on the first piece <see cref="BytePairCounter"/> merges, into one <see cref="RankTable"/> (~6 MB): the data
/// file's bytes are decoded in place, with no string per line.
/// </summary>
internal static class TiktokenRanks
{
    /// <summary>Reads the ranks of an encoding.</summary>
    /// <param name="encodingName"><c>o200k_base</c> or <c>cl100k_base</c>.</param>
    /// <returns>The ranks, keyed by token bytes.</returns>
    // The data assemblies are loaded by name: these keep them (and their embedded data) in trimmed and AOT apps.
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, "Microsoft.ML.Tokenizers.O200kBaseTokenizerData", "Microsoft.ML.Tokenizers.Data.O200kBase")]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, "Microsoft.ML.Tokenizers.Cl100kBaseTokenizerData", "Microsoft.ML.Tokenizers.Data.Cl100kBase")]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static RankTable Load(string encodingName)
    {
        var assemblyName = string.Equals(encodingName, "cl100k_base", StringComparison.Ordinal)
            ? "Microsoft.ML.Tokenizers.Data.Cl100kBase"
            : "Microsoft.ML.Tokenizers.Data.O200kBase";
        using var resource = Assembly.Load(new AssemblyName(assemblyName)).GetManifestResourceStream(encodingName + ".tiktoken.deflate")
            ?? throw new InvalidOperationException($"The tokenizer data of {encodingName} is missing.");
        using var deflate = new DeflateStream(resource, CompressionMode.Decompress);

        // The file is read in chunks and its tokens decoded into one growing buffer (~1.5 MB), so that loading touches
        // little more memory than the table keeps.
        var tokens = new List<byte>(2 * 1024 * 1024);
        var lengths = new List<int>(210_000);
        var ranks = new List<int>(210_000);
        var chunk = new byte[64 * 1024];
        Span<byte> token = stackalloc byte[256];
        int pending = 0, implicitRank = 0;
        while (true)
        {
            var read = deflate.Read(chunk, pending, chunk.Length - pending);
            var data = chunk.AsSpan(0, pending + read);
            int newline;
            while ((newline = data.IndexOf((byte)'\n')) >= 0 || (read == 0 && !data.IsEmpty))
            {
                var line = newline < 0 ? data : data[..newline];
                data = newline < 0 ? [] : data[(newline + 1)..];
                if (ReadLine(line is [.. var body, (byte)'\r'] ? body : line, token, ref implicitRank, out var length, out var rank))
                {
                    tokens.AddRange(token[..length]);
                    lengths.Add(length);
                    ranks.Add(rank);
                }
            }

            if (read == 0)
            {
                break;
            }

            data.CopyTo(chunk);
            pending = data.Length;
        }

        return RankTable.Build(CollectionsMarshal.AsSpan(tokens), CollectionsMarshal.AsSpan(lengths), CollectionsMarshal.AsSpan(ranks));
    }

    // One line: "base64-token [rank]" (without a rank, the one after the previous); false for the header and blank lines.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool ReadLine(ReadOnlySpan<byte> line, Span<byte> token, ref int implicitRank, out int length, out int rank)
    {
        length = 0;
        rank = implicitRank;
        if (line.IsEmpty || line.StartsWith("Capacity:"u8))
        {
            return false;
        }

        var space = line.IndexOf((byte)' ');
        if (space >= 0 && !(Utf8Parser.TryParse(line[(space + 1)..], out rank, out var consumed) && consumed == line.Length - space - 1))
        {
            throw new InvalidOperationException("The tokenizer data holds an invalid rank.");
        }

        if (Base64.DecodeFromUtf8(space < 0 ? line : line[..space], token, out _, out length) != OperationStatus.Done)
        {
            throw new InvalidOperationException("The tokenizer data holds an invalid token.");
        }

        implicitRank = rank + 1;
        return true;
    }
}
