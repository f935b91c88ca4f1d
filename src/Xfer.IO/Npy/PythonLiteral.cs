using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace Xfer.IO.Npy;

/// <summary>
/// Parses the Python literal in a <c>.npy</c> header: a dict of strings, booleans, integers, tuples, lists and
/// None, with arbitrary spacing, trailing commas, single or double quotes, and Python 2's <c>3L</c> integers.
/// </summary>
/// <remarks>
/// Values come back as <see cref="string"/>, <see cref="bool"/>, <see cref="BigInteger"/>, <see langword="null"/>
/// (None), <see cref="PythonTuple"/>, <see cref="List{T}"/> of object, or <see cref="Dictionary{TKey,TValue}"/>
/// with string keys. Floats never occur in valid headers and are rejected.
/// </remarks>
public sealed class PythonLiteral
{
    private readonly string _text;
    private int _pos;

    private PythonLiteral(string text) => _text = text;

    /// <summary>Parses <paramref name="text"/>; throws <see cref="FormatException"/> with the position of the first error.</summary>
    public static object? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var p = new PythonLiteral(text);
        object? value = p.ParseValue();
        p.SkipSpace();
        if (p._pos != text.Length)
        {
            throw p.Error("unexpected text after the closing brace");
        }

        return value;
    }

    private object? ParseValue()
    {
        SkipSpace();
        if (_pos >= _text.Length)
        {
            throw Error("unexpected end of header");
        }

        char c = _text[_pos];
        switch (c)
        {
            case '{':
                return ParseDict();
            case '(':
                return new PythonTuple(ParseSequence('(', ')'));
            case '[':
                return ParseSequence('[', ']');
            case '\'':
            case '"':
                return ParseString();
            default:
                if (c == '-' || c == '+' || char.IsAsciiDigit(c))
                {
                    return ParseInteger();
                }

                if (char.IsAsciiLetter(c) || c == '_')
                {
                    return ParseName();
                }

                throw Error($"unexpected character '{c}'");
        }
    }

    private Dictionary<string, object?> ParseDict()
    {
        var dict = new Dictionary<string, object?>(StringComparer.Ordinal);
        _pos++; // '{'
        while (true)
        {
            SkipSpace();
            if (Peek() == '}')
            {
                _pos++;
                return dict;
            }

            if (ParseValue() is not string key)
            {
                throw Error("dictionary keys must be strings");
            }

            SkipSpace();
            Expect(':');
            object? value = ParseValue();
            if (!dict.TryAdd(key, value))
            {
                throw Error($"key '{key}' appears twice");
            }

            SkipSpace();
            if (Peek() == ',')
            {
                _pos++;
            }
            else if (Peek() != '}')
            {
                throw Error("expected ',' or '}'");
            }
        }
    }

    private List<object?> ParseSequence(char open, char close)
    {
        var items = new List<object?>();
        _pos++; // open
        while (true)
        {
            SkipSpace();
            if (Peek() == close)
            {
                _pos++;
                return items;
            }

            items.Add(ParseValue());
            SkipSpace();
            if (Peek() == ',')
            {
                _pos++;
            }
            else if (Peek() != close)
            {
                throw Error($"expected ',' or '{close}'");
            }
        }
    }

    private string ParseString()
    {
        char quote = _text[_pos++];
        var sb = new StringBuilder();
        while (_pos < _text.Length && _text[_pos] != quote)
        {
            char c = _text[_pos++];
            if (c == '\\' && _pos < _text.Length)
            {
                char e = _text[_pos++];
                sb.Append(e switch
                {
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    '0' => '\0',
                    _ => e,
                });
            }
            else
            {
                sb.Append(c);
            }
        }

        if (_pos >= _text.Length)
        {
            throw Error("unterminated string");
        }

        _pos++; // closing quote
        return sb.ToString();
    }

    private BigInteger ParseInteger()
    {
        int start = _pos;
        if (_text[_pos] is '-' or '+')
        {
            _pos++;
        }

        int digits = _pos;
        while (_pos < _text.Length && (char.IsAsciiDigit(_text[_pos]) || _text[_pos] == '_'))
        {
            _pos++;
        }

        if (_pos == digits)
        {
            throw Error("expected a number");
        }

        if (_pos < _text.Length && _text[_pos] is '.' or 'e' or 'E' or 'j' or 'x' or 'X')
        {
            throw Error("only integers are allowed here");
        }

        var value = BigInteger.Parse(_text.AsSpan(start, _pos - start).ToString().Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

        // Python 2 long literal (3L): headers written by Python 2 NumPy (numpy.lib.format._filter_header drops it too).
        if (_pos < _text.Length && _text[_pos] is 'L' or 'l')
        {
            _pos++;
        }

        return value;
    }

    private object? ParseName()
    {
        int start = _pos;
        while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] == '_'))
        {
            _pos++;
        }

        string name = _text[start.._pos];
        return name switch
        {
            "True" => true,
            "False" => false,
            "None" => null,
            _ => throw Error($"unexpected name '{name}'", start),
        };
    }

    private void SkipSpace()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
        {
            _pos++;
        }
    }

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private void Expect(char c)
    {
        if (Peek() != c)
        {
            throw Error($"expected '{c}'");
        }

        _pos++;
    }

    private FormatException Error(string what, int? at = null)
        => new(string.Format(CultureInfo.InvariantCulture, "{0} at character {1}", what, (at ?? _pos) + 1));
}

/// <summary>A Python tuple from a header literal (distinct from a list, which NumPy does not accept as a shape).</summary>
/// <param name="Items">The elements.</param>
public sealed record PythonTuple(IReadOnlyList<object?> Items);
