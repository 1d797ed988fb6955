using System.Runtime.CompilerServices;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace FineTuning.Toolkit.Datasets.Jsonl;

/// <summary>
/// One line as <see cref="JsonlExampleReader"/> read it in its single pass: the typed example (<see cref="ToExample"/>)
/// or the first error that keeps the line from being one (<see cref="Error"/>), and the facts of the line for checks that
/// report more than one problem — every key of the format with the token found, the values that have the expected type,
/// the keys outside the format, where raw values are in the line. Reusable: one per worker, reset for each line.
/// </summary>
internal sealed class JsonlLine
{
    private JsonlError? _chatError;
    private JsonlError? _otherError;
    private JsonlError? _metadataError;

    /// <summary>Gets the line's bytes.</summary>
    public ReadOnlyMemory<byte> Bytes { get; private set; }

    /// <summary>Gets the 1-based line number.</summary>
    public int LineNumber { get; private set; }

    /// <summary>Gets what kept the line from being read as JSON, if anything.</summary>
    public JsonlSyntax Syntax { get; internal set; }

    /// <summary>Gets the byte of the line where the JSON syntax error is, when the reader knows it.</summary>
    public long? SyntaxErrorPosition { get; internal set; }

    /// <summary>Gets the token of the root value.</summary>
    public JsonTokenType RootKind { get; internal set; }

    /// <summary>Gets the first error that keeps the line from being an example, or <see langword="null"/>.</summary>
    public JsonlError? Error { get; private set; }

    public JsonlMessageList Messages { get; } = new();

    public JsonTokenType ToolsKind;

    public List<JsonlTool> Tools { get; } = [];

    public bool? ParallelToolCalls;

    public JsonTokenType InputKind;

    public JsonlMessageList InputMessages { get; } = new();

    public JsonTokenType InputToolsKind;

    public List<JsonlTool> InputTools { get; } = [];

    public bool? InputParallelToolCalls;

    public JsonlMessageList Preferred { get; } = new();

    public JsonlMessageList NonPreferred { get; } = new();

    /// <summary>The root <c>category</c> when a string (a key outside the format, kept for reports).</summary>
    public string? RootCategory;

    /// <summary>The root <c>metadata.category</c> when a string (a key outside the format, kept for reports).</summary>
    public string? MetadataCategory;

    public bool HasToolkitMetadata;

    public string? ToolkitCategory;

    public ImmutableArray<string>? ToolkitTags;

    /// <summary>Gets the buffer holding the line's message texts (valid until the next <see cref="Reset"/>).</summary>
    public TextArena Texts { get; } = new();

    /// <summary>Gets the reader of string values that repeat from line to line (system prompts).</summary>
    public RepeatedStringReader RepeatedStrings { get; } = new();

    /// <summary>Gets the path of the value being read (for errors).</summary>
    internal JsonlPath Path { get; } = new();

    /// <summary>Gets or sets which key of the root object is being read (errors are kept per key group).</summary>
    internal JsonlErrorGroup Group { get; set; }

    /// <summary>Gets the category of the line for reports: the root <c>category</c>, else <c>metadata.category</c>.</summary>
    public string? Category => RootCategory ?? MetadataCategory;

    /// <summary>Gets a value indicating whether the line is valid JSON holding an object.</summary>
    public bool IsObject => Syntax == JsonlSyntax.Valid && RootKind == JsonTokenType.StartObject;

    /// <summary>Gets a value indicating whether the line holds a <c>messages</c> key (chat format).</summary>
    public bool SawMessages => Messages.Kind != JsonTokenType.None;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Reset(ReadOnlyMemory<byte> bytes, int lineNumber)
    {
        Bytes = bytes;
        LineNumber = lineNumber;
        Texts.Reset();
        Syntax = JsonlSyntax.Valid;
        SyntaxErrorPosition = null;
        RootKind = JsonTokenType.None;
        Error = _chatError = _otherError = _metadataError = null;
        Messages.Reset(JsonTokenType.None);
        InputMessages.Reset(JsonTokenType.None);
        Preferred.Reset(JsonTokenType.None);
        NonPreferred.Reset(JsonTokenType.None);
        ToolsKind = InputKind = InputToolsKind = JsonTokenType.None;
        Tools.Clear();
        InputTools.Clear();
        ParallelToolCalls = InputParallelToolCalls = null;
        RootCategory = MetadataCategory = ToolkitCategory = null;
        HasToolkitMetadata = false;
        ToolkitTags = null;
        Path.Clear();
        Group = JsonlErrorGroup.None;
    }

