#pragma once

#include "features/RaceData.h"

#include <QString>

namespace bfs {

// Reads a race database in the racing-API layout (features.md) into RaceData.
// Numbers may be TEXT; a value that does not parse as a finite number is NULL.
// The three tables are read in parallel on separate read-only connections.
class RaceDbReader {
public:
    // Checks the file is a SQLite database with every table and column the features
    // need. Returns an empty string when usable, otherwise a message naming the
    // problem ("table 'results' has no column 'position_int'").
    static QString validate(const QString& path);

    // Reads every race; `limit` > 0 keeps the first `limit` eligible races.
    static bool read(const QString& path, qint64 limit, RaceData& data, QString& error);
};

} // namespace bfs
