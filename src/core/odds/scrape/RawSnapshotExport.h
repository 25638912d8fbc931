#pragma once

#include "storage/DatabaseUrl.h"

#include <QString>

#include <nlohmann/json.hpp>

#include <optional>

namespace bfs {

// `export-raw` (team.md): writes a team database's raw snapshots as the raw/{sport}/{date}/…json
// tree of odds-api.md under a folder — a backup, or the raw/ of a SQLite workspace — byte for
// byte, each file written atomically (the snapshot store's own write). A file already there with
// the same bytes is left alone, so exporting again only writes what is new.
struct RawSnapshotExport {
    qint64 snapshots = 0; // rows in raw_snapshots
    qint64 written = 0;
    qint64 unchanged = 0;

    // `outDir`/raw/… ; empty optional and `error` when the database or the folder fails.
    static std::optional<RawSnapshotExport> run(const DatabaseUrl& database, const QString& outDir, QString& error);
    nlohmann::json toJson() const; // {"snapshots", "files_written", "files_unchanged"}
};

} // namespace bfs
