#pragma once

#include "Prediction.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace bfs {

class DbConnection;

// Reads a predictions CSV (evaluation.md: columns by name in any order, UTF-8 with or
// without BOM, CRLF or LF, quoted fields) and, only when EVERY row is valid, replaces
// the workspace's prediction set in one transaction. A bad row is reported with its
// line number and column name; a failed import leaves the stored set untouched. Refused
// whole: a header without rows, a column named twice, a field over its length bound.
class PredictionImporter {
public:
    // Parses the file contents. On failure returns false and `error` names the problem
    // ("line 7, column predicted_strikeouts: 'abc' is not a number").
    static bool parse(const QByteArray& contents, std::vector<Prediction>& predictions, QString& error);
    // Reads, parses and stores `path`. Returns the number of rows stored, or -1 with
    // `error` filled (prefixed with the file name).
    static int importFile(const QString& path, const DbConnection& connection, QString& error);
};

} // namespace bfs
