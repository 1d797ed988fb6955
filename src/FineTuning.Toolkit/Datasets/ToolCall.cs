using Microsoft.Extensions.AI;
namespace FineTuning.Toolkit.Datasets;

/// <summary>A function call made by an assistant message (<c>tool_calls[]</c> with <c>type: function</c>).</summary>
/// <param name="Id">The call id that a later <see cref="ChatRole.Tool"/> message answers with <c>tool_call_id</c>.</param>
/// <param name="FunctionName">The name of the function called.</param>
/// <param name="Arguments">The arguments as a JSON text (OpenAI expects a JSON object encoded as a string).</param>
public sealed record ToolCall(string Id, string FunctionName, string Arguments);
