using System.Text.Json.Serialization;
using FineTuning.Toolkit.Comparison.Reports;

namespace FineTuning.Toolkit.Comparison.Execution;

/// <summary>The source-generated JSON contracts of the comparer: the results journal and the JSON report.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(JournalLine))]
[JsonSerializable(typeof(AnswerEntry))]
[JsonSerializable(typeof(List<ScoreEntry>))]
[JsonSerializable(typeof(VerdictEntry))]
[JsonSerializable(typeof(ReportDocument))]
internal sealed partial class ComparisonJsonContext : JsonSerializerContext;
