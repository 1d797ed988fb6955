using System.Buffers;
using System.Text;
using System.Text.Json;

namespace FineTuning.Toolkit.Datasets.Jsonl;

/// <summary>Checks JSON held in a string value (a tool call's <c>arguments</c>) with one forward pass of
/// <see cref="Utf8JsonReader"/>, building nothing.</summary>
internal static class JsonText
{
    /// <summary>Gets the token of the root value of a JSON text, or why it is not valid JSON.</summary>
    /// <param name="text">The text.</param>
    /// <param name="maxDepth">The deepest nesting accepted.</param>
    /// <param name="error">The reader's message when the text is not valid JSON.</param>
    /// <returns>The root token, or <see cref="JsonTokenType.None"/> when the text is not valid JSON.</returns>
    public static JsonTokenType RootKind(string text, int maxDepth, out string? error)
    {
        error = null;
        var length = Encoding.UTF8.GetByteCount(text);
        var rented = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        try
        {
            var bytes = rented.AsSpan(0, Encoding.UTF8.GetBytes(text, rented));
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = maxDepth });
            var root = JsonTokenType.None;
            while (reader.Read())
            {
                if (root == JsonTokenType.None)
                {
                    root = reader.TokenType;
                }
            }

            return root;
        }
        catch (JsonException ex)
        {
            error = ex.Message;
            return JsonTokenType.None;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
