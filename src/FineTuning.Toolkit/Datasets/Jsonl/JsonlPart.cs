using System.Text.Json;

namespace FineTuning.Toolkit.Datasets.Jsonl;

/// <summary>What one element of a message's <c>content</c> list held, as read (valid or not).</summary>
internal struct JsonlPart
{
    /// <summary>The token of the element (<see cref="JsonTokenType.StartObject"/> for a part).</summary>
    public JsonTokenType Kind;

    /// <summary>The token of <c>type</c> (<see cref="JsonTokenType.None"/> when absent).</summary>
    public JsonTokenType TypeKind;

    /// <summary>The value of <c>type</c>, when a string.</summary>
    public string? Type;

    /// <summary>The token of <c>text</c>.</summary>
    public JsonTokenType TextKind;

    /// <summary>The value of <c>text</c>, when a string.</summary>
    public string? Text;

    /// <summary>The token of <c>image_url</c>.</summary>
    public JsonTokenType ImageKind;

    /// <summary>The token of <c>image_url.url</c>.</summary>
    public JsonTokenType UrlKind;

    /// <summary>The value of <c>image_url.url</c>, when a string.</summary>
    public string? Url;

    /// <summary>The value of <c>image_url.detail</c>, when a string.</summary>
    public string? Detail;
}
