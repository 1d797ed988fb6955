using System.Collections.Concurrent;
using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.Datasets.Jsonl;
using FineTuning.Toolkit.Internal.Text;
using Microsoft.Extensions.AI;
using System.Runtime.CompilerServices;

namespace FineTuning.Toolkit.Validation;

/// <summary>
/// Counts tokens exactly as OpenAI's <c>tiktoken</c> does (with the <c>o200k_base</c> / <c>cl100k_base</c> data that
/// <c>Microsoft.ML.Tokenizers</c> bundles), for single strings and for whole chat conversations.
/// </summary>
/// <remarks>
/// <para>
/// Instances are thread-safe and shared: <see cref="ForModel(string)"/> and <see cref="ForEncoding(string)"/> return one
/// cached instance per encoding, so the tokenizer data is loaded once per process.
/// </para>
/// <para>
/// <see cref="CountTokens(string)"/> remembers the count of strings that repeat in a bounded cache (at most
/// <see cref="CacheCharacterBudget"/> characters in all), so text that recurs across a dataset — typically the system
/// prompt, present in every example — is tokenized a few times, not once per example. A string is admitted on its third
/// sighting (a small direct-mapped table of hashes remembers earlier sightings) and does not push out an entry used since
/// it was cached, so texts seen once or twice never crowd repeated ones out; when the budget is spent the cache starts
/// afresh. Counts are always exact; the cache only saves work.
/// </para>
/// <para>
/// Conversation counts follow the formula of OpenAI's cookbook (<c>num_tokens_from_messages</c>): every message costs
/// <see cref="TokensPerMessage"/> (3) tokens plus the tokens of each of its string fields (role, content, name, ...);
/// a <c>name</c> costs <see cref="TokensPerName"/> (1) more token; and the conversation costs
/// <see cref="ReplyPrimingTokens"/> (3) tokens for priming the reply. Tool calls and tool definitions are counted as the
/// tokens of their strings (call id, function name, arguments, definition JSON), which approximates — but cannot match
/// exactly — how the service renders them. Images are not counted.
/// </para>
/// </remarks>
internal sealed class TokenCounter
{
    /// <summary>The name of the <c>o200k_base</c> encoding (gpt-4o, gpt-4o-mini, gpt-4.1 families, o-series models).</summary>
    public const string O200kBase = "o200k_base";

    /// <summary>The name of the <c>cl100k_base</c> encoding (gpt-3.5-turbo, gpt-4, gpt-4-turbo).</summary>
    public const string Cl100kBase = "cl100k_base";

    /// <summary>The tokens every message costs besides its fields (3, as in OpenAI's cookbook).</summary>
    public const int TokensPerMessage = 3;

    /// <summary>The extra token a message's <c>name</c> field costs (1, as in OpenAI's cookbook).</summary>
    public const int TokensPerName = 1;

    /// <summary>The tokens that prime the assistant's reply, counted once per conversation (3, as in OpenAI's cookbook).</summary>
    public const int ReplyPrimingTokens = 3;

    /// <summary>The number of characters the per-instance cache of counted strings may hold in all (2,097,152).</summary>
    public const int CacheCharacterBudget = 2 * 1024 * 1024;

    /// <summary>Strings longer than this (16,384 characters) are counted but never cached.</summary>
    public const int MaxCachedStringLength = 16 * 1024;

    private static readonly ConcurrentDictionary<string, Lazy<TokenCounter>> Instances = new(StringComparer.Ordinal);

    private readonly PieceCounter _pieces;

    // Whole strings: 16,384 slots, at most CacheCharacterBudget characters held.
    private readonly CountCache _strings = new(slotBits: 14, characterBudget: CacheCharacterBudget);

    private TokenCounter(string encodingName)
    {
        EncodingName = encodingName;
        _pieces = new PieceCounter(encodingName);
    }

    /// <summary>Gets the name of the encoding: <see cref="O200kBase"/> or <see cref="Cl100kBase"/>.</summary>
    public string EncodingName { get; }

