using System.Reflection;
using System.Text;
using System.Text.Json;
using FineTuning.Toolkit.Validation;

namespace FineTuning.Toolkit.Cli.Output;

/// <summary>
/// The report as a SARIF 2.1.0 log (the OASIS static-analysis format GitHub code scanning and Azure DevOps read):
/// one rule per issue code, one result per issue with its file and line.
/// </summary>
internal static class SarifLog
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";
    private const string InformationUri = "https://github.com/finetuning-toolkit/FineTuning.Toolkit";

    public static string Write(ValidationReport report, string currentDirectory)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rules = report.Issues.GroupBy(i => i.Code, StringComparer.Ordinal).Select(g => g.First()).ToList();
        var ruleIndex = rules.Select((r, i) => (r.Code, i)).ToDictionary(x => x.Code, x => x.i, StringComparer.Ordinal);

        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", SchemaUri);
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();
            WriteTool(json, rules);
            json.WriteStartArray("results");
            foreach (var issue in report.Issues)
            {
                WriteResult(json, issue, ruleIndex[issue.Code], issue.FilePath ?? report.FilePath, currentDirectory);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteTool(Utf8JsonWriter json, IReadOnlyList<ValidationIssue> rules)
    {
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "ftk");
        json.WriteString("fullName", "FineTuning.Toolkit dataset validator");
        json.WriteString("version", ToolVersion);
        json.WriteString("informationUri", InformationUri);
        json.WriteStartArray("rules");
        foreach (var rule in rules)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Code);
            json.WriteString("name", rule.Code);
            json.WriteStartObject("shortDescription");
            json.WriteString("text", rule.Code.Replace('_', ' '));
            json.WriteEndObject();
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", Level(rule.Severity));
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, ValidationIssue issue, int ruleIndex, string? path, string currentDirectory)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", issue.Code);
        json.WriteNumber("ruleIndex", ruleIndex);
        json.WriteString("level", Level(issue.Severity));
        json.WriteStartObject("message");
        json.WriteString("text", issue.Message);
        json.WriteEndObject();
        if (path is not null)
        {
            json.WriteStartArray("locations");
            json.WriteStartObject();
            json.WriteStartObject("physicalLocation");
            json.WriteStartObject("artifactLocation");
            json.WriteString("uri", DisplayPath.Uri(path, currentDirectory));
            json.WriteEndObject();
            if (issue.Line is { } line and > 0)
            {
                json.WriteStartObject("region");
                json.WriteNumber("startLine", line);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static string Level(ValidationSeverity severity) => severity == ValidationSeverity.Error ? "error" : "warning";

    private static string ToolVersion =>
        typeof(SarifLog).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
