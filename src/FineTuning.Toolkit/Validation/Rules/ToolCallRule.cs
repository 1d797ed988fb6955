using System.Runtime.CompilerServices;
using System.Globalization;
using System.Text.Json;
using FineTuning.Toolkit.Datasets.Jsonl;

namespace FineTuning.Toolkit.Validation.Rules;

/// <summary>
/// Assistant <c>tool_calls</c> are well formed with arguments holding a JSON object, and every tool message answers a
/// tool call id made by an earlier assistant message.
/// </summary>
internal sealed class ToolCallRule : IBuiltInExampleRule
{
    public IReadOnlyList<string> Codes { get; } =
        [ValidationIssueCodes.ToolCallMismatch, ValidationIssueCodes.InvalidToolArguments, ValidationIssueCodes.DataType];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Validate(ExampleRuleContext context)
    {
        HashSet<string>? ids = null;
        foreach (var message in context.Messages)
        {
            if (!message.IsObject)
            {
                continue;
            }

            var facts = message.Facts;
            if (facts.ToolCallsKind is not (JsonTokenType.None or JsonTokenType.Null))
            {
                CheckCalls(context, message, ref ids);
            }

            if (facts.FunctionCallKind == JsonTokenType.StartObject)
            {
                CheckArguments(context, message, facts.FunctionCallArgumentsKind, facts.FunctionCallArguments, call: null);
            }

            if (string.Equals(message.Role, "tool", StringComparison.Ordinal))
            {
                if (facts.ToolCallIdKind != JsonTokenType.String)
                {
                    context.Report(ValidationIssueCodes.ToolCallMismatch, "the tool message has no \"tool_call_id\".", message.Index, message.Path + ".tool_call_id");
                }
                else if (ids is null || !ids.Contains(facts.ToolCallId!))
                {
                    context.Report(ValidationIssueCodes.ToolCallMismatch, $"the tool message answers \"{facts.ToolCallId}\", which no earlier assistant tool call made.", message.Index, message.Path + ".tool_call_id");
                }
            }
        }

        CheckDefinitions(context);
    }

    // A tool definition's "parameters" is a JSON Schema: an object (a dataset's ToolDefinition.ParametersJson that is not
    // JSON arrives here as a string).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CheckDefinitions(ExampleRuleContext context)
    {
        if (context.Tools is not { } tools)
        {
            return;
        }

        var prefix = context.Options.Method == FineTuneMethod.Dpo ? "input.tools" : "tools";
        for (var index = 0; index < tools.Count; index++)
        {
            var tool = tools[index];
            if (tool.Kind == JsonTokenType.StartObject
                && tool.FunctionKind == JsonTokenType.StartObject
                && tool.ParametersKind is not (JsonTokenType.None or JsonTokenType.StartObject or JsonTokenType.Null))
            {
                context.Report(
                    ValidationIssueCodes.DataType,
                    $"a tool's \"parameters\" must be a JSON Schema object, not {MessagesListRule.Describe(tool.ParametersKind)}.",
                    field: string.Create(CultureInfo.InvariantCulture, $"{prefix}[{index}].function.parameters"));
            }
        }
    }

    // Field paths are built only for an issue: a valid call costs no string.
    private static void CheckCalls(ExampleRuleContext context, MessageInfo message, ref HashSet<string>? ids)
    {
        var facts = message.Facts;
        if (facts.ToolCallsKind != JsonTokenType.StartArray)
        {
            context.Report(ValidationIssueCodes.DataType, $"\"tool_calls\" must be an array, not {MessagesListRule.Describe(facts.ToolCallsKind)}.", message.Index, message.Path + ".tool_calls");
            return;
        }

        for (var index = 0; index < facts.Calls.Count; index++)
        {
            var call = facts.Calls[index];
            if (call.Kind != JsonTokenType.StartObject || call.FunctionKind != JsonTokenType.StartObject || call.NameKind != JsonTokenType.String)
            {
                context.Report(ValidationIssueCodes.DataType, "a tool call must be an object with a \"function\" holding a string \"name\".", message.Index, CallField(message, index));
                continue;
            }

            if (call.IdKind == JsonTokenType.String)
            {
                (ids ??= new HashSet<string>(StringComparer.Ordinal)).Add(call.Id!);
            }

            CheckArguments(context, message, call.ArgumentsKind, call.Arguments, index);
        }
    }

    // `call`: the index of the tool call holding the arguments, or null for the legacy function_call.
    private static void CheckArguments(ExampleRuleContext context, MessageInfo message, JsonTokenType kind, string? arguments, int? call)
    {
        if (kind != JsonTokenType.String)
        {
            context.Report(ValidationIssueCodes.InvalidToolArguments, "\"arguments\" must be a string holding a JSON object.", message.Index, ArgumentsField(message, call));
            return;
        }

        var root = JsonText.RootKind(arguments!, context.Options.MaxDepth, out var error);
        if (error is not null)
        {
            context.Report(ValidationIssueCodes.InvalidToolArguments, $"\"arguments\" is not valid JSON ({error.Split('.')[0]}).", message.Index, ArgumentsField(message, call));
        }
        else if (root != JsonTokenType.StartObject)
        {
            context.Report(ValidationIssueCodes.InvalidToolArguments, $"\"arguments\" must hold a JSON object, not {MessagesListRule.Describe(root)}.", message.Index, ArgumentsField(message, call));
        }
    }

    private static string CallField(MessageInfo message, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{message.Path}.tool_calls[{index}]");

    private static string ArgumentsField(MessageInfo message, int? call) =>
        call is { } index ? CallField(message, index) + ".function.arguments" : message.Path + ".function_call.arguments";
}
