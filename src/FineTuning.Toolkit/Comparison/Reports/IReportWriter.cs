namespace FineTuning.Toolkit.Comparison.Reports;

/// <summary>
/// Writes a <see cref="ComparisonReport"/> in one format. The built-in writers are <see cref="Html"/>,
/// <see cref="Markdown"/> and <see cref="Json"/>; implement the interface for another format and pass it to
/// <see cref="ComparisonReport.WriteAsync(IReportWriter, Stream, CancellationToken)"/>.
/// </summary>
public interface IReportWriter
{
    /// <summary>
    /// Gets one self-contained HTML page: gates, charts (per-criterion bars with interval whiskers, latency, loss curves)
    /// as inline SVG, side-by-side transcripts with a regression filter. No external scripts, fonts or network; all model
    /// text is HTML-encoded.
    /// </summary>
    static IReportWriter Html { get; } = new HtmlReportWriter();

    /// <summary>Gets GitHub-flavoured Markdown for a pull request: gates, rates with intervals, paired tests, win rates, usage and regressions.</summary>
    static IReportWriter Markdown { get; } = new MarkdownReportWriter();

    /// <summary>Gets indented JSON with everything, including every answer and score.</summary>
    static IReportWriter Json { get; } = new JsonReportWriter();

    /// <summary>Gets the usual file extension of the format, with its dot (for example <c>.html</c>).</summary>
    string FileExtension { get; }

    /// <summary>Writes the report.</summary>
    /// <param name="report">The report.</param>
    /// <param name="destination">The stream to write to; it is left open.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>A task that completes when the report is written.</returns>
    Task WriteAsync(ComparisonReport report, Stream destination, CancellationToken cancellationToken = default);
}
