using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using FineTuning.Toolkit.Datasets.Jsonl;
using FineTuning.Toolkit.Validation.Rules;

namespace FineTuning.Toolkit.Validation;

/// <summary>
/// Runs every per-example check on a batch of lines: UTF-8 and JSON syntax, the format rules, the quality rules, exact
/// token counts and custom rules. Thread-safe: each call works on its own context, so batches run in parallel.
/// </summary>
internal sealed class ExampleAnalyzer
{
    private readonly ValidationOptions _options;
    private readonly TokenCounter _counter;
    private readonly int _tokenLimit;
    private readonly string? _filePath;
    private readonly string? _label;
    private readonly IBuiltInExampleRule _shape;
    private readonly IBuiltInExampleRule[] _checks;
    private readonly ExampleLengthRule _length = new();
    // The tokens of the three usual role names, counted on first use (-1 until then) so that constructing an analyzer does
    // not wait for the encoding's ranks, which load in the background meanwhile.
    private int _systemTokens = -1;
    private int _userTokens = -1;
    private int _assistantTokens = -1;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<ulong, System.Runtime.CompilerServices.StrongBox<int>> _promptSightings = new();
    private int _distinctPrompts;
    private readonly System.Collections.Concurrent.ConcurrentBag<ExampleRuleContext> _contexts = [];

    public ExampleAnalyzer(ValidationOptions options, TokenCounter counter, int tokenLimit, string? filePath, string? label = null)
    {
        _label = label;
        _options = options;
        _counter = counter;
        _tokenLimit = tokenLimit;
        _filePath = filePath;
        _shape = options.Method == FineTuneMethod.Dpo ? new PreferenceFormatRule() : new MessagesListRule();
        IBuiltInExampleRule[] checks =
        [
            new MessageKeysRule(), new AssistantMessageRule(), new WeightRule(), new ToolCallRule(),
            new SystemMessageRule(), new UserMessageRule(), new ShortAssistantResponseRule(), new SensitiveDataRule(), new MojibakeRule(),
        ];

        // A check whose codes are all disabled is not run at all.
        _checks = [.. checks.Where(check => check.Codes.Any(options.IsEnabled))];
    }

    /// <summary>Analyzes a batch. The results are in a pooled array (at least as long as the batch): give it back with
    /// <see cref="ReturnResults"/> once they are read.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public (LineResult[] Items, int Count) Analyze(LineBatch batch)
    {
        // A worker's context (and the line reader inside it) is reused from batch to batch: each line resets it.
        var context = _contexts.TryTake(out var pooled) ? pooled : new ExampleRuleContext(_options, _counter, _tokenLimit, _filePath, _label);
        var slots = batch.Slots;
        var results = ArrayPool<LineResult>.Shared.Rent(Math.Max(1, slots.Length));
        for (var i = 0; i < slots.Length; i++)
        {
            results[i] = AnalyzeLine(context, slots[i], batch.BytesOf(slots[i]));
        }

        _contexts.Add(context);
        return (results, slots.Length);
    }

