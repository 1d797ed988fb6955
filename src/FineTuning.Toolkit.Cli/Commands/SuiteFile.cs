using System.Globalization;
using System.Text;
using System.Text.Json;
using FineTuning.Toolkit.Comparison;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FineTuning.Toolkit.Cli.Commands;

/// <summary>Loads a comparison suite: JSON and JSONL through the library; YAML converted to the same JSON document
/// first (same fields, same errors).</summary>
internal static class SuiteFile
{
    public static async Task<TestSuite> LoadAsync(string path, CancellationToken cancellationToken)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        try
        {
            if (extension is ".yaml" or ".yml")
            {
                var yaml = await File.ReadAllTextAsync(path, cancellationToken);
                return TestSuite.FromJson(YamlToJson(yaml, path), path);
            }

            return await TestSuite.LoadAsync(path, cancellationToken);
        }
        catch (DataFormatException ex)
        {
            throw new CliUsageException(ex.Message, ex);
        }
    }

    internal static string YamlToJson(string yaml, string path)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new CliUsageException($"{path}:{ex.Start.Line}: not valid YAML: {ex.Message}", ex);
        }

        if (stream.Documents.Count != 1)
        {
            throw new CliUsageException($"{path}: expected one YAML document (it has {stream.Documents.Count}).");
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            Write(json, stream.Documents[0].RootNode);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter json, YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                json.WriteStartObject();
                foreach (var (key, value) in mapping.Children)
                {
                    json.WritePropertyName(((YamlScalarNode)key).Value ?? string.Empty);
                    Write(json, value);
                }

                json.WriteEndObject();
                break;
            case YamlSequenceNode sequence:
                json.WriteStartArray();
                foreach (var item in sequence.Children)
                {
                    Write(json, item);
                }

                json.WriteEndArray();
                break;
            case YamlScalarNode scalar:
                WriteScalar(json, scalar);
                break;
            default:
                throw new CliUsageException($"Unsupported YAML node at line {node.Start.Line}.");
        }
    }

    private static void WriteScalar(Utf8JsonWriter json, YamlScalarNode scalar)
    {
        var value = scalar.Value ?? string.Empty;
        if (scalar.Style is not ScalarStyle.Plain)
        {
            json.WriteStringValue(value);
        }
        else if (value is "" or "~" or "null" or "Null" or "NULL")
        {
            json.WriteNullValue();
        }
        else if (value is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            json.WriteBooleanValue(value.Equals("true", StringComparison.OrdinalIgnoreCase));
        }
        else if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && !value.StartsWith('+') && !value.StartsWith('.'))
        {
            json.WriteRawValue(value.Contains('.', StringComparison.Ordinal) || value.Contains('e', StringComparison.OrdinalIgnoreCase) ? number.ToString("R", CultureInfo.InvariantCulture) : value);
        }
        else
        {
            json.WriteStringValue(value);
        }
    }
}
