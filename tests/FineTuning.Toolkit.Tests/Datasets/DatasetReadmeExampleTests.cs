using FineTuning.Toolkit.Datasets;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Tests.Datasets;

/// <summary>Runs the code of the README's dataset section (readme-parts/datasets.md), kept here verbatim so it compiles.</summary>
public sealed class DatasetReadmeExampleTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ftt-readme-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task ReadmeExample_BuildSplitWriteRead_Works()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "faq.csv"),
            "category,user,assistant\n" + string.Concat(Enumerable.Range(0, 8).Select(i => $"account,Question {i}?,Answer {i}.\n")));
        await File.WriteAllTextAsync(Path.Combine(_folder, "more.jsonl"),
            """{"messages":[{"role":"user","content":"Is there a mobile app?"},{"role":"assistant","content":"Yes, for iOS and Android."}]}""" + "\n");
        var folder = _folder;

        // README snippet (readme-parts/datasets.md) — begin
        var dataset = DatasetBuilder.Create()
            .WithSystemPrompt("You are TechFlow's helpful support assistant.")
            .AddExample("account", e => e.User("How do I reset my password?").Assistant("Open Settings > Security > Reset password."))
            .AddConversation("billing", c => c
                .User("Where is my invoice?").Assistant("Under Billing > Invoices.")
                .User("Can I get it as a PDF?").Assistant("Yes: use the Download button next to it."))
            .AddCsv(Path.Combine(folder, "faq.csv"))      // columns: user, assistant, optional system and category
            .AddJsonl(Path.Combine(folder, "more.jsonl")) // streamed; a bad line throws DataFormatException (file + line)
            .Deduplicate(DatasetExample.NormalizedContentComparer)
            .Build();

        var (train, validation) = dataset.Split(validationFraction: 0.2, seed: 42); // stratified by category, no leakage
        await train.WriteJsonlAsync(Path.Combine(folder, "techflow_training.jsonl")); // atomic, UTF-8, one example per line
        await validation.WriteJsonlAsync(Path.Combine(folder, "techflow_validation.jsonl"));

        var again = DatasetBuilder.Create().AddJsonl(Path.Combine(folder, "techflow_training.jsonl")).Build(); // read back
        // README snippet — end

        Assert.Equal(11, dataset.Count);
        Assert.Equal(dataset.Count, train.Count + validation.Count);
        Assert.Equal(2, validation.Count(e => e.Category == "account"));
        Assert.Equal(train.ToJsonl(), again.ToJsonl());
        Assert.Equal(train.Count, (await File.ReadAllLinesAsync(Path.Combine(folder, "techflow_training.jsonl"))).Length);
        Assert.All(dataset, e => Assert.Equal(ChatRole.System, ((TrainingExample)e).Messages[0].Role));
    }
}
