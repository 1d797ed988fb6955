namespace FineTuning.Toolkit.Datasets.Jsonl;

/// <summary>Thrown inside <see cref="JsonlExampleReader"/> when a field does not fit the format; never escapes it.</summary>
internal sealed class JsonlMappingException(string code, string field, string message) : Exception(message)
{
    public string Code { get; } = code;

    public string Field { get; } = field;
}
