#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>

#include <functional>
#include <vector>

namespace bfs {

// RFC 4180 CSV over decoded text: comma separated, fields optionally quoted with "" as an
// escaped quote, quoted fields may hold commas and line breaks, CRLF or LF. Each record
// remembers the physical line it started on, so importers can say "line 7" about a record
// even when an earlier field spanned several lines.
//
// Incremental: text is fed in pieces of any size (a quote, a CRLF or a record may straddle
// two pieces) and each record is handed over as soon as it ends, so a million-row file never
// exists as a million records at once.
class CsvReader {
public:
    struct Record {
        int line = 0;
        QStringList fields;
    };
    // Receives each non-blank record; returns false to stop reading.
    using RecordHandler = std::function<bool(const Record&)>;

    explicit CsvReader(RecordHandler onRecord);

    // Reads the next piece of text. Returns false on a malformed file (an unterminated quote,
    // text after a closing quote; error() names the line) or when the handler stopped.
    bool feed(QStringView text);
    // End of the text: hands over a last record without a line break. Returns false when a
    // quoted field is never closed or the handler stopped.
    bool finish();
    const QString& error() const { return m_error; }

    // Parses a whole text at once. On a malformed file returns false and names the line in `error`.
    static bool parse(const QString& text, std::vector<Record>& records, QString& error);
    // Quotes a field for writing when it needs it.
    static QString quote(const QString& field);

private:
    enum class State {
        Unquoted, // in an unquoted field (or at the start of any field)
        Quoted, // inside quotes
        QuoteInQuoted, // a quote inside quotes: the end of the field or the first of ""
        AfterQuoted, // after the closing quote: only a comma or a line break may follow
    };
    void endField();
    bool endRecord(); // false when the handler stopped

    RecordHandler m_onRecord;
    Record m_record;
    QString m_field;
    QString m_error;
    State m_state = State::Unquoted;
    int m_line = 1;
    int m_quoteLine = 0;
    bool m_inRecord = false; // a character of the current record has been read
    bool m_afterCr = false; // the last character was a CR ending a record: a LF right after belongs to it
    bool m_stopped = false;
};

} // namespace bfs
