#include "JsonCursor.h"

#include "util/Numbers.h"

#include <cstdint>

namespace bfs {

namespace {
constexpr int MaxDepth = 256;

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

void appendUtf8(std::string& out, char32_t cp)
{
    if (cp < 0x80) {
        out.push_back(char(cp));
    } else if (cp < 0x800) {
        out.push_back(char(0xC0 | (cp >> 6)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(char(0xE0 | (cp >> 12)));
        out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(char(0xF0 | (cp >> 18)));
        out.push_back(char(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    }
}
} // namespace

JsonCursor::JsonCursor(const char* begin, const char* end)
    : m_begin(begin)
    , m_p(begin)
    , m_end(end)
{
}

bool JsonCursor::fail(const char* what)
{
    if (m_error.isEmpty())
        m_error = QStringLiteral("invalid JSON at byte %1: %2").arg(m_p - m_begin).arg(QLatin1String(what));
    m_p = m_end; // every later read fails fast
    return false;
}

bool JsonCursor::beginObject()
{
    if (!ok())
        return false;
    if (peek() != '{')
        return fail("expected an object");
    ++m_p;
    return true;
}

bool JsonCursor::beginArray()
{
    if (!ok())
        return false;
    if (peek() != '[')
        return fail("expected an array");
    ++m_p;
    return true;
}

bool JsonCursor::nextMember(bool& first, std::string_view& key)
{
    if (!ok())
        return false;
    char c = peek();
    if (c == '}') {
        ++m_p;
        return false;
    }
    if (!first) {
        if (c != ',')
            return fail("expected ',' or '}'");
        ++m_p;
        c = peek();
    }
    first = false;
    if (c != '"')
        return fail("expected a member name");
    if (!readStringView(key, m_keyScratch))
        return false;
    if (peek() != ':')
        return fail("expected ':'");
    ++m_p;
    return true;
}

bool JsonCursor::nextElement(bool& first)
{
    if (!ok())
        return false;
    const char c = peek();
    if (c == ']') {
        ++m_p;
        return false;
    }
    if (!first) {
        if (c != ',')
            return fail("expected ',' or ']'");
        ++m_p;
        if (peek() == ']')
            return fail("trailing ',' in an array");
    } else if (c == 0) {
        return fail("unexpected end of input");
    }
    first = false;
    return true;
}

bool JsonCursor::readStringView(std::string_view& out, std::string& scratch)
{
    if (peek() != '"')
        return fail(m_p >= m_end ? "unexpected end of input" : "expected a string");
    const char* start = ++m_p;
    // Fast path: no escapes, the view points into the input.
    while (m_p < m_end && *m_p != '"' && *m_p != '\\') {
        if (static_cast<unsigned char>(*m_p) < 0x20)
            return fail("control character in a string");
        ++m_p;
    }
    if (m_p >= m_end)
        return fail("unterminated string");
    if (*m_p == '"') {
        out = std::string_view(start, std::size_t(m_p - start));
        ++m_p;
        return true;
    }
    scratch.assign(start, std::size_t(m_p - start));
    while (m_p < m_end) {
        const char c = *m_p++;
        if (c == '"') {
            out = scratch;
            return true;
        }
        if (static_cast<unsigned char>(c) < 0x20) {
            --m_p; // the offset of the character, as on the fast path
            return fail("control character in a string");
        }
        if (c != '\\') {
            scratch.push_back(c);
            continue;
        }
        if (m_p >= m_end)
            break;
        const char e = *m_p++;
        switch (e) {
        case '"':
        case '\\':
        case '/':
            scratch.push_back(e);
            break;
        case 'b':
            scratch.push_back('\b');
            break;
        case 'f':
            scratch.push_back('\f');
            break;
        case 'n':
            scratch.push_back('\n');
            break;
        case 'r':
            scratch.push_back('\r');
            break;
        case 't':
            scratch.push_back('\t');
            break;
        case 'u': {
            auto readHex4 = [this](char32_t& value) {
                if (m_end - m_p < 4)
                    return false;
                value = 0;
                for (int i = 0; i < 4; ++i) {
                    const int h = hexValue(m_p[i]);
                    if (h < 0)
                        return false;
                    value = value * 16 + char32_t(h);
                }
                m_p += 4;
                return true;
            };
            char32_t cp = 0;
            if (!readHex4(cp))
                return fail("bad \\u escape");
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                char32_t low = 0;
                if (m_end - m_p < 2 || m_p[0] != '\\' || m_p[1] != 'u')
                    return fail("unpaired surrogate");
                m_p += 2;
                if (!readHex4(low) || low < 0xDC00 || low > 0xDFFF)
                    return fail("unpaired surrogate");
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                return fail("unpaired surrogate");
            }
            appendUtf8(scratch, cp);
            break;
        }
        default:
            return fail("bad escape in a string");
        }
    }
    return fail("unterminated string");
}

bool JsonCursor::readString(std::string& out)
{
    if (!ok())
        return false;
    std::string_view view;
    if (!readStringView(view, out))
        return false;
    if (view.data() != out.data())
        out.assign(view);
    return true;
}

bool JsonCursor::readNumber(double& out)
{
    if (!ok())
        return false;
    skipSpace();
    const char* start = m_p;
    const char* p = m_p;
    if (p < m_end && *p == '-')
        ++p;
    if (p >= m_end)
        return fail("unexpected end of input");
    if (*p < '0' || *p > '9')
        return fail("expected a number");
    if (*p == '0') {
        ++p;
    } else {
        while (p < m_end && *p >= '0' && *p <= '9')
            ++p;
    }
    if (p < m_end && *p == '.') {
        ++p;
        if (p >= m_end || *p < '0' || *p > '9')
            return fail("bad number");
        while (p < m_end && *p >= '0' && *p <= '9')
            ++p;
    }
    if (p < m_end && (*p == 'e' || *p == 'E')) {
        ++p;
        if (p < m_end && (*p == '+' || *p == '-'))
            ++p;
        if (p >= m_end || *p < '0' || *p > '9')
            return fail("bad number");
        while (p < m_end && *p >= '0' && *p <= '9')
            ++p;
    }
    // Clinger's fast path: up to 15 significant digits and no exponent are exact in a
    // double, and one correctly rounded division gives what strtod would.
    {
        const char* q = start;
        const bool negative = *q == '-';
        q += negative ? 1 : 0;
        std::uint64_t mantissa = 0;
        int digits = 0, fraction = 0;
        bool simple = true;
        for (bool dot = false; q < p; ++q) {
            if (*q == '.') {
                dot = true;
                continue;
            }
            if (*q < '0' || *q > '9' || ++digits > 15) {
                simple = false;
                break;
            }
            mantissa = mantissa * 10 + std::uint64_t(*q - '0');
            fraction += dot ? 1 : 0;
        }
        if (simple) {
            static constexpr double powers[]
                = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15 };
            const double value = double(mantissa) / powers[fraction];
            out = negative ? -value : value;
            m_p = p;
            return true;
        }
    }
    if (!parseFiniteDouble(std::string_view(start, std::size_t(p - start)), out))
        return fail("number out of range");
    m_p = p;
    return true;
}

bool JsonCursor::expectLiteral(std::string_view literal)
{
    if (std::size_t(m_end - m_p) < literal.size() || std::string_view(m_p, literal.size()) != literal)
        return fail("unexpected token");
    m_p += literal.size();
    return true;
}

bool JsonCursor::takeNull()
{
    if (!ok() || peek() != 'n')
        return false;
    return expectLiteral("null");
}

bool JsonCursor::skipValue()
{
    return ok() && skipValue(0);
}

bool JsonCursor::skipValue(int depth)
{
    if (depth > MaxDepth)
        return fail("nested too deeply");
    switch (peek()) {
    case '{': {
        ++m_p;
        bool first = true;
        std::string_view key;
        while (nextMember(first, key)) {
            if (!skipValue(depth + 1))
                return false;
        }
        return ok();
    }
    case '[': {
        ++m_p;
        bool first = true;
        while (nextElement(first)) {
            if (!skipValue(depth + 1))
                return false;
        }
        return ok();
    }
    case '"': {
        std::string_view view;
        return readStringView(view, m_keyScratch);
    }
    case 't':
        return expectLiteral("true");
    case 'f':
        return expectLiteral("false");
    case 'n':
        return expectLiteral("null");
    case 0:
        return fail("unexpected end of input");
    default: {
        double ignored = 0;
        return readNumber(ignored);
    }
    }
}

bool JsonCursor::atEnd()
{
    skipSpace();
    return m_p >= m_end;
}

} // namespace bfs
