#include "PredictionStore.h"

#include "storage/DbConnection.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

namespace bfs {

bool PredictionStore::replace(
    const DbConnection& connection, const std::vector<Prediction>& predictions, const QString& source, QString& error)
{
    QSqlDatabase db = connection.db();
    DbTransaction transaction(db);
    if (!transaction.isActive()) {
        error = QStringLiteral("cannot start a transaction: %1").arg(db.lastError().text());
        return false;
    }
    if (!connection.exec(QStringLiteral("DELETE FROM predictions"), error)
        || !connection.exec(QStringLiteral("DELETE FROM prediction_set"), error))
        return false;
    QSqlQuery insert(db);
    insert.prepare(QStringLiteral("INSERT INTO predictions (line_number, game_date, pitcher_name, player_lookup, "
                                  "predicted_strikeouts, actual_strikeouts, recommendation, team) "
                                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const auto& p : predictions) {
        insert.addBindValue(p.lineNumber);
        insert.addBindValue(p.gameDate.toString(Qt::ISODate));
        insert.addBindValue(p.pitcherName);
        insert.addBindValue(p.playerLookup);
        insert.addBindValue(p.predictedStrikeouts);
        insert.addBindValue(p.actualStrikeouts ? QVariant(*p.actualStrikeouts) : QVariant(QMetaType::fromType<int>()));
        insert.addBindValue(
            p.recommendation ? QVariant(Grader::name(*p.recommendation)) : QVariant(QMetaType::fromType<QString>()));
        insert.addBindValue(p.team.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(p.team));
        if (!insert.exec()) {
            error = QStringLiteral("cannot store predictions: %1").arg(insert.lastError().text());
            return false;
        }
    }
    QSqlQuery set(db);
    set.prepare(QStringLiteral("INSERT INTO prediction_set (id, source, imported_at, rows) VALUES (1, ?, ?, ?)"));
    set.addBindValue(source);
    set.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    set.addBindValue(qint64(predictions.size()));
    if (!set.exec() || !transaction.commit()) {
        error = QStringLiteral("cannot store predictions: %1").arg(set.lastError().text() + db.lastError().text());
        return false;
    }
    return true;
}

std::optional<std::vector<Prediction>> PredictionStore::load(const DbConnection& connection, QString& error)
{
    QSqlQuery query(connection.db());
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT line_number, game_date, pitcher_name, player_lookup, predicted_strikeouts, "
                                   "actual_strikeouts, recommendation, team FROM predictions ORDER BY line_number"))) {
        error = QStringLiteral("cannot read predictions: %1").arg(query.lastError().text());
        return std::nullopt;
    }
    std::vector<Prediction> predictions;
    while (query.next()) {
        Prediction p;
        p.lineNumber = query.value(0).toInt();
        p.gameDate = QDate::fromString(query.value(1).toString(), Qt::ISODate);
        p.pitcherName = query.value(2).toString();
        p.playerLookup = query.value(3).toString();
        p.predictedStrikeouts = query.value(4).toDouble();
        if (!query.value(5).isNull())
            p.actualStrikeouts = query.value(5).toInt();
        if (!query.value(6).isNull())
            p.recommendation = Grader::parseRecommendation(query.value(6).toString());
        p.team = query.value(7).toString();
        predictions.push_back(std::move(p));
    }
    return predictions;
}

QString PredictionStore::source(const DbConnection& connection)
{
    return connection.scalar(QStringLiteral("SELECT source FROM prediction_set WHERE id = 1")).toString();
}

} // namespace bfs
