namespace FineTuning.Toolkit.Datasets;

/// <summary>A function tool offered to the model in an example's <c>tools</c> list.</summary>
/// <param name="Name">The function name.</param>
/// <param name="Description">What the function does, or <see langword="null"/>.</param>
/// <param name="ParametersJson">The JSON Schema of the parameters as JSON text, or <see langword="null"/>.</param>
/// <param name="Strict">The <c>strict</c> flag, or <see langword="null"/> to leave it unspecified.</param>
public sealed record ToolDefinition(string Name, string? Description = null, string? ParametersJson = null, bool? Strict = null);