    /// <summary>Gives back the array of <see cref="Analyze"/>'s results (cleared: the results hold issue lists).</summary>
    public static void ReturnResults(LineResult[] results) => ArrayPool<LineResult>.Shared.Return(results, clearArray: true);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private LineResult AnalyzeLine(ExampleRuleContext context, LineSlot slot, ReadOnlyMemory<byte> bytes)
    {
        context.Reset(slot.Line, slot.ExampleIndex, slot.Category, slot.Source);
        switch (slot.Kind)
        {
            case JsonlLineKind.Blank:
                context.Report(ValidationIssueCodes.BlankLine, "blank line; every line must hold one example.");
                return new LineResult { Line = slot.Line, ExampleIndex = slot.ExampleIndex, IsExample = false, Issues = context.Issues, Unlisted = context.Unlisted };
            case JsonlLineKind.TooLong:
                context.Report(
                    ValidationIssueCodes.LineTooLong,
                    string.Create(CultureInfo.InvariantCulture, $"the line has {slot.RawLength:N0} bytes, more than the {_options.MaxLineBytes:N0} allowed; it was skipped."));
                return Finish(context, slot, counted: false);
        }

        // The line is read once, by the one JSONL reader: the typed example and the facts every rule below checks.
        var line = context.Facts;
        JsonlExampleReader.Read(line, bytes, slot.Line, _options.MaxDepth);
        switch (line.Syntax)
        {
            case JsonlSyntax.InvalidUtf8:
                context.Report(ValidationIssueCodes.InvalidUtf8, "the line is not valid UTF-8 (binary data, or a file saved in another encoding).");
                return Finish(context, slot, counted: false);
            case JsonlSyntax.TooDeep:
                context.Report(ValidationIssueCodes.NestingTooDeep, string.Create(CultureInfo.InvariantCulture, $"the JSON nests deeper than {_options.MaxDepth} levels."));
                return Finish(context, slot, counted: false);
            case JsonlSyntax.InvalidJson:
                var position = line.SyntaxErrorPosition is { } p ? string.Create(CultureInfo.InvariantCulture, $" at byte {p}") : string.Empty;
                context.Report(ValidationIssueCodes.InvalidJson, $"the line is not valid JSON{position}.");
                return Finish(context, slot, counted: false);
        }

        if (line.RootKind != JsonTokenType.StartObject)
        {
            context.Report(ValidationIssueCodes.DataType, $"each line must be a JSON object, not {MessagesListRule.Describe(line.RootKind)}.");
            return Finish(context, slot, counted: false);
        }

        context.Category ??= line.Category;
        _shape.Validate(context);
        if (!context.HasShape)
        {
            return Finish(context, slot, counted: false);
        }

        foreach (var check in _checks)
        {
            check.Validate(context);
        }

        CountTokens(context);
        _length.Validate(context);
        RunCustomRules(context);
        return Finish(context, slot, counted: true);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private LineResult Finish(ExampleRuleContext context, LineSlot slot, bool counted)
    {
        var result = new LineResult
        {
            Line = slot.Line,
            ExampleIndex = slot.ExampleIndex,
            IsExample = true,
            Issues = context.Issues,
            Unlisted = context.Unlisted,
            Counted = counted,
            Category = context.Category,
        };
        if (!counted)
        {
            return result;
        }

        result.TotalTokens = context.TotalTokens;
        result.AssistantTokens = context.AssistantTokens;
        var content = new StableHash();
        var overlap = new StableHash();
        var messages = 0;
        ReadOnlyMemory<char> systemPrompt = default;
        var hasSystemPrompt = false;
        ulong systemPromptHash = 0;
        foreach (var message in context.Messages)
        {
            if (message.Origin != MessageOrigin.NonPreferred)
            {
                messages++;
            }

            // Each message's text is hashed once; the example's hashes combine the messages' hashes.
            var textHash = StableHash.Of(message.Text.Span);
            if (message.IsSystem && message.Origin == MessageOrigin.Conversation && !hasSystemPrompt)
            {
                hasSystemPrompt = true;
                systemPrompt = message.Text;
                systemPromptHash = textHash;
            }

            var messageHash = HashMessage(message, textHash, context.Facts);
            content.Add(messageHash);
            if (!message.IsSystem)
            {
                overlap.Add(messageHash);
            }
        }

        if (hasSystemPrompt)
        {
            KeepSystemPrompt(ref result, systemPrompt, systemPromptHash);
        }

        result.MessageCount = messages;
        result.ContentHash = content.Value;
        result.OverlapHash = overlap.Value;
        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void KeepSystemPrompt(ref LineResult result, ReadOnlyMemory<char> systemPrompt, ulong systemPromptHash)
    {
        var promptHash = new StableHash();
        promptHash.Add(systemPromptHash);
        result.HasSystemPrompt = true;
        result.SystemPromptHash = promptHash.Value;

        // Keep the text (for the report's preview) only the first few times a prompt is seen, so that results waiting
        // for the ordered aggregation do not hold every example's prompt alive.
        // Lock-free on the hot path: every worker sees the same prompt on every line, so a known prompt is only read
        // (and counted until it has been kept 64 times).
        if (!_promptSightings.TryGetValue(promptHash.Value, out var seen)
            && Volatile.Read(ref _distinctPrompts) < SystemPromptConsistencyRule.MaxDistinctPrompts)
        {
            var fresh = new System.Runtime.CompilerServices.StrongBox<int>();
            if (_promptSightings.TryAdd(promptHash.Value, fresh))
            {
                Interlocked.Increment(ref _distinctPrompts);
            }

            _promptSightings.TryGetValue(promptHash.Value, out seen);
        }

        if (seen is not null && Volatile.Read(ref seen.Value) < 64 && Interlocked.Increment(ref seen.Value) <= 64)
        {
            result.SystemPrompt = TextArena.ToString(systemPrompt);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ulong HashMessage(MessageInfo message, ulong textHash, JsonlLine line)
    {
        var hash = new StableHash();
        hash.Add((ulong)message.Origin);
        hash.Add(message.Role);
        hash.Add(textHash);
        if (!message.IsObject)
        {
            return hash.Value;
        }

        var facts = message.Facts;
        if (facts.NameKind == JsonTokenType.String)
        {
            hash.Add(facts.Name);
        }

        if (facts.ToolCallsKind == JsonTokenType.StartArray)
        {
            hash.Add(StableHash.Of(facts.ToolCallsSpan.TextIn(line).Span));
        }

        if (facts.ToolCallIdKind == JsonTokenType.String)
        {
            hash.Add(facts.ToolCallId);
        }

        return hash.Value;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void CountTokens(ExampleRuleContext context)
    {
        var total = TokenCounter.ReplyPrimingTokens;
        var assistant = 0;
        foreach (var message in context.Messages)
        {
            var text = _counter.CountTokens(message.Text);
            total += TokenCounter.TokensPerMessage + RoleTokens(message.Role) + text;
            if (message.IsAssistant && message.Origin != MessageOrigin.NonPreferred)
            {
                assistant += text;
            }

            if (message.IsObject)
            {
                total += CountMessageFields(message.Facts);
            }
        }

        if (context.Tools is { } tools)
        {
            foreach (var tool in tools)
            {
                if (tool.Kind == JsonTokenType.StartObject && tool.FunctionKind == JsonTokenType.StartObject)
                {
                    total += CountString(tool.NameKind, tool.Name) + CountString(tool.DescriptionKind, tool.Description);
                    if (tool.ParametersKind != JsonTokenType.None)
                    {
                        // The raw JSON text of the parameters, as written in the line.
                        total += _counter.CountTokens(tool.Parameters.TextIn(context.Facts));
                    }
                }
            }
        }

        context.TotalTokens = total;
        context.AssistantTokens = assistant;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int CountMessageFields(JsonlMessage message)
    {
        var total = 0;
        if (message.NameKind == JsonTokenType.String)
        {
            total += _counter.CountTokens(message.Name!) + TokenCounter.TokensPerName;
        }

        total += CountString(message.RefusalKind, message.Refusal) + CountString(message.ToolCallIdKind, message.ToolCallId);
        if (message.ToolCallsKind == JsonTokenType.StartArray)
        {
            foreach (var call in message.Calls)
            {
                if (call.Kind == JsonTokenType.StartObject)
                {
                    total += CountString(call.IdKind, call.Id);
                    if (call.FunctionKind == JsonTokenType.StartObject)
                    {
                        total += CountString(call.NameKind, call.Name) + CountString(call.ArgumentsKind, call.Arguments);
                    }
                }
            }
        }

        return total;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int RoleTokens(string? role) => role switch
    {
        null => 0,
        "system" => KnownRoleTokens(ref _systemTokens, "system"),
        "user" => KnownRoleTokens(ref _userTokens, "user"),
        "assistant" => KnownRoleTokens(ref _assistantTokens, "assistant"),
        _ => _counter.CountTokens(role),
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int KnownRoleTokens(ref int known, string role)
    {
        var tokens = Volatile.Read(ref known);
        if (tokens < 0)
        {
            tokens = _counter.CountTokens(role);
            Volatile.Write(ref known, tokens);
        }

        return tokens;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int CountString(JsonTokenType kind, string? value) => kind == JsonTokenType.String ? _counter.CountTokens(value!) : 0;

    // Custom rules see the typed example: a dataset's own, or one built from the line's single read on first use.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunCustomRules(ExampleRuleContext context)
    {
        if (_options.CustomRules.Count == 0 || context.Example is null)
        {
            return;
        }

        foreach (var rule in _options.CustomRules)
        {
            try
            {
                rule.Validate(context);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                context.Report("custom_rule", ValidationSeverity.Error, $"the custom rule {rule.GetType().Name} threw {ex.GetType().Name}: {ex.Message}");
            }
        }
    }
}
