using System.Text.Json;
using FineTuning.Toolkit.Datasets.Jsonl;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Datasets;

/// <summary>
/// The shape every example must have before it becomes part of a <see cref="Dataset"/> (what <see cref="DatasetBuilder.Build"/>
/// checks): non-empty conversations, each message with either text or parts (or tool calls or a refusal), tool messages
/// with a call id, tools with a name and JSON-object parameters.
/// </summary>
internal static class ExampleShape
{
    /// <summary>Adds a line to <paramref name="problems"/> for each way the example is malformed.</summary>
    /// <param name="example">The example.</param>
    /// <param name="index">Its index, for the messages.</param>
    /// <param name="problems">Where to add the problems.</param>
    public static void Check(DatasetExample example, int index, List<string> problems)
    {
        var where = example.Category is null ? $"Example {index}" : $"Example {index} (category '{example.Category}')";
        switch (example)
        {
            case TrainingExample t:
                if (t.Messages.Count == 0)
                {
                    problems.Add($"{where}: the conversation is empty.");
                }

                CheckMessages(t.Messages, "messages", where, problems);
                CheckTools(t.Tools, "tools", where, problems);
                break;
            case PreferenceExample p:
                if (p.InputMessages.Count == 0)
                {
                    problems.Add($"{where}: the input conversation is empty.");
                }

                if (p.PreferredOutput.Count == 0)
                {
                    problems.Add($"{where}: the preferred output is empty.");
                }

                if (p.NonPreferredOutput.Count == 0)
                {
                    problems.Add($"{where}: the non-preferred output is empty.");
                }

                CheckMessages(p.InputMessages, "input.messages", where, problems);
                CheckMessages(p.PreferredOutput, "preferred_output", where, problems);
                CheckMessages(p.NonPreferredOutput, "non_preferred_output", where, problems);
                CheckTools(p.InputTools, "input.tools", where, problems);
                break;
        }
    }

    private static void CheckMessages(IReadOnlyList<TrainingMessage> messages, string path, string where, List<string> problems)
    {
        for (var i = 0; i < messages.Count; i++)
        {
            var m = messages[i];
            if (m is null)
            {
                problems.Add($"{where}, {path}[{i}]: the message is null.");
                continue;
            }

            if (m.Content is not null && m.ContentParts is not null)
            {
                problems.Add($"{where}, {path}[{i}]: the message has both text content and content parts.");
            }
            else if (m.Content is null && (m.ContentParts is null || m.ContentParts.Count == 0)
                     && (m.ToolCalls is null || m.ToolCalls.Count == 0) && m.Refusal is null)
            {
                problems.Add($"{where}, {path}[{i}]: the message has no content, tool calls or refusal.");
            }

            if (KnownRoles.NameOf(m.Role) is null)
            {
                problems.Add($"{where}, {path}[{i}]: the role '{m.Role}' is not one of system, developer, user, assistant or tool.");
            }

            if (m.Role == ChatRole.Tool && string.IsNullOrEmpty(m.ToolCallId))
            {
                problems.Add($"{where}, {path}[{i}]: the tool message has no tool_call_id.");
            }
        }
    }

    private static void CheckTools(IReadOnlyList<ToolDefinition>? tools, string path, string where, List<string> problems)
    {
        for (var i = 0; tools is not null && i < tools.Count; i++)
        {
            var tool = tools[i];
            if (tool is null || string.IsNullOrWhiteSpace(tool.Name))
            {
                problems.Add($"{where}, {path}[{i}]: the tool has no name.");
            }
            else if (tool.ParametersJson is not null && !IsJsonObject(tool.ParametersJson))
            {
                problems.Add($"{where}, {path}[{i}]: the parameters of '{tool.Name}' are not a JSON object.");
            }
        }
    }

    private static bool IsJsonObject(string json) =>
        JsonText.RootKind(json, JsonlReaderOptions.DefaultMaxDepth, out _) == JsonTokenType.StartObject;
}
