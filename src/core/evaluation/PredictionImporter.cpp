#include "PredictionImporter.h"

#include "CsvReader.h"
#include "NameNormalizer.h"
#include "PredictionStore.h"
#include "util/Dates.h"

#include <QFile>
#include <QFileInfo>
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

} // namespace

bool PredictionImporter::parse(const QByteArray& contents, std::vector<Prediction>& predictions, QString& error)
{
    predictions.clear();
    QStringDecoder decoder(QStringDecoder::Utf8); // drops a leading BOM
    QString text = decoder(contents);
    if (decoder.hasError()) {
        error = QStringLiteral("the file is not UTF-8 text");
        return false;
    }
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    if (text.trimmed().isEmpty()) {
        error = QStringLiteral("the file is empty (expected a header row with game_date, pitcher_name, "
                               "predicted_strikeouts)");
        return false;
    }
    std::vector<CsvReader::Record> records;
    if (!CsvReader::parse(text, records, error))
        return false;

    const QStringList& header = records.front().fields;
    for (qsizetype i = 0; i < header.size(); ++i) {
        for (qsizetype j = 0; j < i; ++j) {
            if (!header.at(i).trimmed().isEmpty()
                && header.at(i).trimmed().compare(header.at(j).trimmed(), Qt::CaseInsensitive) == 0) {
                error = QStringLiteral("line 1: column %1 appears twice (columns %2 and %3)")
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
    const int dateColumn = columnIndex(QStringLiteral("game_date"));
    const int nameColumn = columnIndex(QStringLiteral("pitcher_name"));
    const int predictedColumn = columnIndex(QStringLiteral("predicted_strikeouts"));
    const int actualColumn = columnIndex(QStringLiteral("actual_strikeouts"));
    const int recommendationColumn = columnIndex(QStringLiteral("recommendation"));
    const int teamColumn = columnIndex(QStringLiteral("team"));
    QStringList missing;
    if (dateColumn < 0)
        missing << QStringLiteral("game_date");
    if (nameColumn < 0)
        missing << QStringLiteral("pitcher_name");
    if (predictedColumn < 0)
        missing << QStringLiteral("predicted_strikeouts");
    if (!missing.isEmpty()) {
        error = QStringLiteral("line 1: missing required column%1 %2")
                    .arg(missing.size() > 1 ? QStringLiteral("s") : QString(), missing.join(QStringLiteral(", ")));
        return false;
    }
    if (records.size() == 1) {
        // All or nothing: a file without rows is refused rather than replacing the stored set with nothing.
        error = QStringLiteral("has a header and no rows");
        return false;
    }

    predictions.reserve(records.size() - 1);
    for (std::size_t r = 1; r < records.size(); ++r) {
        const auto& record = records[r];
        const int line = record.line;
        auto field = [&record](int column) {
            return column >= 0 && column < record.fields.size() ? record.fields.at(column).trimmed() : QString();
        };
        auto missingField = [&](int column, const QString& name) {
            if (column < record.fields.size())
                return false;
            error = columnError(line, name,
                QStringLiteral("missing (the row has %1 fields, the header %2)")
                    .arg(record.fields.size())
                    .arg(header.size()));
            return true;
        };
        if (missingField(dateColumn, QStringLiteral("game_date"))
            || missingField(nameColumn, QStringLiteral("pitcher_name"))
            || missingField(predictedColumn, QStringLiteral("predicted_strikeouts")))
            return false;

        for (qsizetype column = 0; column < record.fields.size(); ++column) {
            const int limit = column == nameColumn ? MaxNameLength : MaxFieldLength;
            if (record.fields.at(column).size() > limit) {
                error = columnError(line, header.value(column).trimmed(),
                    QStringLiteral("is %1 characters long (at most %2)").arg(record.fields.at(column).size()).arg(limit));
                return false;
            }
        }

        Prediction prediction;
        prediction.lineNumber = line;
        const QString dateText = field(dateColumn);
        const auto date = parseIsoDate(dateText);
        if (!date) {
            error = columnError(
                line, QStringLiteral("game_date"), QStringLiteral("%1 is not a date YYYY-MM-DD").arg(quoted(dateText)));
            return false;
        }
        prediction.gameDate = *date;

        prediction.pitcherName = field(nameColumn);
        prediction.playerLookup = normalizePlayerName(prediction.pitcherName);
        if (prediction.playerLookup.isEmpty()) {
            error = columnError(line, QStringLiteral("pitcher_name"),
                prediction.pitcherName.isEmpty() ? QStringLiteral("is empty")
                                                 : QStringLiteral("%1 has no letters").arg(quoted(prediction.pitcherName)));
            return false;
        }

        const QString predictedText = field(predictedColumn);
        bool ok = false;
        prediction.predictedStrikeouts = predictedText.toDouble(&ok);
        if (!ok || !std::isfinite(prediction.predictedStrikeouts)) {
            error = columnError(line, QStringLiteral("predicted_strikeouts"),
                predictedText.isEmpty() ? QStringLiteral("is empty")
                                        : QStringLiteral("%1 is not a number").arg(quoted(predictedText)));
            return false;
        }

        const QString actualText = field(actualColumn);
        if (!actualText.isEmpty()) {
            const double actual = actualText.toDouble(&ok);
            if (!ok || actual < 0 || actual != std::floor(actual) || actual > 1000) {
                error = columnError(line, QStringLiteral("actual_strikeouts"),
                    QStringLiteral("%1 is not a whole number of strikeouts").arg(quoted(actualText)));
                return false;
            }
            prediction.actualStrikeouts = int(actual);
        }

        const QString recommendationText = field(recommendationColumn);
        if (!recommendationText.isEmpty()) {
            prediction.recommendation = Grader::parseRecommendation(recommendationText);
            if (!prediction.recommendation) {
                error = columnError(line, QStringLiteral("recommendation"),
                    QStringLiteral("%1 is not OVER, UNDER or PASS").arg(quoted(recommendationText)));
                return false;
            }
        }
        prediction.team = field(teamColumn);
        predictions.push_back(std::move(prediction));
    }
    return true;
}

int PredictionImporter::importFile(const QString& path, const DbConnection& connection, QString& error)
{
    const QString name = QFileInfo(path).fileName();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return -1;
    }
    std::vector<Prediction> predictions;
    if (!parse(file.readAll(), predictions, error)) {
        error = QStringLiteral("%1 %2").arg(name, error);
        return -1;
    }
    if (!PredictionStore::replace(connection, predictions, QFileInfo(path).absoluteFilePath(), error))
        return -1;
    return int(predictions.size());
}

} // namespace bfs
