#pragma once

#include <QString>
#include <QStringList>

#include <vector>

namespace bfs {

// RFC 4180 CSV over already-decoded text: comma separated, fields optionally quoted
// with "" as an escaped quote, quoted fields may hold commas and line breaks, CRLF or
// LF. Each record remembers the physical line it started on, so importers can say
// "line 7" about a record even when an earlier field spanned several lines.
class CsvReader {
public:
    struct Record {
        int line = 0;
        QStringList fields;
    };

    // Parses the whole text. On a malformed file (an unterminated quote, text after a
    // closing quote) returns false and names the line in `error`.
    static bool parse(const QString& text, std::vector<Record>& records, QString& error);
    // Quotes a field for writing when it needs it.
    static QString quote(const QString& field);
};

} // namespace bfs
