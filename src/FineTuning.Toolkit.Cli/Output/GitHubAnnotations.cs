using System.Globalization;
using System.Text;
using FineTuning.Toolkit.Validation;

namespace FineTuning.Toolkit.Cli.Output;

/// <summary>
/// GitHub Actions workflow commands: <c>::error file=…,line=…,title=…::message</c> per issue, which the runner turns
/// into annotations on the pull request's diff; a summary line last.
/// </summary>
internal static class GitHubAnnotations
{
    public static string Write(ValidationReport report, string currentDirectory)
    {
        ArgumentNullException.ThrowIfNull(report);
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        foreach (var issue in report.Issues)
        {
            var path = issue.FilePath ?? report.FilePath;
            var properties = new List<string>();
            if (path is not null)
            {
                properties.Add("file=" + EscapeProperty(DisplayPath.Relative(path, currentDirectory)));
            }

            if (issue.Line is { } line)
            {
                properties.Add(string.Create(c, $"line={line}"));
            }

            properties.Add("title=" + EscapeProperty(issue.Code));
            sb.Append(c, $"::{ValidationText.Severity(issue.Severity)} {string.Join(',', properties)}::");
            sb.AppendLine(EscapeData(issue.Message));
        }

        sb.AppendLine(c, $"{report.ExampleCount} examples, {report.ErrorCount} errors, {report.WarningCount} warnings: {(report.IsValid ? "valid" : "invalid")}");
        return sb.ToString();
    }

    // The runner's escaping rules: data escapes %, CR and LF; property values also ':' and ','.
    internal static string EscapeData(string value) =>
        value.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    internal static string EscapeProperty(string value) =>
        EscapeData(value).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
}
