#include "PredictionImporter.h"

#include "evaluation/CsvReader.h"
#include "evaluation/NameNormalizer.h"
#include "evaluation/PredictionWriter.h"
#include "util/Dates.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QStringDecoder>

#include <cmath>

namespace bfs {

namespace {

// Bounds on a field, so an absurd value (a 10 MB name) is refused with its line instead of stalling
// the matcher: no pitcher's name comes near 200 characters, no other column near 1,000.
constexpr int MaxNameLength = 200;
constexpr int MaxFieldLength = 1000;

QString columnError(int line, const QString& column, const QString& problem)
{
    return QStringLiteral("line %1, column %2: %3").arg(line).arg(column, problem);
}

// A value as a message shows it: in quotes, with control characters (a NUL would end the message
// wherever it is printed as C text) written as \xNN.
QString quoted(const QString& value)
{
    QString shown;
    shown.reserve(value.size() + 2);
    shown += u'\'';
    for (const QChar c : value) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            shown += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
        else
            shown += c;
    }
    shown += u'\'';
    return shown;
}

// Checks the header, then converts each row into a Prediction as the CSV reader hands it over.
class RowParser {
public:
    RowParser(const PredictionImporter::RowHandler& onRow, QString& error)
        : m_onRow(onRow)
        , m_error(error)
    {
    }

    bool record(const CsvReader::Record& record) { return m_header.isEmpty() ? header(record) : row(record); }
    bool sawHeader() const { return !m_header.isEmpty(); }
    qint64 rows() const { return m_rows; }

private:
    bool header(const CsvReader::Record& record);
    bool row(const CsvReader::Record& record);
    QString lookup(const QString& name);

    const PredictionImporter::RowHandler& m_onRow;
    QString& m_error;
    QStringList m_header;
    int m_dateColumn = -1, m_nameColumn = -1, m_predictedColumn = -1;
    int m_actualColumn = -1, m_recommendationColumn = -1, m_teamColumn = -1;
    QHash<QString, QString> m_lookups; // name → normalizePlayerName(name)
    qint64 m_rows = 0;
};

bool RowParser::header(const CsvReader::Record& record)
{
    const QStringList& header = record.fields;
    for (qsizetype i = 0; i < header.size(); ++i) {
        for (qsizetype j = 0; j < i; ++j) {
            if (!header.at(i).trimmed().isEmpty()
                && header.at(i).trimmed().compare(header.at(j).trimmed(), Qt::CaseInsensitive) == 0) {
                m_error = QStringLiteral("line 1: column %1 appears twice (columns %2 and %3)")
                              .arg(quoted(header.at(i).trimmed()))
                              .arg(j + 1)
                              .arg(i + 1);
                return false;
            }
        }
    }
    auto columnIndex = [&header](const QString& name) {
        for (qsizetype i = 0; i < header.size(); ++i) {
            if (header.at(i).trimmed().compare(name, Qt::CaseInsensitive) == 0)
                return int(i);
        }
        return -1;
    };
    m_dateColumn = columnIndex(QStringLiteral("game_date"));
    m_nameColumn = columnIndex(QStringLiteral("pitcher_name"));
    m_predictedColumn = columnIndex(QStringLiteral("predicted_strikeouts"));
    m_actualColumn = columnIndex(QStringLiteral("actual_strikeouts"));
    m_recommendationColumn = columnIndex(QStringLiteral("recommendation"));
    m_teamColumn = columnIndex(QStringLiteral("team"));
    QStringList missing;
    if (m_dateColumn < 0)
        missing << QStringLiteral("game_date");
    if (m_nameColumn < 0)
        missing << QStringLiteral("pitcher_name");
    if (m_predictedColumn < 0)
        missing << QStringLiteral("predicted_strikeouts");
    if (!missing.isEmpty()) {
        m_error = QStringLiteral("line 1: missing required column%1 %2")
                      .arg(missing.size() > 1 ? QStringLiteral("s") : QString(), missing.join(QStringLiteral(", ")));
        return false;
    }
    m_header = header;
    return true;
}

QString RowParser::lookup(const QString& name)
{
    // Normalising (NFKD, marks stripped) is the costliest step of a row, and a file repeats
    // each pitcher's name many times. Bounded, so a file of a million distinct names does not
    // keep a million entries.
    constexpr qsizetype MaxCachedNames = 65536;
    const auto it = m_lookups.constFind(name);
    if (it != m_lookups.cend())
        return *it;
    if (m_lookups.size() >= MaxCachedNames)
        m_lookups.clear();
    const QString normalized = normalizePlayerName(name);
    m_lookups.insert(name, normalized);
    return normalized;
}

bool RowParser::row(const CsvReader::Record& record)
{
    const int line = record.line;
    auto field = [&record](int column) {
        return column >= 0 && column < record.fields.size() ? record.fields.at(column).trimmed() : QString();
    };
    auto missingField = [&](int column, const QString& name) {
        if (column < record.fields.size())
            return false;
        m_error = columnError(line, name,
            QStringLiteral("missing (the row has %1 fields, the header %2)")
                .arg(record.fields.size())
                .arg(m_header.size()));
        return true;
    };
    if (missingField(m_dateColumn, QStringLiteral("game_date"))
        || missingField(m_nameColumn, QStringLiteral("pitcher_name"))
        || missingField(m_predictedColumn, QStringLiteral("predicted_strikeouts")))
        return false;

    for (qsizetype column = 0; column < record.fields.size(); ++column) {
        const int limit = column == m_nameColumn ? MaxNameLength : MaxFieldLength;
        if (record.fields.at(column).size() > limit) {
            m_error = columnError(line, m_header.value(column).trimmed(),
                QStringLiteral("is %1 characters long (at most %2)").arg(record.fields.at(column).size()).arg(limit));
            return false;
        }
    }

    Prediction prediction;
    prediction.lineNumber = line;
    const QString dateText = field(m_dateColumn);
    const auto date = parseIsoDate(dateText);
    if (!date) {
        m_error = columnError(
            line, QStringLiteral("game_date"), QStringLiteral("%1 is not a date YYYY-MM-DD").arg(quoted(dateText)));
        return false;
    }
    prediction.gameDate = *date;

    prediction.pitcherName = field(m_nameColumn);
    prediction.playerLookup = lookup(prediction.pitcherName);
    if (prediction.playerLookup.isEmpty()) {
        m_error = columnError(line, QStringLiteral("pitcher_name"),
            prediction.pitcherName.isEmpty() ? QStringLiteral("is empty")
                                             : QStringLiteral("%1 has no letters").arg(quoted(prediction.pitcherName)));
        return false;
    }

    const QString predictedText = field(m_predictedColumn);
    bool ok = false;
    prediction.predictedStrikeouts = predictedText.toDouble(&ok);
    if (!ok || !std::isfinite(prediction.predictedStrikeouts)) {
        m_error = columnError(line, QStringLiteral("predicted_strikeouts"),
            predictedText.isEmpty() ? QStringLiteral("is empty")
                                    : QStringLiteral("%1 is not a number").arg(quoted(predictedText)));
        return false;
    }

    const QString actualText = field(m_actualColumn);
    if (!actualText.isEmpty()) {
        const double actual = actualText.toDouble(&ok);
        if (!ok || actual < 0 || actual != std::floor(actual) || actual > 1000) {
            m_error = columnError(line, QStringLiteral("actual_strikeouts"),
                QStringLiteral("%1 is not a whole number of strikeouts").arg(quoted(actualText)));
            return false;
        }
        prediction.actualStrikeouts = int(actual);
    }

    const QString recommendationText = field(m_recommendationColumn);
    if (!recommendationText.isEmpty()) {
        prediction.recommendation = Grader::parseRecommendation(recommendationText);
        if (!prediction.recommendation) {
            m_error = columnError(line, QStringLiteral("recommendation"),
                QStringLiteral("%1 is not OVER, UNDER or PASS").arg(quoted(recommendationText)));
            return false;
        }
    }
    prediction.team = field(m_teamColumn);
    ++m_rows;
    return m_onRow(prediction, m_error);
}

} // namespace

