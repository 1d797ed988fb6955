using System.Globalization;
using System.Text;

namespace FineTuning.Toolkit.Jobs;

/// <summary>
/// Parses a job's result file: CSV with a header (<c>step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy</c>,
/// and on newer jobs <c>full_valid_loss,full_valid_mean_token_accuracy</c>), columns found by name, empty cells read as
/// missing. OpenAI serves the file base64-encoded; both forms are accepted.
/// </summary>
internal static class ResultFileParser
{
    public static IReadOnlyList<FineTuneStepMetrics> Parse(BinaryData content)
    {
        var text = Decode(content);
        using var reader = new StringReader(text);
        var header = reader.ReadLine();
        if (header is null)
        {
            return [];
        }

        var columns = header.Split(',').Select(c => c.Trim().ToLowerInvariant()).ToList();
        var step = columns.IndexOf("step");
        if (step < 0)
        {
            throw new FormatException("The result file has no 'step' column.");
        }

        var rows = new List<FineTuneStepMetrics>();
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var cells = line.Split(',');
            if (!int.TryParse(Cell(cells, step), NumberStyles.Integer, CultureInfo.InvariantCulture, out var stepNumber))
            {
                continue;
            }

            rows.Add(new FineTuneStepMetrics
            {
                Step = stepNumber,
                TrainLoss = Number(cells, columns.IndexOf("train_loss")),
                TrainAccuracy = Number(cells, columns.IndexOf("train_accuracy")),
                ValidationLoss = Number(cells, columns.IndexOf("valid_loss")),
                ValidationMeanTokenAccuracy = Number(cells, columns.IndexOf("valid_mean_token_accuracy")),
                FullValidationLoss = Number(cells, columns.IndexOf("full_valid_loss")),
                FullValidationMeanTokenAccuracy = Number(cells, columns.IndexOf("full_valid_mean_token_accuracy")),
            });
        }

        rows.Sort((a, b) => a.Step.CompareTo(b.Step));
        return rows;
    }

    private static string Decode(BinaryData content)
    {
        var text = Encoding.UTF8.GetString(content.ToMemory().Span).TrimStart('\uFEFF').Trim();
        if (text.Contains(',', StringComparison.Ordinal) || text.Length == 0)
        {
            return text;
        }

        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(text)).TrimStart('\uFEFF');
        }
        catch (FormatException)
        {
            return text;
        }
    }

    private static string Cell(string[] cells, int index) => index >= 0 && index < cells.Length ? cells[index].Trim() : string.Empty;

    private static double? Number(string[] cells, int index) =>
        double.TryParse(Cell(cells, index), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;
}
