using FineTuning.Toolkit.Datasets.Import;
using FineTuning.Toolkit.Datasets.Jsonl;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Datasets;

/// <summary>
/// Builds a <see cref="Dataset"/> fluently: examples written in code, imported from JSONL or CSV, merged from other datasets,
/// then de-duplicated and shuffled. Mutable; every method returns this builder; <see cref="Build"/> validates the shape and
/// returns an immutable dataset.
/// </summary>
/// <remarks>
/// <para><see cref="WithSystemPrompt(string)"/> applies at <see cref="Build"/> to every example, wherever it came from.
/// <see cref="Deduplicate(IEqualityComparer{DatasetExample}?)"/> and <see cref="Shuffle(int)"/> apply to the examples added so far.</para>
/// <para>Imports fail fast: a bad line in <see cref="AddJsonl(string)"/> or
/// <see cref="AddCsv(string, CsvImportOptions?)"/> throws a <see cref="DataFormatException"/> naming the file and the line,
/// and nothing from that file is added. To collect every problem of a JSONL file instead, validate it with
/// <c>DatasetValidator.ValidateFileAsync</c>.</para>
/// </remarks>
public sealed class DatasetBuilder
{
    private List<DatasetExample> _examples = [];
    private string? _systemPrompt;

    /// <summary>Gets the number of examples added so far.</summary>
    public int Count => _examples.Count;

    /// <summary>Creates an empty builder.</summary>
    /// <returns>A new builder.</returns>
    public static DatasetBuilder Create() => new();

    /// <summary>Sets a system prompt that <see cref="Build"/> puts first in every example that has no <c>system</c> or
    /// <c>developer</c> message (in the input, for preference examples).</summary>
    /// <param name="systemPrompt">The system prompt.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="systemPrompt"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="systemPrompt"/> is empty or white space.</exception>
    public DatasetBuilder WithSystemPrompt(string systemPrompt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(systemPrompt);
        _systemPrompt = systemPrompt;
        return this;
    }

    /// <summary>Adds a supervised example, typically one user message and one assistant answer.</summary>
    /// <param name="category">The category (for coverage and stratified splits), or <see langword="null"/>.</param>
    /// <param name="configure">Adds the messages: <c>e =&gt; e.User("...").Assistant("...")</c>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="configure"/> is <see langword="null"/>.</exception>
    public DatasetBuilder AddExample(string? category, Action<ConversationBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var conversation = new ConversationBuilder();
        configure(conversation);
        _examples.Add(conversation.Build(category));
        return this;
    }

    /// <summary>Adds a supervised example without category.</summary>
    /// <param name="configure">Adds the messages.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="configure"/> is <see langword="null"/>.</exception>
    public DatasetBuilder AddExample(Action<ConversationBuilder> configure) => AddExample(null, configure);

