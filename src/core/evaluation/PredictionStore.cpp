#include "PredictionStore.h"

#include "evaluation/PredictionWriter.h"
#include "storage/DbConnection.h"

#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace bfs {

namespace {

// Names, lookups and teams repeat across a set (a pitcher starts ~30 games a season; a
// million-row file may be a few thousand distinct names): equal values share one buffer
// instead of a fresh string per row.
class Interner {
public:
    QString intern(QString value)
    {
        const auto it = m_values.constFind(value);
        if (it != m_values.cend())
            return *it;
        m_values.insert(value);
        return value;
    }

private:
    QSet<QString> m_values;
};

} // namespace

bool PredictionStore::replace(
    const DbConnection& connection, const std::vector<Prediction>& predictions, const QString& source, QString& error)
{
    PredictionWriter writer(connection);
    if (!writer.begin(error))
        return false;
    for (const auto& p : predictions) {
        if (!writer.add(p, error))
            return false;
    }
    return writer.commit(source, error);
}

std::optional<std::vector<Prediction>> PredictionStore::load(const DbConnection& connection, QString& error)
{
    std::vector<Prediction> predictions;
    // The set's row count, recorded with it: one allocation of the right size instead of a
    // vector doubling (and briefly held twice) up to a million rows. Asked first: a team
    // database's driver streams the rows below and can run nothing else on the connection meanwhile.
    predictions.reserve(std::size_t(std::max<qint64>(
        0, connection.scalar(QStringLiteral("SELECT rows FROM prediction_set WHERE id = 1")).toLongLong())));
    QSqlQuery query(connection.db());
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT line_number, game_date, pitcher_name, player_lookup, predicted_strikeouts, "
                                   "actual_strikeouts, recommendation, team FROM predictions ORDER BY line_number"))) {
        error = QStringLiteral("cannot read predictions: %1").arg(query.lastError().text());
        return std::nullopt;
    }
    Interner strings;
    QString lastDateText;
    QDate lastDate;
    while (query.next()) {
        Prediction p;
        p.lineNumber = query.value(0).toInt();
        // Files are usually in date order: parse a date only when it changes.
        const QString dateText = query.value(1).toString();
        if (dateText != lastDateText) {
            lastDateText = dateText;
            lastDate = QDate::fromString(dateText, Qt::ISODate);
        }
        p.gameDate = lastDate;
        p.pitcherName = strings.intern(query.value(2).toString());
        p.playerLookup = strings.intern(query.value(3).toString());
        p.predictedStrikeouts = query.value(4).toDouble();
        if (!query.value(5).isNull())
            p.actualStrikeouts = query.value(5).toInt();
        if (!query.value(6).isNull())
            p.recommendation = Grader::parseRecommendation(query.value(6).toString());
        p.team = strings.intern(query.value(7).toString());
        predictions.push_back(std::move(p));
    }
    return predictions;
}

QString PredictionStore::source(const DbConnection& connection)
{
    return connection.scalar(QStringLiteral("SELECT source FROM prediction_set WHERE id = 1")).toString();
}

} // namespace bfs
