using System.Globalization;
using System.Text.Json;

namespace FineTuning.Toolkit.Validation.Rules;

/// <summary>
/// Assistant <c>tool_calls</c> are well formed with arguments holding a JSON object, and every tool message answers a
/// tool call id made by an earlier assistant message.
/// </summary>
internal sealed class ToolCallRule : IBuiltInExampleRule
{
    public IReadOnlyList<string> Codes { get; } =
        [ValidationIssueCodes.ToolCallMismatch, ValidationIssueCodes.InvalidToolArguments, ValidationIssueCodes.DataType];

    public void Validate(ExampleRuleContext context)
    {
        HashSet<string>? ids = null;
        foreach (var message in context.Messages)
        {
            if (!message.IsObject)
            {
                continue;
            }

            if (message.Element.TryGetProperty("tool_calls", out var calls) && calls.ValueKind != JsonValueKind.Null)
            {
                CheckCalls(context, message, calls, ref ids);
            }

            if (message.Element.TryGetProperty("function_call", out var functionCall) && functionCall.ValueKind == JsonValueKind.Object)
            {
                CheckArguments(context, message, functionCall, message.Path + ".function_call.arguments");
            }

            if (string.Equals(message.Role, "tool", StringComparison.Ordinal))
            {
                if (!message.Element.TryGetProperty("tool_call_id", out var id) || id.ValueKind != JsonValueKind.String)
                {
                    context.Report(ValidationIssueCodes.ToolCallMismatch, "the tool message has no \"tool_call_id\".", message.Index, message.Path + ".tool_call_id");
                }
                else if (ids is null || !ids.Contains(id.GetString()!))
                {
                    context.Report(ValidationIssueCodes.ToolCallMismatch, $"the tool message answers \"{id.GetString()}\", which no earlier assistant tool call made.", message.Index, message.Path + ".tool_call_id");
                }
            }
        }

        CheckDefinitions(context);
    }

    // A tool definition's "parameters" is a JSON Schema: an object (a dataset's ToolDefinition.ParametersJson that is not
    // JSON arrives here as a string).
    private static void CheckDefinitions(ExampleRuleContext context)
    {
        if (context.Tools.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        var prefix = context.Options.Method == FineTuneMethod.Dpo ? "input.tools" : "tools";
        var index = 0;
        foreach (var tool in context.Tools.EnumerateArray())
        {
            if (tool.ValueKind == JsonValueKind.Object
                && tool.TryGetProperty("function", out var function)
                && function.ValueKind == JsonValueKind.Object
                && function.TryGetProperty("parameters", out var parameters)
                && parameters.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
            {
                context.Report(
                    ValidationIssueCodes.DataType,
                    $"a tool's \"parameters\" must be a JSON Schema object, not {MessagesListRule.Describe(parameters)}.",
                    field: string.Create(CultureInfo.InvariantCulture, $"{prefix}[{index}].function.parameters"));
            }

            index++;
        }
    }

    private static void CheckCalls(ExampleRuleContext context, MessageInfo message, JsonElement calls, ref HashSet<string>? ids)
    {
        var field = message.Path + ".tool_calls";
        if (calls.ValueKind != JsonValueKind.Array)
        {
            context.Report(ValidationIssueCodes.DataType, $"\"tool_calls\" must be an array, not {MessagesListRule.Describe(calls)}.", message.Index, field);
            return;
        }

        var index = 0;
        foreach (var call in calls.EnumerateArray())
        {
            var callField = $"{field}[{index}]";
            index++;
            if (call.ValueKind != JsonValueKind.Object
                || !call.TryGetProperty("function", out var function)
                || function.ValueKind != JsonValueKind.Object
                || !function.TryGetProperty("name", out var name)
                || name.ValueKind != JsonValueKind.String)
            {
                context.Report(ValidationIssueCodes.DataType, "a tool call must be an object with a \"function\" holding a string \"name\".", message.Index, callField);
                continue;
            }

            if (call.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
            {
                (ids ??= new HashSet<string>(StringComparer.Ordinal)).Add(id.GetString()!);
            }

            CheckArguments(context, message, function, callField + ".function.arguments");
        }
    }

    private static void CheckArguments(ExampleRuleContext context, MessageInfo message, JsonElement function, string field)
    {
        if (!function.TryGetProperty("arguments", out var arguments) || arguments.ValueKind != JsonValueKind.String)
        {
            context.Report(ValidationIssueCodes.InvalidToolArguments, "\"arguments\" must be a string holding a JSON object.", message.Index, field);
            return;
        }

        var text = arguments.GetString()!;
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = context.Options.MaxDepth });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                context.Report(ValidationIssueCodes.InvalidToolArguments, $"\"arguments\" must hold a JSON object, not {MessagesListRule.Describe(document.RootElement)}.", message.Index, field);
            }
        }
        catch (JsonException ex)
        {
            context.Report(ValidationIssueCodes.InvalidToolArguments, $"\"arguments\" is not valid JSON ({ex.Message.Split('.')[0]}).", message.Index, field);
        }
    }
}
