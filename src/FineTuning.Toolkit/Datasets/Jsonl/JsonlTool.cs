using System.Text.Json;

namespace FineTuning.Toolkit.Datasets.Jsonl;

/// <summary>What one element of a <c>tools</c> list held, as read (valid or not).</summary>
internal struct JsonlTool
{
    /// <summary>The token of the element (<see cref="JsonTokenType.StartObject"/> for a tool).</summary>
    public JsonTokenType Kind;

    /// <summary>The token of <c>function</c> (<see cref="JsonTokenType.None"/> when absent).</summary>
    public JsonTokenType FunctionKind;

    /// <summary>The token of <c>function.name</c>.</summary>
    public JsonTokenType NameKind;

    /// <summary>The value of <c>function.name</c>, when a string.</summary>
    public string? Name;

    /// <summary>The token of <c>function.description</c>.</summary>
    public JsonTokenType DescriptionKind;

    /// <summary>The value of <c>function.description</c>, when a string.</summary>
    public string? Description;

    /// <summary>The token of <c>function.parameters</c>.</summary>
    public JsonTokenType ParametersKind;

    /// <summary>Where the raw JSON text of <c>function.parameters</c> is in the line.</summary>
    public JsonlSpan Parameters;

    /// <summary>The value of <c>function.strict</c>.</summary>
    public bool? Strict;
}
