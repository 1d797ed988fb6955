namespace FineTuning.Toolkit.Validation;

/// <summary>
/// The stable codes of <see cref="ValidationIssue"/>s. They are snake_case, documented in the README, and never renamed;
/// use them to disable checks (<see cref="ValidationOptions.Disable(string[])"/>) or to filter reports.
/// </summary>
public static class ValidationIssueCodes
{
    /// <summary>Error: a line is not valid JSON.</summary>
    public const string InvalidJson = "invalid_json";

    /// <summary>Error: a line is not valid UTF-8 (for example binary data or a file saved in another encoding).</summary>
    public const string InvalidUtf8 = "invalid_utf8";

    /// <summary>Error: a value has the wrong JSON type (the line is not an object, <c>messages</c> is not an array, a message is not an object, ...).</summary>
    public const string DataType = "data_type";

    /// <summary>Error: a supervised example has no <c>messages</c> list.</summary>
    public const string MissingMessagesList = "missing_messages_list";

    /// <summary>Error: a message lacks <c>role</c> or <c>content</c>.</summary>
    public const string MessageMissingKey = "message_missing_key";

    /// <summary>Error: a message has a key the format does not define.</summary>
    public const string MessageUnrecognizedKey = "message_unrecognized_key";

    /// <summary>Error: a message has a role other than system, developer, user, assistant, tool (or the legacy function).</summary>
    public const string UnrecognizedRole = "unrecognized_role";

    /// <summary>Error: a message has no usable content (null, empty, or of the wrong type) and no tool calls.</summary>
    public const string MissingContent = "missing_content";

    /// <summary>Error: an example has no assistant message to learn from.</summary>
    public const string ExampleMissingAssistantMessage = "example_missing_assistant_message";

    /// <summary>Error: a <c>weight</c> is not 0 or 1, or is set on a message that is not from the assistant.</summary>
    public const string InvalidWeight = "invalid_weight";

    /// <summary>Error: every assistant message of an example has weight 0, so nothing is learnt from it.</summary>
    public const string NoTrainableTokens = "no_trainable_tokens";

    /// <summary>Error: a tool message answers no tool call id made by an earlier assistant message.</summary>
    public const string ToolCallMismatch = "tool_call_mismatch";

    /// <summary>Error: a tool call's <c>arguments</c> is not a string holding a JSON object.</summary>
    public const string InvalidToolArguments = "invalid_tool_arguments";

    /// <summary>Error: a DPO example lacks <c>input.messages</c>, <c>preferred_output</c> or <c>non_preferred_output</c>, or they are malformed.</summary>
    public const string InvalidPreferenceFormat = "invalid_preference_format";

    /// <summary>Error: fewer than the minimum number of examples (10) that OpenAI accepts.</summary>
    public const string TooFewExamples = "too_few_examples";

    /// <summary>Error: the file or dataset holds no examples.</summary>
    public const string EmptyFile = "empty_file";

    /// <summary>Error: a line is longer than <see cref="ValidationOptions.MaxLineBytes"/>; it was skipped.</summary>
    public const string LineTooLong = "line_too_long";

    /// <summary>Error: a line nests JSON deeper than <see cref="ValidationOptions.MaxDepth"/>.</summary>
    public const string NestingTooDeep = "nesting_too_deep";

    /// <summary>Warning: an example has more tokens than the model's per-example limit; it will be truncated.</summary>
    public const string ExampleTooLong = "example_too_long";

    /// <summary>Warning: the file starts with a UTF-8 byte order mark.</summary>
    public const string ByteOrderMark = "byte_order_mark";

    /// <summary>Warning: a blank line.</summary>
    public const string BlankLine = "blank_line";

    /// <summary>Warning: an example has no system (or developer) message.</summary>
    public const string MissingSystemMessage = "missing_system_message";

    /// <summary>Warning: an example has no user message.</summary>
    public const string MissingUserMessage = "missing_user_message";

    /// <summary>Warning: an assistant answer is shorter than <see cref="ValidationOptions.MinAssistantLength"/> characters.</summary>
    public const string ShortAssistantResponse = "short_assistant_response";

    /// <summary>Warning: an example repeats an earlier one.</summary>
    public const string DuplicateExample = "duplicate_example";

    /// <summary>Warning: an example's system prompt differs from the one most examples use.</summary>
    public const string InconsistentSystemPrompt = "inconsistent_system_prompt";

    /// <summary>Warning: personal data (e-mail address, phone number, card number passing the Luhn check).</summary>
    public const string PiiDetected = "pii_detected";

