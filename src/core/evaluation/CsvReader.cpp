#include "CsvReader.h"

namespace bfs {

bool CsvReader::parse(const QString& text, std::vector<Record>& records, QString& error)
{
    records.clear();
    const qsizetype size = text.size();
    qsizetype i = 0;
    int line = 1;
    while (i < size) {
        Record record;
        record.line = line;
        QString field;
        bool fieldQuoted = false;
        bool endOfRecord = false;
        while (!endOfRecord) {
            if (i >= size) {
                record.fields.append(field);
                break;
            }
            const QChar c = text.at(i);
            if (c == u'"' && field.isEmpty() && !fieldQuoted) {
                fieldQuoted = true;
                const int quoteLine = line;
                ++i;
                bool closed = false;
                while (i < size) {
                    const QChar q = text.at(i);
                    if (q == u'"') {
                        if (i + 1 < size && text.at(i + 1) == u'"') {
                            field.append(u'"');
                            i += 2;
                            continue;
                        }
                        ++i;
                        closed = true;
                        break;
                    }
                    if (q == u'\n')
                        ++line;
                    field.append(q);
                    ++i;
                }
                if (!closed) {
                    error = QStringLiteral("line %1: quoted field is never closed").arg(quoteLine);
                    return false;
                }
                if (i < size && text.at(i) != u',' && text.at(i) != u'\n' && text.at(i) != u'\r') {
                    error = QStringLiteral("line %1: unexpected text after a closing quote").arg(line);
                    return false;
                }
                continue;
            }
            if (c == u',') {
                record.fields.append(field);
                field.clear();
                fieldQuoted = false;
                ++i;
            } else if (c == u'\r' || c == u'\n') {
                record.fields.append(field);
                if (c == u'\r' && i + 1 < size && text.at(i + 1) == u'\n')
                    ++i;
                ++i;
                ++line;
                endOfRecord = true;
            } else {
                field.append(c);
                ++i;
            }
        }
        // A blank line is not a record (spreadsheets leave them at the end).
        const bool blank = record.fields.size() == 1 && record.fields.first().trimmed().isEmpty();
        if (!blank)
            records.push_back(std::move(record));
    }
    return true;
}

QString CsvReader::quote(const QString& field)
{
    if (!field.contains(u',') && !field.contains(u'"') && !field.contains(u'\n') && !field.contains(u'\r'))
        return field;
    QString quoted = field;
    quoted.replace(QStringLiteral("\""), QStringLiteral("\"\""));
    return u'"' + quoted + u'"';
}

} // namespace bfs
