#pragma once

#include <QString>

#include <cstddef>
#include <string>
#include <string_view>

namespace bfs {

// A strict, allocation-light JSON pull reader over a byte buffer (RFC 8259 syntax:
// any malformed input is an error with its byte offset, nothing is guessed). The
// loader reads hundreds of thousands of odds outcomes a second through it; a DOM
// (QJsonDocument, nlohmann::json) costs several times more than the whole insert.
//
// Usage: beginObject() then `while (nextMember(first, key)) { …read or skipValue()… }`,
// then check ok(). Every read returns false on error and the error sticks.
class JsonCursor {
public:
    JsonCursor(const char* begin, const char* end);

    bool ok() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }

    // Next non-space byte, 0 at the end. Inline: the reader asks before every value.
    char peek()
    {
        skipSpace();
        return m_p < m_end ? *m_p : 0;
    }
    bool beginObject();
    bool beginArray();
    // Next member of the current object: false at '}' (consumed) or on error. `first`
    // starts true for each object. `key` stays valid until the next read.
    bool nextMember(bool& first, std::string_view& key);
    // Next element of the current array: false at ']' (consumed) or on error.
    bool nextElement(bool& first);

    // A string into `out` (escapes decoded, UTF-8).
    bool readString(std::string& out);
    // A string as a view: into the input when it has no escapes, else into `scratch`.
    bool readStringView(std::string_view& out, std::string& scratch);
    bool readNumber(double& out);
    // Consumes `null` and returns true when the next value is null.
    bool takeNull();
    bool skipValue();
    // True when only white space is left.
    bool atEnd();

private:
    bool fail(const char* what);
    void skipSpace()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\n' || *m_p == '\r' || *m_p == '\t'))
            ++m_p;
    }
    bool skipValue(int depth);
    bool expectLiteral(std::string_view literal);

    const char* m_begin;
    const char* m_p;
    const char* m_end;
    std::string m_keyScratch;
    QString m_error;
};

} // namespace bfs
