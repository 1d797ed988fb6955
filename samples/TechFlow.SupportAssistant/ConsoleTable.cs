using System.Text;

namespace TechFlow.SupportAssistant;

/// <summary>A small text table for the console: a header row, a rule, and left-aligned text / right-aligned numbers.</summary>
internal sealed class ConsoleTable
{
    private readonly string[] _headers;
    private readonly bool[] _rightAligned;
    private readonly List<string[]> _rows = [];

    public ConsoleTable(params string[] headers)
    {
        _headers = headers;
        _rightAligned = new bool[headers.Length];
    }

    /// <summary>Right-aligns the given columns (numbers).</summary>
    public ConsoleTable AlignRight(params int[] columns)
    {
        foreach (var column in columns)
        {
            _rightAligned[column] = true;
        }

        return this;
    }

    public ConsoleTable AddRow(params string[] cells)
    {
        if (cells.Length != _headers.Length)
        {
            throw new ArgumentException($"Expected {_headers.Length} cells, got {cells.Length}.", nameof(cells));
        }

        _rows.Add(cells);
        return this;
    }

    public void WriteTo(TextWriter output, string indent = "   ")
    {
        var widths = new int[_headers.Length];
        for (var c = 0; c < _headers.Length; c++)
        {
            widths[c] = Math.Max(_headers[c].Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[c].Length));
        }

        output.WriteLine(Format(_headers, widths, indent));
        output.WriteLine(indent + string.Join("─┼─", widths.Select(w => new string('─', w))));
        foreach (var row in _rows)
        {
            output.WriteLine(Format(row, widths, indent));
        }
    }

    private string Format(string[] cells, int[] widths, string indent)
    {
        var line = new StringBuilder(indent);
        for (var c = 0; c < cells.Length; c++)
        {
            if (c > 0)
            {
                line.Append(" │ ");
            }

            line.Append(_rightAligned[c] ? cells[c].PadLeft(widths[c]) : cells[c].PadRight(widths[c]));
        }

        return line.ToString().TrimEnd();
    }
}
