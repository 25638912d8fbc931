#include "NdjsonExport.h"

#include "storage/PgConnection.h"
#include "storage/SqliteHandle.h"
#include "util/Numbers.h"

#include <QSaveFile>

#include <nlohmann/json.hpp>

namespace bfs {

std::optional<qint64> NdjsonExport::exportBettingLines(
    const QString& databasePath, const QString& outPath, QString& error)
{
    auto db = SqliteHandle::open(databasePath, SqliteHandle::Mode::ReadOnly, error);
    if (!db)
        return std::nullopt;
    // Column order is the table's; rowid order is load order, stable between exports.
    SqliteStatement select(db.get(),
        "SELECT sport, market, game_date, event_id, commence_time, home_team, away_team, bookmaker, player_name, "
        "player_lookup, point, over_price, under_price, over_implied_prob, under_implied_prob, last_update, "
        "snapshot_time FROM betting_lines ORDER BY rowid");
    if (!select) {
        error = QStringLiteral("cannot read betting_lines: %1").arg(db.lastError());
        return std::nullopt;
    }
    QSaveFile out(outPath);
    if (!out.open(QIODevice::WriteOnly)) {
        error = QStringLiteral("cannot write %1: %2").arg(outPath, out.errorString());
        return std::nullopt;
    }
    sqlite3_stmt* statement = select.get();
    const int columns = sqlite3_column_count(statement);
    std::vector<std::string> names;
    for (int i = 0; i < columns; ++i)
        names.emplace_back(sqlite3_column_name(statement, i));

    qint64 rows = 0;
    std::string buffer;
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
        nlohmann::ordered_json row;
        for (int i = 0; i < columns; ++i) {
            switch (sqlite3_column_type(statement, i)) {
            case SQLITE_NULL:
                row[names[std::size_t(i)]] = nullptr;
                break;
            case SQLITE_INTEGER:
                row[names[std::size_t(i)]] = sqlite3_column_int64(statement, i);
                break;
            case SQLITE_FLOAT:
                row[names[std::size_t(i)]] = sqlite3_column_double(statement, i);
                break;
            default:
                row[names[std::size_t(i)]]
                    = std::string(reinterpret_cast<const char*>(sqlite3_column_text(statement, i)),
                        std::size_t(sqlite3_column_bytes(statement, i)));
                break;
            }
        }
        // Invalid UTF-8 (never from the API) is replaced rather than aborting the export.
        buffer += row.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        buffer += '\n';
        ++rows;
        if (buffer.size() > (1u << 20)) {
            if (out.write(buffer.data(), qint64(buffer.size())) != qint64(buffer.size())) {
                error = QStringLiteral("cannot write %1: %2").arg(outPath, out.errorString());
                out.cancelWriting();
                return std::nullopt;
            }
            buffer.clear();
        }
    }
    if (rc != SQLITE_DONE) {
        error = QStringLiteral("cannot read betting_lines: %1").arg(db.lastError());
        out.cancelWriting();
        return std::nullopt;
    }
    if (out.write(buffer.data(), qint64(buffer.size())) != qint64(buffer.size()) || !out.commit()) {
        error = QStringLiteral("cannot write %1: %2").arg(outPath, out.errorString());
        return std::nullopt;
    }
    return rows;
}

std::optional<qint64> NdjsonExport::exportBettingLines(
    const DatabaseUrl& database, const QString& outPath, QString& error)
{
    const auto db = PgConnection::open(database, error);
    if (!db)
        return std::nullopt;
    const auto result = db->exec("SELECT sport, market, game_date, event_id, commence_time, home_team, away_team, "
                                 "bookmaker, player_name, player_lookup, point, over_price, under_price, "
                                 "over_implied_prob, under_implied_prob, last_update, snapshot_time FROM betting_lines "
                                 "ORDER BY event_id, bookmaker, market, player_lookup, point, snapshot_time",
        {}, error);
    if (!result) {
        error = QStringLiteral("cannot read betting_lines: %1").arg(error);
        return std::nullopt;
    }
    static constexpr const char* Names[] = { "sport", "market", "game_date", "event_id", "commence_time", "home_team",
        "away_team", "bookmaker", "player_name", "player_lookup", "point", "over_price", "under_price",
        "over_implied_prob", "under_implied_prob", "last_update", "snapshot_time" };
    enum class Type { Text, Integer, Real };
    auto typeOf = [](int column) {
        if (column == 11 || column == 12)
            return Type::Integer;
        return column == 10 || column == 13 || column == 14 ? Type::Real : Type::Text;
    };
    QSaveFile out(outPath);
    if (!out.open(QIODevice::WriteOnly)) {
        error = QStringLiteral("cannot write %1: %2").arg(outPath, out.errorString());
        return std::nullopt;
    }
    std::string buffer;
    for (int r = 0; r < result->rows(); ++r) {
        nlohmann::ordered_json row;
        for (int c = 0; c < 17; ++c) {
            if (result->isNull(r, c)) {
                row[Names[c]] = nullptr;
                continue;
            }
            const QByteArray value = result->value(r, c);
            switch (typeOf(c)) {
            case Type::Integer:
                row[Names[c]] = value.toLongLong();
                break;
            case Type::Real: {
                double number = 0;
                parseFiniteDouble(std::string_view(value.constData(), std::size_t(value.size())), number);
                row[Names[c]] = number;
                break;
            }
            case Type::Text:
                row[Names[c]] = value.toStdString();
                break;
            }
        }
        buffer += row.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        buffer += '\n';
    }
    if (out.write(buffer.data(), qint64(buffer.size())) != qint64(buffer.size()) || !out.commit()) {
        error = QStringLiteral("cannot write %1: %2").arg(outPath, out.errorString());
        return std::nullopt;
    }
    return result->rows();
}

} // namespace bfs