    /// <summary>Gets the shared counter for the encoding a model uses (see <see cref="GetEncodingName(string)"/>).</summary>
    /// <param name="model">The model name, for example <c>gpt-4o-mini-2024-07-18</c> or <c>ft:gpt-4o-mini-2024-07-18:org::id</c>.</param>
    /// <returns>The counter.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    public static TokenCounter ForModel(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return ForEncoding(GetEncodingName(model));
    }

    /// <summary>Gets the shared counter for an encoding.</summary>
    /// <param name="encodingName"><see cref="O200kBase"/> or <see cref="Cl100kBase"/>.</param>
    /// <returns>The counter.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="encodingName"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The encoding is not one of the supported encodings.</exception>
    public static TokenCounter ForEncoding(string encodingName)
    {
        ArgumentNullException.ThrowIfNull(encodingName);
        if (!string.Equals(encodingName, O200kBase, StringComparison.Ordinal) && !string.Equals(encodingName, Cl100kBase, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Unsupported encoding '{encodingName}'; use '{O200kBase}' or '{Cl100kBase}'.", nameof(encodingName));
        }

        return Instances.GetOrAdd(
            encodingName,
            static name => new Lazy<TokenCounter>(() => new TokenCounter(name))).Value;
    }

    /// <summary>Creates a new, unshared counter with an empty cache (benchmarks measure cold caches with it).</summary>
    /// <param name="encodingName"><see cref="O200kBase"/> or <see cref="Cl100kBase"/>.</param>
    /// <returns>The counter.</returns>
    internal static TokenCounter CreateUnshared(string encodingName) =>
        new(ForEncoding(encodingName).EncodingName);

    /// <summary>
    /// Gets the encoding a model uses: <see cref="Cl100kBase"/> for gpt-3.5-turbo and gpt-4 (including gpt-4-turbo),
    /// <see cref="O200kBase"/> for gpt-4o, gpt-4o-mini, the gpt-4.1, gpt-4.5 and gpt-5 families, the o-series and any
    /// other model. A fine-tuned model name (<c>ft:base:org:suffix:id</c>) uses its base model's encoding.
    /// </summary>
    /// <param name="model">The model name.</param>
    /// <returns>The encoding name.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    public static string GetEncodingName(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var name = model.Trim();
        if (name.StartsWith("ft:", StringComparison.OrdinalIgnoreCase))
        {
            name = name[3..];
            var colon = name.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0)
            {
                name = name[..colon];
            }
        }

        if (name.StartsWith("gpt-3.5", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("gpt-35", StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, "gpt-4", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("gpt-4-", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("text-embedding-", StringComparison.OrdinalIgnoreCase))
        {
            return Cl100kBase;
        }

        return O200kBase;
    }

    /// <summary>Starts loading the encoding's merge ranks on a thread-pool thread, so that a validation's first lines are
    /// read and checked while they load; counting waits for them only if they are not loaded yet, and a failed load
    /// surfaces at the first count, as before.</summary>
    internal void PreloadInBackground() =>
        ThreadPool.UnsafeQueueUserWorkItem(static pieces => PreloadQuietly(pieces), _pieces, preferLocal: false);

    /// <summary>Loads the ranks, keeping a failure for the first count instead of throwing it.</summary>
    internal static void PreloadQuietly(PieceCounter pieces)
    {
        try
        {
            pieces.Preload();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Not here, on a pool thread, where it would end the process: the load is cached with its exception, and the
            // first count rethrows it to the caller.
        }
    }

    /// <summary>Counts the tokens of a text, remembering the count of each distinct string (bounded cache).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The number of tokens, as tiktoken's <c>len(encoding.encode(text))</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    public int CountTokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Count(text, text);
    }

    /// <summary>Counts the tokens of a span of text, through the same cache (a text cached is copied).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The number of tokens.</returns>
    public int CountTokens(ReadOnlySpan<char> text) => Count(text, whole: null);

    /// <summary>Counts the tokens of a text in memory: a slice of a line's buffer (copied if it is cached), or a whole
    /// string (cached as the same instance, which is then recognised by reference).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The number of tokens.</returns>
    internal int CountTokens(ReadOnlyMemory<char> text) => Count(text.Span, TextArena.TryGetWhole(text, out var whole) ? whole : null);

    // The toolkit's own hash and cache, compiled optimised at once: the same string instance (a system prompt the reader
    // hands out again) is recognised without comparing its characters, and a text is cached only once it has been seen
    // three times. `whole` is the text as a string when the caller has one, cached without a copy.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Count(ReadOnlySpan<char> text, string? whole)
    {
        if (text.IsEmpty)
        {
            return 0;
        }

        if (text.Length > MaxCachedStringLength)
        {
            return _pieces.Count(text);
        }

        var wide = StableHash.Of(text);
        var hash = (int)(wide ^ (wide >> 32)) | 1;
        if (_strings.TryGet(text, hash, out var cached))
        {
            return cached;
        }

        var count = _pieces.Count(text);
        if (whole is not null)
        {
            _strings.Add(whole, hash, count);
        }
        else
        {
            _strings.Add(text, hash, count);
        }

        return count;
    }

    /// <summary>
    /// Counts the tokens of a conversation with the cookbook's per-message overhead (see the remarks of <see cref="TokenCounter"/>).
    /// </summary>
    /// <param name="messages">The messages.</param>
    /// <returns>The number of tokens.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="messages"/> is <see langword="null"/>.</exception>
    public int CountTokens(IEnumerable<TrainingMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var total = ReplyPrimingTokens;
        foreach (var message in messages)
        {
            total += CountMessage(message);
        }

        return total;
    }

    /// <summary>
    /// Counts the tokens of a supervised example: its conversation (see <see cref="CountTokens(IEnumerable{TrainingMessage})"/>)
    /// plus the tokens of its tool definitions (name, description and parameters JSON).
    /// </summary>
    /// <param name="example">The example.</param>
    /// <returns>The number of tokens.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="example"/> is <see langword="null"/>.</exception>
    public int CountTokens(TrainingExample example)
    {
        ArgumentNullException.ThrowIfNull(example);
        return CountTokens(example.Messages) + CountTools(example.Tools);
    }

    /// <summary>
    /// Counts the tokens of a preference (DPO) example: the input conversation, its tools, and both outputs.
    /// </summary>
    /// <param name="example">The example.</param>
    /// <returns>The number of tokens.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="example"/> is <see langword="null"/>.</exception>
    public int CountTokens(PreferenceExample example)
    {
        ArgumentNullException.ThrowIfNull(example);
        var total = CountTokens(example.InputMessages) + CountTools(example.InputTools);
        foreach (var message in example.PreferredOutput)
        {
            total += CountMessage(message);
        }

        foreach (var message in example.NonPreferredOutput)
        {
            total += CountMessage(message);
        }

        return total;
    }

    /// <summary>
    /// Counts the tokens of the assistant messages' content only (the cookbook's <c>num_assistant_tokens_from_messages</c>),
    /// the part of a conversation the model learns from.
    /// </summary>
    /// <param name="messages">The messages.</param>
    /// <returns>The number of tokens.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="messages"/> is <see langword="null"/>.</exception>
    public int CountAssistantTokens(IEnumerable<TrainingMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var total = 0;
        foreach (var message in messages)
        {
            if (message.Role == ChatRole.Assistant)
            {
                total += CountTokens(message.Text);
            }
        }

        return total;
    }

    internal static string RoleName(ChatRole role) => KnownRoles.NameOf(role) ?? role.Value?.ToLowerInvariant() ?? string.Empty;

    private int CountMessage(TrainingMessage message)
    {
        var total = TokensPerMessage + CountTokens(RoleName(message.Role)) + CountTokens(message.Text);
        if (message.Name is not null)
        {
            total += CountTokens(message.Name) + TokensPerName;
        }

        if (message.Refusal is not null)
        {
            total += CountTokens(message.Refusal);
        }

        if (message.ToolCallId is not null)
        {
            total += CountTokens(message.ToolCallId);
        }

        if (message.ToolCalls is not null)
        {
            foreach (var call in message.ToolCalls)
            {
                total += CountTokens(call.Id) + CountTokens(call.FunctionName) + CountTokens(call.Arguments);
            }
        }

        return total;
    }

    private int CountTools(IReadOnlyList<ToolDefinition>? tools)
    {
        if (tools is null)
        {
            return 0;
        }

        var total = 0;
        foreach (var tool in tools)
        {
            total += CountTokens(tool.Name);
            if (tool.Description is not null)
            {
                total += CountTokens(tool.Description);
            }

            if (tool.ParametersJson is not null)
            {
                total += CountTokens(tool.ParametersJson);
            }
        }

        return total;
    }
}