bool PredictionImporter::parse(QIODevice& device, const RowHandler& onRow, QString& error)
{
    // Pieces of 64 KiB: the decoder and the CSV reader carry a character or a field that
    // straddles two pieces over to the next.
    constexpr qint64 PieceSize = 64 * 1024;
    RowParser rows(onRow, error);
    CsvReader reader([&rows](const CsvReader::Record& record) { return rows.record(record); });
    QStringDecoder decoder(QStringDecoder::Utf8); // drops a leading BOM
    bool atStart = true;
    bool blank = true; // nothing but white space so far
    while (true) {
        const QByteArray piece = device.read(PieceSize);
        if (piece.isEmpty())
            break;
        QString text = decoder(piece);
        if (decoder.hasError()) {
            error = QStringLiteral("the file is not UTF-8 text");
            return false;
        }
        if (atStart && !text.isEmpty()) {
            atStart = false;
            if (text.startsWith(QChar(0xFEFF)))
                text.remove(0, 1);
        }
        if (blank && !text.trimmed().isEmpty())
            blank = false;
        if (!reader.feed(text)) {
            if (!reader.error().isEmpty())
                error = reader.error();
            return false;
        }
    }
    if (!reader.finish()) {
        if (!reader.error().isEmpty())
            error = reader.error();
        return false;
    }
    if (blank || !rows.sawHeader()) {
        error = QStringLiteral("the file is empty (expected a header row with game_date, pitcher_name, "
                               "predicted_strikeouts)");
        return false;
    }
    if (rows.rows() == 0) {
        // All or nothing: a file without rows is refused rather than replacing the stored set with nothing.
        error = QStringLiteral("has a header and no rows");
        return false;
    }
    return true;
}

bool PredictionImporter::parse(const QByteArray& contents, std::vector<Prediction>& predictions, QString& error)
{
    predictions.clear();
    QBuffer buffer;
    buffer.setData(contents);
    buffer.open(QIODevice::ReadOnly);
    return parse(
        buffer,
        [&predictions](const Prediction& prediction, QString&) {
            predictions.push_back(prediction);
            return true;
        },
        error);
}

int PredictionImporter::importFile(const QString& path, const DbConnection& connection, QString& error)
{
    const QString name = QFileInfo(path).fileName();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return -1;
    }
    // The writer's transaction stays open while the file is read: a bad row anywhere rolls it
    // back (the writer's destructor) and the previous set is kept.
    PredictionWriter writer(connection);
    bool stored = true; // false: the database refused (its message is not prefixed with the file name)
    if (!writer.begin(error))
        return -1;
    const bool parsed = parse(
        file,
        [&writer, &stored](const Prediction& prediction, QString& rowError) {
            stored = writer.add(prediction, rowError);
            return stored;
        },
        error);
    if (!parsed) {
        if (stored)
            error = QStringLiteral("%1 %2").arg(name, error);
        return -1;
    }
    if (!writer.commit(QFileInfo(path).absoluteFilePath(), error))
        return -1;
    return int(writer.rows());
}

} // namespace bfs
