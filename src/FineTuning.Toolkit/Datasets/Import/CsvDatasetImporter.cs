using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace FineTuning.Toolkit.Datasets.Import;

/// <summary>Imports a CSV file with a header row: one single-turn example per row (user and assistant columns, optional system
/// prompt and category). Fails fast with a <see cref="DataFormatException"/> naming the file and line.</summary>
internal static class CsvDatasetImporter
{
    /// <summary>Reads every row of the file.</summary>
    /// <param name="path">The file (UTF-8).</param>
    /// <param name="options">Column names and delimiter.</param>
    /// <returns>The examples, in file order.</returns>
    public static List<DatasetExample> Read(string path, CsvImportOptions options)
    {
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = options.Delimiter,
            HasHeaderRecord = true,
            DetectColumnCountChanges = false,
            MissingFieldFound = null,
        };

        var imported = new List<DatasetExample>();
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var csv = new CsvReader(reader, configuration);
        var line = 1;
        try
        {
            if (!csv.Read())
            {
                throw new DataFormatException(path, 0, "csv_empty", "the file is empty; expected a header row.");
            }

            csv.ReadHeader();
            var header = csv.HeaderRecord ?? [];
            var user = Column(header, options.UserColumn, path, required: true);
            var assistant = Column(header, options.AssistantColumn, path, required: true);
            var system = Column(header, options.SystemColumn, path, required: false);
            var category = Column(header, options.CategoryColumn, path, required: false);
            while (csv.Read())
            {
                line = RecordStartLine(csv.Parser);
                var userText = Cell(csv, user);
                var assistantText = Cell(csv, assistant);
                if (string.IsNullOrWhiteSpace(userText))
                {
                    throw new DataFormatException(path, line, "csv_empty_cell", $"column '{options.UserColumn}' is empty.", options.UserColumn);
                }

                if (string.IsNullOrWhiteSpace(assistantText))
                {
                    throw new DataFormatException(path, line, "csv_empty_cell", $"column '{options.AssistantColumn}' is empty.", options.AssistantColumn);
                }

                var systemText = Cell(csv, system);
                var categoryText = Cell(csv, category);
                List<TrainingMessage> messages = string.IsNullOrWhiteSpace(systemText)
                    ? [TrainingMessage.User(userText), TrainingMessage.Assistant(assistantText)]
                    : [TrainingMessage.System(systemText), TrainingMessage.User(userText), TrainingMessage.Assistant(assistantText)];
                imported.Add(new TrainingExample
                {
                    Category = string.IsNullOrWhiteSpace(categoryText) ? null : categoryText,
                    Messages = messages,
                });
            }
        }
        catch (CsvHelperException ex)
        {
            var at = ex.Context?.Parser?.RawRow is { } raw and > 0 ? raw : line;
            throw new DataFormatException(path, at, "csv_malformed", ex is BadDataException
                ? "malformed CSV: a field has a stray quote (quote a field that holds quotes, delimiters or line breaks, and double the quotes inside it)."
                : $"malformed CSV ({FirstLine(ex.Message)}).", innerException: ex);
        }

        return imported;
    }

    private static int Column(string[] header, string name, string path, bool required)
    {
        var index = Array.FindIndex(header, h => string.Equals(h.Trim(), name, StringComparison.OrdinalIgnoreCase));
        if (index < 0 && required)
        {
            throw new DataFormatException(path, 1, "csv_missing_column",
                $"the header has no '{name}' column (found: {string.Join(", ", header)}).", name);
        }

        return index;
    }

    // The physical line where the current record starts: its last line minus the line breaks inside it (quoted fields may
    // span lines, and blank lines between records are skipped by the parser).
    private static int RecordStartLine(IParser parser)
    {
        var raw = parser.RawRecord.AsSpan().TrimEnd("\r\n");
        return parser.RawRow - raw.Count('\n');
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return (end > 0 ? message[..end] : message).TrimEnd('.');
    }

    private static string Cell(CsvReader csv, int index) =>
        index >= 0 && index < csv.Parser.Count ? csv.GetField(index) ?? string.Empty : string.Empty;
}
