using System.Text;

namespace SensorStream.Contracts.Csv;

/// <summary>
/// Reads RFC 4180 CSV line by line: comma-separated, fields optionally in double quotes (a doubled quote inside is a
/// literal quote; a quoted field may span lines). Blank lines are skipped; surrounding spaces of unquoted fields are
/// trimmed. A malformed row is reported with its line number and reading continues with the next line.
/// </summary>
public sealed class CsvReader(TextReader reader)
{
    /// <summary>Longest row accepted, in characters, so a file with a stray quote cannot swallow memory. Default 1 MiB.</summary>
    public int MaxRowLength { get; init; } = 1 << 20;

    /// <summary>Characters consumed so far (for progress and ETA).</summary>
    public long CharactersRead { get; private set; }

    private long _lineNumber;

    /// <summary>The next row, or null at the end. Throws <see cref="CsvFormatException"/> for a malformed row; the next call continues after it.</summary>
    public CsvRow? Read()
    {
        string? line;
        do
        {
            line = reader.ReadLine();
            if (line is null)
            {
                return null;
            }
            _lineNumber++;
            CharactersRead += line.Length + 1;
        }
        while (line.Length == 0 || line.AsSpan().Trim().IsEmpty);

        var firstLine = _lineNumber;
        var text = line;
        var fields = new List<string>();
        var field = new StringBuilder();
        var position = 0;
        while (true)
        {
            // At the start of a field.
            while (position < text.Length && text[position] == ' ')
            {
                position++;
            }
            if (position < text.Length && text[position] == '"')
            {
                position++;
                while (true)
                {
                    if (position >= text.Length)
                    {
                        // The quoted field continues on the next line.
                        var next = reader.ReadLine();
                        if (next is null)
                        {
                            throw new CsvFormatException(firstLine, "a quoted field is not closed before the end of the file");
                        }
                        _lineNumber++;
                        CharactersRead += next.Length + 1;
                        text += "\n" + next;
                        if (text.Length > MaxRowLength)
                        {
                            throw new CsvFormatException(firstLine, $"row is longer than {MaxRowLength} characters (an unclosed quote?)");
                        }
                        field.Append('\n');
                        position++;
                        continue;
                    }
                    var c = text[position++];
                    if (c != '"')
                    {
                        field.Append(c);
                    }
                    else if (position < text.Length && text[position] == '"')
                    {
                        field.Append('"');
                        position++;
                    }
                    else
                    {
                        break;
                    }
                }
                while (position < text.Length && text[position] == ' ')
                {
                    position++;
                }
                if (position < text.Length && text[position] != ',')
                {
                    throw new CsvFormatException(firstLine, $"unexpected '{text[position]}' after a quoted field");
                }
                fields.Add(field.ToString());
            }
            else
            {
                var end = text.IndexOf(',', position);
                var raw = end < 0 ? text.AsSpan(position) : text.AsSpan(position, end - position);
                if (raw.Contains('"'))
                {
                    throw new CsvFormatException(firstLine, "a quote inside an unquoted field");
                }
                fields.Add(raw.Trim().ToString());
                position = end < 0 ? text.Length : end;
            }
            field.Clear();
            if (position >= text.Length)
            {
                return new CsvRow(firstLine, text, fields);
            }
            position++; // the comma
            if (position == text.Length)
            {
                fields.Add(string.Empty);
                return new CsvRow(firstLine, text, fields);
            }
        }
    }
}
