using System.Text.Encodings.Web;
using System.Text.Json;
using FineTuning.Toolkit.Comparison.Execution;

namespace FineTuning.Toolkit.Comparison.Reports;

/// <summary>Writes a report as indented JSON through the source-generated <see cref="ComparisonJsonContext"/>.</summary>
internal sealed class JsonReportWriter : TextReportWriter
{
    private static readonly ComparisonJsonContext Indented = new(new JsonSerializerOptions(ComparisonJsonContext.Default.Options)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public override string FileExtension => ".json";

    public override string Render(ComparisonReport report) => Write(report);

    public static string Write(ComparisonReport report) => JsonSerializer.Serialize(ReportDocument.From(report), Indented.ReportDocument);

    /// <summary>Streams the report: the serializer flushes to <paramref name="destination"/> as it reads the stored results.</summary>
    public override Task WriteAsync(ComparisonReport report, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(destination);
        return JsonSerializer.SerializeAsync(destination, ReportDocument.From(report), Indented.ReportDocument, cancellationToken);
    }
}
