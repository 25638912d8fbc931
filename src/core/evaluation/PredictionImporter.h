#pragma once

#include "evaluation/Prediction.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <vector>

class QIODevice;

namespace bfs {

class DbConnection;

// Reads a predictions CSV (evaluation.md: columns by name in any order, UTF-8 with or
// without BOM, CRLF or LF, quoted fields) and, only when EVERY row is valid, replaces
// the workspace's prediction set in one transaction. A bad row is reported with its
// line number and column name; a failed import leaves the stored set untouched. Refused
// whole: a header without rows, a column named twice, a field over its length bound.
//
// The file is streamed: read in pieces, each row checked and stored as soon as it is read
// (inside the one transaction), so memory does not grow with the file. The first problem in
// file order is the one reported.
class PredictionImporter {
public:
    // Receives each valid row in file order; returns false to stop the import (the handler
    // then fills the error itself).
    using RowHandler = std::function<bool(const Prediction&, QString& error)>;

    // Reads `device` to its end, handing each valid row to `onRow`. On failure returns false
    // and `error` names the problem ("line 7, column predicted_strikeouts: 'abc' is not a number").
    static bool parse(QIODevice& device, const RowHandler& onRow, QString& error);
    // The same over contents in memory, collecting the rows.
    static bool parse(const QByteArray& contents, std::vector<Prediction>& predictions, QString& error);
    // Reads, parses and stores `path`. Returns the number of rows stored, or -1 with
    // `error` filled (prefixed with the file name).
    static int importFile(const QString& path, const DbConnection& connection, QString& error);
};

} // namespace bfs