    /// <summary>Warning: a secret (API key or token such as <c>sk-...</c>, an AWS access key, a bearer token).</summary>
    public const string SecretDetected = "secret_detected";

    /// <summary>Warning: UTF-8 text decoded with the wrong code page (for example "Ã©", "ðŸ", "üîê").</summary>
    public const string Mojibake = "mojibake";

    /// <summary>Warning: a required category has fewer examples than asked.</summary>
    public const string CategoryUnderrepresented = "category_underrepresented";

    /// <summary>Warning: a validation example also appears in the training data.</summary>
    public const string TrainValidationOverlap = "train_validation_overlap";

    /// <summary>Warning: the provider stops (or has stopped) accepting fine-tuning jobs on the model within 30 days; the message names the date and the alternatives.</summary>
    public const string ModelTrainingEnding = "model_training_ending";

    /// <summary>Gets every built-in code with its severity and meaning, in documentation order.</summary>
    public static IReadOnlyList<(string Code, ValidationSeverity Severity, string Meaning)> All { get; } =
    [
        (InvalidJson, ValidationSeverity.Error, "The line is not valid JSON."),
        (InvalidUtf8, ValidationSeverity.Error, "The line is not valid UTF-8."),
        (DataType, ValidationSeverity.Error, "A value has the wrong JSON type."),
        (MissingMessagesList, ValidationSeverity.Error, "A supervised example has no `messages` list."),
        (MessageMissingKey, ValidationSeverity.Error, "A message lacks `role` or `content`."),
        (MessageUnrecognizedKey, ValidationSeverity.Error, "A message has a key the format does not define."),
        (UnrecognizedRole, ValidationSeverity.Error, "A role other than system, developer, user, assistant, tool."),
        (MissingContent, ValidationSeverity.Error, "A message has no usable content and no tool calls."),
        (ExampleMissingAssistantMessage, ValidationSeverity.Error, "An example has no assistant message."),
        (InvalidWeight, ValidationSeverity.Error, "A `weight` that is not 0 or 1, or not on an assistant message."),
        (NoTrainableTokens, ValidationSeverity.Error, "Every assistant message has weight 0."),
        (ToolCallMismatch, ValidationSeverity.Error, "A tool message answers no earlier tool call id."),
        (InvalidToolArguments, ValidationSeverity.Error, "Tool call arguments are not a JSON object in a string."),
        (InvalidPreferenceFormat, ValidationSeverity.Error, "A DPO example lacks or misshapes input / preferred_output / non_preferred_output."),
        (TooFewExamples, ValidationSeverity.Error, "Fewer than 10 examples."),
        (EmptyFile, ValidationSeverity.Error, "No examples at all."),
        (LineTooLong, ValidationSeverity.Error, "A line longer than `MaxLineBytes`; skipped."),
        (NestingTooDeep, ValidationSeverity.Error, "JSON nested deeper than `MaxDepth`."),
        (ExampleTooLong, ValidationSeverity.Warning, "More tokens than the model's per-example limit; it will be truncated."),
        (ByteOrderMark, ValidationSeverity.Warning, "The file starts with a UTF-8 byte order mark."),
        (BlankLine, ValidationSeverity.Warning, "A blank line."),
        (MissingSystemMessage, ValidationSeverity.Warning, "No system (or developer) message."),
        (MissingUserMessage, ValidationSeverity.Warning, "No user message."),
        (ShortAssistantResponse, ValidationSeverity.Warning, "An assistant answer shorter than `MinAssistantLength` (50) characters."),
        (DuplicateExample, ValidationSeverity.Warning, "The example repeats an earlier one."),
        (InconsistentSystemPrompt, ValidationSeverity.Warning, "The system prompt differs from the one most examples use."),
        (PiiDetected, ValidationSeverity.Warning, "An e-mail address, phone number or Luhn-valid card number."),
        (SecretDetected, ValidationSeverity.Warning, "An API key or token (`sk-...`, AWS key, bearer token, GitHub token)."),
        (Mojibake, ValidationSeverity.Warning, "UTF-8 text decoded with the wrong code page (\"Ã©\", \"ðŸ\", \"üîê\")."),
        (CategoryUnderrepresented, ValidationSeverity.Warning, "A required category has fewer examples than asked."),
        (TrainValidationOverlap, ValidationSeverity.Warning, "A validation example also appears in the training data."),
        (ModelTrainingEnding, ValidationSeverity.Warning, "The provider's training cut-off for the model is within 30 days or past (date and alternatives named)."),
    ];
}
