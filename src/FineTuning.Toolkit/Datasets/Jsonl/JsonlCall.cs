using System.Text.Json;

namespace FineTuning.Toolkit.Datasets.Jsonl;

/// <summary>What one element of a message's <c>tool_calls</c> list held, as read (valid or not).</summary>
internal struct JsonlCall
{
    /// <summary>The token of the element (<see cref="JsonTokenType.StartObject"/> for a call).</summary>
    public JsonTokenType Kind;

    /// <summary>The token of <c>id</c> (<see cref="JsonTokenType.None"/> when absent).</summary>
    public JsonTokenType IdKind;

    /// <summary>The value of <c>id</c>, when a string.</summary>
    public string? Id;

    /// <summary>The token of <c>function</c>.</summary>
    public JsonTokenType FunctionKind;

    /// <summary>The token of <c>function.name</c>.</summary>
    public JsonTokenType NameKind;

    /// <summary>The value of <c>function.name</c>, when a string.</summary>
    public string? Name;

    /// <summary>The token of <c>function.arguments</c>.</summary>
    public JsonTokenType ArgumentsKind;

    /// <summary>The value of <c>function.arguments</c>, when a string.</summary>
    public string? Arguments;
}
