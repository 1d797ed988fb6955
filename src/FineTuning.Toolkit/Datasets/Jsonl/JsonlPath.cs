using System.Runtime.CompilerServices;
using System.Globalization;
using System.Text;

namespace FineTuning.Toolkit.Datasets.Jsonl;

/// <summary>
/// The JSON path of the field being read (for example <c>messages[2].content[0].type</c>), kept as a stack of segments so that
/// the text is only built when an error needs it.
/// </summary>
internal sealed class JsonlPath
{
    private readonly List<(string? Name, int Index)> _segments = new(8);

    public JsonlPath Push(string name)
    {
        _segments.Add((name, -1));
        return this;
    }

    public JsonlPath Push(int index)
    {
        _segments.Add((null, index));
        return this;
    }

    public void Pop() => _segments.RemoveAt(_segments.Count - 1);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Clear() => _segments.Clear();

    /// <summary>Formats the path, optionally with one more property name.</summary>
    public string Format(string? leaf = null)
    {
        var builder = new StringBuilder();
        foreach (var (name, index) in _segments)
        {
            Append(builder, name, index);
        }

        if (leaf is not null)
        {
            Append(builder, leaf, -1);
        }

        return builder.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => Format();

    private static void Append(StringBuilder builder, string? name, int index)
    {
        if (name is null)
        {
            builder.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');
        }
        else
        {
            if (builder.Length > 0)
            {
                builder.Append('.');
            }

            builder.Append(name);
        }
    }
}
