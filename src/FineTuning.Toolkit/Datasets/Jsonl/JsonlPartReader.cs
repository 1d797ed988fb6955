using System.Text.Json;

namespace FineTuning.Toolkit.Datasets.Jsonl;

/// <summary>Reads a message's list of content parts: objects with a <c>type</c> of <c>text</c> (a string <c>text</c>)
/// or <c>image_url</c> (an <c>image_url</c> object with a string <c>url</c> and an optional <c>detail</c>).</summary>
internal static class JsonlPartReader
{
    /// <summary>Reads the list the reader is on (its path is the path's top segment).</summary>
    public static void ReadParts(ref Utf8JsonReader reader, JsonlLine line, List<JsonlPart> parts)
    {
        var path = line.Path;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            path.Push(parts.Count);
            var part = new JsonlPart { Kind = reader.TokenType };
            if (JsonlValues.Expect(ref reader, JsonTokenType.StartObject, line))
            {
                ReadPart(ref reader, line, ref part);
            }

            parts.Add(part);
            path.Pop();
        }
    }

    private static void ReadPart(ref Utf8JsonReader reader, JsonlLine line, ref JsonlPart part)
    {
        while (JsonlValues.NextProperty(ref reader))
        {
            if (JsonlValues.Is(ref reader, "type"u8))
            {
                reader.Read();
                part.TypeKind = reader.TokenType;
                part.Type = JsonlValues.String(ref reader, line, "type");
            }
            else if (JsonlValues.Is(ref reader, "text"u8))
            {
                reader.Read();
                part.TextKind = reader.TokenType;
                part.Text = JsonlValues.String(ref reader, line, "text");
            }
            else if (JsonlValues.Is(ref reader, "image_url"u8))
            {
                reader.Read();
                part.ImageKind = reader.TokenType;
                part.UrlKind = JsonTokenType.None;
                part.Url = part.Detail = null;
                if (reader.TokenType != JsonTokenType.Null)
                {
                    line.Path.Push("image_url");
                    ReadImage(ref reader, line, ref part);
                    line.Path.Pop();
                }
            }
            else
            {
                JsonlValues.SkipValue(ref reader);
            }
        }

        switch (part.Type)
        {
            case null:
                JsonlValues.Require(false, line, "type");
                break;
            case "text":
                JsonlValues.Require(part.Text is not null, line, "text");
                break;
            case "image_url":
                JsonlValues.Require(part.ImageKind is not (JsonTokenType.None or JsonTokenType.Null), line, "image_url");
                break;
            default:
                if (line.WantsError)
                {
                    line.Fail(new JsonlError(JsonlErrorCodes.InvalidValue, $"unknown content part type '{part.Type}' (expected text or image_url).", line.Path.Format("type")));
                }

                break;
        }
    }

    // Reads the image object the reader is on (its path is the path's top segment).
    private static void ReadImage(ref Utf8JsonReader reader, JsonlLine line, ref JsonlPart part)
    {
        if (!JsonlValues.Expect(ref reader, JsonTokenType.StartObject, line))
        {
            return;
        }

        while (JsonlValues.NextProperty(ref reader))
        {
            if (JsonlValues.Is(ref reader, "url"u8))
            {
                reader.Read();
                part.UrlKind = reader.TokenType;
                part.Url = JsonlValues.String(ref reader, line, "url");
            }
            else if (JsonlValues.Is(ref reader, "detail"u8))
            {
                reader.Read();
                var value = JsonlValues.String(ref reader, line, "detail");
                if (value is not (null or "auto" or "low" or "high") && line.WantsError)
                {
                    line.Fail(new JsonlError(JsonlErrorCodes.InvalidValue, $"unknown detail '{value}' (expected auto, low or high).", line.Path.Format("detail")));
                }

                part.Detail = value;
            }
            else
            {
                JsonlValues.SkipValue(ref reader);
            }
        }

        JsonlValues.Require(part.Url is not null, line, "url");
    }
}
