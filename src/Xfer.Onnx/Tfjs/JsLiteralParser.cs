using System;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Xfer.Onnx.Tfjs;

/// <summary>
/// Parses a JavaScript literal (JSON plus what minifiers emit: unquoted keys, single-quoted strings, <c>!0</c>/<c>!1</c>
/// for true/false, <c>void 0</c>, numbers such as <c>.5</c> or <c>-0</c>) into a <see cref="JsonNode"/> tree, without
/// executing anything. Used to read nsfwjs's UMD wrappers (<c>model.min.js</c>, <c>group1-shard*.min.js</c>).
/// </summary>
internal sealed class JsLiteralParser
{
    private readonly string _text;
    private int _pos;

    private JsLiteralParser(string text, int start)
    {
        _text = text;
        _pos = start;
    }

    /// <summary>Parses the literal that starts at <paramref name="start"/>; <paramref name="end"/> is the index after it.</summary>
    /// <exception cref="FormatException">The text at <paramref name="start"/> is not a literal.</exception>
    public static JsonNode? Parse(string text, int start, out int end)
    {
        var parser = new JsLiteralParser(text, start);
        var node = parser.ParseValue();
        end = parser._pos;
        return node;
    }

    private JsonNode? ParseValue()
    {
        SkipWhitespace();
        if (_pos >= _text.Length)
        {
            throw Error("unexpected end of text");
        }

        char c = _text[_pos];
        switch (c)
        {
            case '{':
                return ParseObject();
            case '[':
                return ParseArray();
            case '"':
            case '\'':
                return JsonValue.Create(ParseString());
            case '!':
                // Minifiers write true as !0 and false as !1.
                _pos++;
                SkipWhitespace();
                if (TryConsumeWord("0"))
                {
                    return JsonValue.Create(true);
                }

                if (TryConsumeWord("1"))
                {
                    return JsonValue.Create(false);
                }

                throw Error("expected !0 or !1");
        }

        if (c == '-' || c == '+' || c == '.' || char.IsAsciiDigit(c))
        {
            return ParseNumberNode();
        }

        if (TryConsumeWord("true"))
        {
            return JsonValue.Create(true);
        }

        if (TryConsumeWord("false"))
        {
            return JsonValue.Create(false);
        }

        if (TryConsumeWord("null") || TryConsumeWord("undefined"))
        {
            return null;
        }

        if (TryConsumeWord("void"))
        {
            SkipWhitespace();
            if (TryConsumeWord("0"))
            {
                return null;
            }
        }

        throw Error("expected a literal value");
    }

    private JsonObject ParseObject()
    {
        _pos++; // {
        var obj = new JsonObject();
        SkipWhitespace();
        if (Peek() == '}')
        {
            _pos++;
            return obj;
        }

        while (true)
        {
            SkipWhitespace();
            string key = ParseKey();
            SkipWhitespace();
            Expect(':');
            var value = ParseValue();
            obj[key] = value; // a repeated key keeps the last value, as in JavaScript
            SkipWhitespace();
            char c = Next();
            if (c == '}')
            {
                return obj;
            }

            if (c != ',')
            {
                throw Error("expected ',' or '}' in an object", -1);
            }

            SkipWhitespace();
            if (Peek() == '}')
            {
                _pos++; // trailing comma
                return obj;
            }
        }
    }

    private JsonArray ParseArray()
    {
        _pos++; // [
        var array = new JsonArray();
        SkipWhitespace();
        if (Peek() == ']')
        {
            _pos++;
            return array;
        }

        while (true)
        {
            array.Add(ParseValue());
            SkipWhitespace();
            char c = Next();
            if (c == ']')
            {
                return array;
            }

            if (c != ',')
            {
                throw Error("expected ',' or ']' in an array", -1);
            }

            SkipWhitespace();
            if (Peek() == ']')
            {
                _pos++;
                return array;
            }
        }
    }

