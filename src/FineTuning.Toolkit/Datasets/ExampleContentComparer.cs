namespace FineTuning.Toolkit.Datasets;

/// <summary>
/// Compares examples by their training content as written to JSONL (every message, tool and flag), never by toolkit
/// metadata (category, tags); optionally after normalising text (<see cref="ExampleKeys.NormalizeText(string)"/>).
/// </summary>
internal sealed class ExampleContentComparer(bool normalized) : IEqualityComparer<DatasetExample>
{
    public static readonly ExampleContentComparer Exact = new(normalized: false);

    public static readonly ExampleContentComparer Normalized = new(normalized: true);

    public string Key(DatasetExample example) => ExampleKeys.Key(example, normalized);

    public bool Equals(DatasetExample? x, DatasetExample? y) =>
        ReferenceEquals(x, y) || (x is not null && y is not null && string.Equals(Key(x), Key(y), StringComparison.Ordinal));

    public int GetHashCode(DatasetExample obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return StringComparer.Ordinal.GetHashCode(Key(obj));
    }
}