    /// <summary>Gets a value indicating whether an error of the key being read would be kept (only the first of each group
    /// is), so that the message of one that would not is never built.</summary>
    internal bool WantsError => Group switch
    {
        JsonlErrorGroup.Chat => _chatError is null,
        JsonlErrorGroup.Metadata => _metadataError is null,
        JsonlErrorGroup.Other => _otherError is null,
        _ => false,
    };

    /// <summary>Records a mapping error (code, field, message) where the strict format stops; the first of each group is kept.</summary>
    internal void Fail(JsonlError error)
    {
        switch (Group)
        {
            case JsonlErrorGroup.Chat:
                _chatError ??= error;
                break;
            case JsonlErrorGroup.Metadata:
                _metadataError ??= error;
                break;
            case JsonlErrorGroup.Other:
                _otherError ??= error;
                break;
        }
    }

    /// <summary>Sets the error of a line that is not JSON, or not an object.</summary>
    internal void SetError(JsonlError error) => Error = error;

    /// <summary>Decides, once the line is read, whether it is an example: a syntax error, then an error in the metadata,
    /// then an error in the keys of the format the line is in (a chat example with a malformed <c>input</c> is a chat
    /// example), then a missing key.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void Complete()
    {
        if (Error is not null)
        {
            return;
        }

        var mapping = _metadataError ?? (SawMessages ? _chatError : _otherError) ?? MissingKey();
        if (mapping is not null)
        {
            Error = new JsonlError(mapping.Code, string.Create(CultureInfo.InvariantCulture, $"Line {LineNumber}, field '{mapping.Field}': {mapping.Message}"), mapping.Field);
        }
    }

    /// <summary>Builds the typed example; <see langword="null"/> when the line is in error.</summary>
    public DatasetExample? ToExample()
    {
        if (Error is not null || Syntax != JsonlSyntax.Valid)
        {
            return null;
        }

        DatasetExample example = SawMessages
            ? new TrainingExample
            {
                Messages = Messages.ToTrainingMessages(),
                Tools = ToolsKind == JsonTokenType.StartArray ? JsonlToolReader.ToDefinitions(Tools, Bytes) : null,
                ParallelToolCalls = ParallelToolCalls,
            }
            : new PreferenceExample
            {
                InputMessages = InputMessages.ToTrainingMessages(),
                InputTools = InputToolsKind == JsonTokenType.StartArray ? JsonlToolReader.ToDefinitions(InputTools, Bytes) : null,
                ParallelToolCalls = InputParallelToolCalls,
                PreferredOutput = Preferred.ToTrainingMessages(),
                NonPreferredOutput = NonPreferred.ToTrainingMessages(),
            };
        return HasToolkitMetadata ? example with { Category = ToolkitCategory, Tags = ToolkitTags ?? [] } : example;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private JsonlError? MissingKey()
    {
        if (SawMessages)
        {
            return null;
        }

        var hasInput = InputKind != JsonTokenType.None;
        if (!hasInput && Preferred.Kind != JsonTokenType.StartArray && NonPreferred.Kind != JsonTokenType.StartArray)
        {
            return new JsonlError(JsonlErrorCodes.MissingField,
                "missing 'messages' (chat format) or 'input' / 'preferred_output' / 'non_preferred_output' (preference format).", "messages");
        }

        return InputMessages.Kind != JsonTokenType.StartArray ? Missing(hasInput ? "input.messages" : "input")
            : Preferred.Kind != JsonTokenType.StartArray ? Missing("preferred_output")
            : NonPreferred.Kind != JsonTokenType.StartArray ? Missing("non_preferred_output")
            : null;
    }

    private static JsonlError Missing(string field) => new(JsonlErrorCodes.MissingField, "required field is missing.", field);
}