    private string ParseKey()
    {
        char c = Peek();
        if (c is '"' or '\'')
        {
            return ParseString();
        }

        if (char.IsAsciiDigit(c))
        {
            return ParseNumber().ToString("R", CultureInfo.InvariantCulture);
        }

        int start = _pos;
        while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] is '_' or '$'))
        {
            _pos++;
        }

        if (_pos == start)
        {
            throw Error("expected an object key");
        }

        return _text[start.._pos];
    }

    private string ParseString()
    {
        char quote = Next();
        var sb = new StringBuilder();
        while (true)
        {
            // Copy the run up to the next quote or backslash at once: shards are megabytes of base64 without escapes.
            int stop = _text.AsSpan(_pos).IndexOfAny(quote, '\\');
            if (stop < 0)
            {
                throw Error("unterminated string");
            }

            sb.Append(_text, _pos, stop);
            _pos += stop;
            char c = _text[_pos++];
            if (c == quote)
            {
                return sb.ToString();
            }

            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }

            char e = Next();
            switch (e)
            {
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'r': sb.Append('\r'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'v': sb.Append('\v'); break;
                case '0': sb.Append('\0'); break;
                case 'x': sb.Append((char)ParseHex(2)); break;
                case 'u': sb.Append((char)ParseHex(4)); break;
                case '\n': break; // line continuation
                default: sb.Append(e); break; // \" \' \\ \/ and any other escaped character stand for themselves
            }
        }
    }

    private int ParseHex(int digits)
    {
        if (_pos + digits > _text.Length ||
            !int.TryParse(_text.AsSpan(_pos, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int v))
        {
            throw Error("bad escape sequence");
        }

        _pos += digits;
        return v;
    }

    private JsonNode ParseNumberNode()
    {
        int start = _pos;
        ParseNumber();

        // Rewrite JavaScript forms (.5, -.5, 5., +1) as JSON and let System.Text.Json hold the number, so
        // GetValue<int>() and GetValue<double>() both work on it, as they do for nodes from JsonNode.Parse.
        var json = new StringBuilder(_text, start, _pos - start, _pos - start + 2);
        if (json[0] == '+')
        {
            json.Remove(0, 1);
        }

        int digits = json[0] == '-' ? 1 : 0;
        if (json[digits] == '.')
        {
            json.Insert(digits, '0');
        }

        int dot = json.ToString().IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0 && (dot + 1 == json.Length || !char.IsAsciiDigit(json[dot + 1])))
        {
            json.Insert(dot + 1, '0');
        }

        return JsonNode.Parse(json.ToString())!;
    }

    private double ParseNumber()
    {
        int start = _pos;
        if (_text[_pos] is '-' or '+')
        {
            _pos++;
        }

        while (_pos < _text.Length && (char.IsAsciiDigit(_text[_pos]) || _text[_pos] == '.'))
        {
            _pos++;
        }

        if (_pos < _text.Length && _text[_pos] is 'e' or 'E')
        {
            _pos++;
            if (_pos < _text.Length && _text[_pos] is '-' or '+')
            {
                _pos++;
            }

            while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
            {
                _pos++;
            }
        }

        // .NET's double parsing is correctly rounded (IEEE round-to-nearest), like JavaScript's, so a number
        // such as a quantisation scale gets exactly the double tfjs sees.
        if (!double.TryParse(_text.AsSpan(start, _pos - start), NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            _pos = start;
            throw Error("bad number");
        }

        return value;
    }

    private bool TryConsumeWord(string word)
    {
        if (string.CompareOrdinal(_text, _pos, word, 0, word.Length) != 0)
        {
            return false;
        }

        int after = _pos + word.Length;
        if (after < _text.Length && (char.IsAsciiLetterOrDigit(_text[after]) || _text[after] is '_' or '$'))
        {
            return false;
        }

        _pos = after;
        return true;
    }

    private void SkipWhitespace()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
        {
            _pos++;
        }
    }

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private char Next()
    {
        if (_pos >= _text.Length)
        {
            throw Error("unexpected end of text");
        }

        return _text[_pos++];
    }

    private void Expect(char c)
    {
        if (Next() != c)
        {
            throw Error("expected '" + c + "'", -1);
        }
    }

    private FormatException Error(string what, int offset = 0) =>
        new(what + " at character " + (_pos + offset).ToString(CultureInfo.InvariantCulture));
}
