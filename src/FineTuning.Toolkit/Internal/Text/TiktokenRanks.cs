using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.IO.Compression;
using System.Reflection;
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
    public static RankTable Load(string encodingName)
    {
        var assemblyName = string.Equals(encodingName, "cl100k_base", StringComparison.Ordinal)
            ? "Microsoft.ML.Tokenizers.Data.Cl100kBase"
            : "Microsoft.ML.Tokenizers.Data.O200kBase";
        using var resource = Assembly.Load(new AssemblyName(assemblyName)).GetManifestResourceStream(encodingName + ".tiktoken.deflate")
            ?? throw new InvalidOperationException($"The tokenizer data of {encodingName} is missing.");
        var text = Inflate(resource);
        var tokens = new byte[text.Count];
        var lengths = new List<int>(210_000);
        var ranks = new List<int>(210_000);
        var used = 0;
        var implicitRank = 0;
        var data = text.AsSpan();
        while (!data.IsEmpty)
        {
            var newline = data.IndexOf((byte)'\n');
            var line = newline < 0 ? data : data[..newline];
            data = newline < 0 ? [] : data[(newline + 1)..];
            line = line.TrimEnd((byte)'\r');
            if (line.IsEmpty || line.StartsWith("Capacity:"u8))
            {
                continue;
            }

            var space = line.IndexOf((byte)' ');
            var token = space < 0 ? line : line[..space];
            var rank = implicitRank;
            if (space >= 0 && !(Utf8Parser.TryParse(line[(space + 1)..], out rank, out var consumed) && consumed == line.Length - space - 1))
            {
                throw new InvalidOperationException($"The tokenizer data of {encodingName} holds an invalid rank.");
            }

            implicitRank = rank + 1;
            if (Base64.DecodeFromUtf8(token, tokens.AsSpan(used), out _, out var written) != OperationStatus.Done)
            {
                throw new InvalidOperationException($"The tokenizer data of {encodingName} holds an invalid token.");
            }

            used += written;
            lengths.Add(written);
            ranks.Add(rank);
        }

        return RankTable.Build(tokens.AsSpan(0, used), CollectionsMarshal.AsSpan(lengths), CollectionsMarshal.AsSpan(ranks));
    }

    private static ArraySegment<byte> Inflate(Stream resource)
    {
        using var deflate = new DeflateStream(resource, CompressionMode.Decompress);
        var buffer = new MemoryStream(4 * 1024 * 1024);
        deflate.CopyTo(buffer);
        return new ArraySegment<byte>(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
