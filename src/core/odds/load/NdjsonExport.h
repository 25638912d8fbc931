#pragma once

#include "storage/DatabaseUrl.h"

#include <QString>

#include <optional>

namespace bfs {

// Writes betting_lines as newline-delimited JSON, one object per row with the table's
// columns (NULL → null), for `bq load --source_format=NEWLINE_DELIMITED_JSON`. The file
// is written atomically (QSaveFile): a failed or cancelled export leaves any earlier
// file untouched.
class NdjsonExport {
public:
    // Rows written, or nullopt with `error` naming the problem.
    static std::optional<qint64> exportBettingLines(
        const QString& databasePath, const QString& outPath, QString& error);
    // The same from a team database, in the order of the table's unique key.
    static std::optional<qint64> exportBettingLines(
        const DatabaseUrl& database, const QString& outPath, QString& error);
};

} // namespace bfs
