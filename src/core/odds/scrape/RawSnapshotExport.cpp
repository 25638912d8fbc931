#include "RawSnapshotExport.h"

#include "odds/scrape/SnapshotStore.h"
#include "storage/PgConnection.h"

#include <QFile>
#include <QHash>

#include <memory>

namespace bfs {

std::optional<RawSnapshotExport> RawSnapshotExport::run(
    const DatabaseUrl& database, const QString& outDir, QString& error)
{
    const auto db = PgConnection::open(database, error);
    if (!db)
        return std::nullopt;
    const QString rawDir = outDir + QStringLiteral("/raw");
    QHash<QString, std::shared_ptr<SnapshotStore>> stores; // one per sport
    RawSnapshotExport result;
    // In pages of ids, so a season of answers never sits in memory at once.
    QByteArray after = "0";
    for (;;) {
        const auto page = db->exec("SELECT id::text AS id_text, sport, game_date, event_id, body FROM raw_snapshots "
                                   "WHERE id > $1::bigint ORDER BY raw_snapshots.id LIMIT 500",
            { after }, error, {}, true);
        if (!page)
            return std::nullopt;
        if (page->rows() == 0)
            break;
        for (int r = 0; r < page->rows(); ++r) {
            const QString sport = page->text(r, 1);
            const QDate date = QDate::fromString(page->text(r, 2), Qt::ISODate);
            const QString eventId = page->text(r, 3);
            const QByteArray body = page->value(r, 4);
            auto& store = stores[sport];
            if (!store)
                store = std::make_shared<SnapshotStore>(rawDir, sport);
            ++result.snapshots;
            QFile existing(QStringLiteral("%1/%2/%3/%4")
                               .arg(rawDir, sport, date.toString(Qt::ISODate), SnapshotStore::fileNameOf(eventId)));
            if (existing.size() == body.size() && existing.open(QIODevice::ReadOnly) && existing.readAll() == body) {
                ++result.unchanged;
                continue;
            }
            if (!store->write(date, eventId, body, error))
                return std::nullopt;
            ++result.written;
        }
        after = page->value(page->rows() - 1, 0);
    }
    return result;
}

nlohmann::json RawSnapshotExport::toJson() const
{
    return { { "snapshots", snapshots }, { "files_written", written }, { "files_unchanged", unchanged } };
}

} // namespace bfs
