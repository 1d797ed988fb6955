using System.Text;

namespace FineTuning.Toolkit.Comparison.Reports;

/// <summary>A built-in writer whose format is text: rendered to a string, written as UTF-8 without a byte order mark.</summary>
internal abstract class TextReportWriter : IReportWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public abstract string FileExtension { get; }

    public virtual async Task WriteAsync(ComparisonReport report, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(destination);
        await destination.WriteAsync(Utf8.GetBytes(Render(report)), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Renders the report as text.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The text.</returns>
    public abstract string Render(ComparisonReport report);
}
