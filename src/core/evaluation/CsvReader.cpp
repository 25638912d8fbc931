#include "CsvReader.h"

namespace bfs {

CsvReader::CsvReader(RecordHandler onRecord)
    : m_onRecord(std::move(onRecord))
{
}

void CsvReader::endField()
{
    m_record.fields.append(m_field);
    m_field.clear();
    m_state = State::Unquoted;
}

bool CsvReader::endRecord()
{
    endField();
    // A blank line is not a record (spreadsheets leave them at the end).
    const bool blank = m_record.fields.size() == 1 && m_record.fields.first().trimmed().isEmpty();
    const bool go = blank || m_onRecord(m_record);
    m_record.fields.clear();
    m_inRecord = false;
    if (!go)
        m_stopped = true;
    return go;
}

bool CsvReader::feed(QStringView text)
{
    if (m_stopped)
        return false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (m_afterCr) {
            m_afterCr = false;
            if (c == u'\n')
                continue;
        }
        if (!m_inRecord) {
            m_inRecord = true;
            m_record.line = m_line;
        }
        switch (m_state) {
        case State::QuoteInQuoted:
            if (c == u'"') {
                m_field.append(u'"');
                m_state = State::Quoted;
                continue;
            }
            m_state = State::AfterQuoted;
            [[fallthrough]];
        case State::AfterQuoted:
            if (c != u',' && c != u'\n' && c != u'\r') {
                m_error = QStringLiteral("line %1: unexpected text after a closing quote").arg(m_line);
                m_stopped = true;
                return false;
            }
            break; // the comma or line break is read below, as after an unquoted field
        case State::Quoted:
            if (c == u'"') {
                m_state = State::QuoteInQuoted;
            } else {
                if (c == u'\n')
                    ++m_line;
                m_field.append(c);
            }
            continue;
        case State::Unquoted:
            if (c == u'"' && m_field.isEmpty()) {
                m_state = State::Quoted;
                m_quoteLine = m_line;
                continue;
            }
            break;
        }
        if (c == u',') {
            endField();
        } else if (c == u'\r' || c == u'\n') {
            ++m_line;
            m_afterCr = c == u'\r';
            if (!endRecord())
                return false;
        } else {
            m_field.append(c);
        }
    }
    return true;
}

bool CsvReader::finish()
{
    if (m_stopped)
        return false;
    if (m_state == State::Quoted) {
        m_error = QStringLiteral("line %1: quoted field is never closed").arg(m_quoteLine);
        m_stopped = true;
        return false;
    }
    if (m_inRecord && !endRecord())
        return false;
    m_stopped = true;
    return true;
}

bool CsvReader::parse(const QString& text, std::vector<Record>& records, QString& error)
{
    records.clear();
    CsvReader reader([&records](const Record& record) {
        records.push_back(record);
        return true;
    });
    if (!reader.feed(text) || !reader.finish()) {
        error = reader.error();
        return false;
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