    /// <summary>Adds a single-turn example: one user message and one assistant answer.</summary>
    /// <param name="category">The category, or <see langword="null"/>.</param>
    /// <param name="user">What the user says.</param>
    /// <param name="assistant">The answer the model should learn.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="user"/> or <paramref name="assistant"/> is <see langword="null"/>.</exception>
    public DatasetBuilder AddExample(string? category, string user, string assistant)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(assistant);
        return AddExample(category, e => e.User(user).Assistant(assistant));
    }

    /// <summary>Adds a multi-turn supervised example (user and assistant turns, tool calls and tool results).</summary>
    /// <param name="category">The category, or <see langword="null"/>.</param>
    /// <param name="configure">Adds the messages: <c>c =&gt; c.User("...").Assistant("...").User("...").Assistant("...")</c>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="configure"/> is <see langword="null"/>.</exception>
    public DatasetBuilder AddConversation(string? category, Action<ConversationBuilder> configure) => AddExample(category, configure);

    /// <summary>Adds a preference (DPO) example.</summary>
    /// <param name="category">The category, or <see langword="null"/>.</param>
    /// <param name="configure">Sets the input and both outputs: <c>p =&gt; p.User("...").Preferred("...").NonPreferred("...")</c>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="configure"/> is <see langword="null"/>.</exception>
    public DatasetBuilder AddPreference(string? category, Action<PreferenceBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var preference = new PreferenceBuilder();
        configure(preference);
        _examples.Add(preference.Build(category));
        return this;
    }

    /// <summary>Adds an example as it is.</summary>
    /// <param name="example">The example.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="example"/> is <see langword="null"/>.</exception>
    public DatasetBuilder Add(DatasetExample example)
    {
        ArgumentNullException.ThrowIfNull(example);
        _examples.Add(example);
        return this;
    }

    /// <summary>Adds every example of another dataset, in order: an earlier version plus targeted additions makes the next.</summary>
    /// <param name="examples">The examples, for example a <see cref="Dataset"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="examples"/> or one of its items is <see langword="null"/>.</exception>
    public DatasetBuilder AddRange(IEnumerable<DatasetExample> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var items = examples.ToList();
        if (items.Any(e => e is null))
        {
            throw new ArgumentNullException(nameof(examples), "The examples contain a null item.");
        }

        _examples.AddRange(items);
        return this;
    }

    /// <summary>Imports a JSONL file (chat or preference format), streaming it line by line. Blank lines are skipped; the
    /// toolkit's <c>_toolkit_metadata</c> key (see <see cref="Dataset.WriteJsonlAsync(string, bool, CancellationToken)"/>)
    /// restores category and tags.</summary>
    /// <param name="path">The file.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="DataFormatException">A line is not a valid example; the message names the file and line, and nothing
    /// from the file is added.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public DatasetBuilder AddJsonl(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _examples.AddRange(JsonlDatasetReader.ReadAll(path));
        return this;
    }

    /// <summary>Imports a CSV file with a header row: one single-turn example per row, from the user and assistant columns,
    /// with an optional system prompt and category per row.</summary>
    /// <param name="path">The file (UTF-8).</param>
    /// <param name="options">Column names and delimiter; <see langword="null"/> for the defaults (<c>user</c>, <c>assistant</c>,
    /// <c>system</c>, <c>category</c>, comma).</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="DataFormatException">A required column is missing, a row has an empty user or assistant cell, or the
    /// CSV is malformed; the message names the file and line, and nothing from the file is added.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public DatasetBuilder AddCsv(string path, CsvImportOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _examples.AddRange(CsvDatasetImporter.Read(path, options ?? CsvImportOptions.Default));
        return this;
    }

    /// <summary>Drops duplicate examples added so far, keeping the first occurrence of each.</summary>
    /// <param name="comparer">
    /// How duplicates are recognised: <see cref="DatasetExample.ContentComparer"/> (the default) or
    /// <see cref="DatasetExample.NormalizedContentComparer"/>, which never compare category and tags, or a comparer of your own.
    /// </param>
    /// <returns>This builder.</returns>
    public DatasetBuilder Deduplicate(IEqualityComparer<DatasetExample>? comparer = null)
    {
        _examples = ExampleKeys.Deduplicate(_examples, comparer);
        return this;
    }

    /// <summary>Shuffles the examples added so far, reproducibly.</summary>
    /// <param name="seed">The seed: the same seed on the same examples gives the same order.</param>
    /// <returns>This builder.</returns>
    public DatasetBuilder Shuffle(int seed)
    {
        ExampleKeys.Shuffle(_examples, seed);
        return this;
    }

    /// <summary>Applies the default system prompt, checks the shape of every example and returns the immutable dataset.</summary>
    /// <returns>The dataset.</returns>
    /// <exception cref="InvalidOperationException">An example is malformed: an empty conversation, an empty preferred or
    /// non-preferred output, a message with neither content, tool calls nor refusal, a message with both text and parts, a tool
    /// message without <c>tool_call_id</c>, a tool without name or whose parameters are not a JSON object. The message lists
    /// the examples at fault (index and category).</exception>
    public Dataset Build()
    {
        var problems = new List<string>();
        var result = new List<DatasetExample>(_examples.Count);
        for (var i = 0; i < _examples.Count; i++)
        {
            var example = ApplySystemPrompt(_examples[i]);
            ExampleShape.Check(example, i, problems);
            result.Add(example);
        }

        if (problems.Count > 0)
        {
            const int Shown = 20;
            var more = problems.Count > Shown ? $"\n... and {problems.Count - Shown} more." : string.Empty;
            throw new InvalidOperationException(
                $"The dataset has {problems.Count} malformed example(s):\n" + string.Join('\n', problems.Take(Shown)) + more);
        }

        return Dataset.Create(result);
    }

    private DatasetExample ApplySystemPrompt(DatasetExample example)
    {
        if (_systemPrompt is null)
        {
            return example;
        }

        return example switch
        {
            TrainingExample t when !HasInstructions(t.Messages) =>
                t with { Messages = [TrainingMessage.System(_systemPrompt), .. t.Messages] },
            PreferenceExample p when !HasInstructions(p.InputMessages) =>
                p with { InputMessages = [TrainingMessage.System(_systemPrompt), .. p.InputMessages] },
            _ => example,
        };
    }

    private static bool HasInstructions(IReadOnlyList<TrainingMessage> messages) =>
        messages.Any(m => m.Role == ChatRole.System || m.Role == KnownRoles.Developer);
}
