#pragma once

#include "evaluation/Prediction.h"

#include <QString>
#include <QVariant>

#include <memory>
#include <optional>
#include <vector>

class QSqlQuery;

namespace bfs {

class DbConnection;
class DbTransaction;

// Replaces the workspace's prediction set (table `predictions`) row by row, so an import can
// store a file while it reads it instead of holding every row first. begin() opens ONE
// transaction and empties the set; add() stores rows, several per INSERT; commit() records
// where the set came from and commits. Destroyed without a successful commit() (a bad row
// further down the file, a failed insert), it rolls back and the previous set is untouched.
class PredictionWriter {
public:
    explicit PredictionWriter(const DbConnection& connection);
    ~PredictionWriter();
    PredictionWriter(const PredictionWriter&) = delete;
    PredictionWriter& operator=(const PredictionWriter&) = delete;

    bool begin(QString& error);
    bool add(const Prediction& prediction, QString& error);
    bool commit(const QString& source, QString& error);
    qint64 rows() const { return m_rows; }

private:
    bool flush(QString& error);
    void bind(QSqlQuery& query, int row, const Prediction& prediction) const;

    const DbConnection& m_connection;
    std::unique_ptr<DbTransaction> m_transaction;
    std::unique_ptr<QSqlQuery> m_insertBatch; // BatchRows rows per statement
    std::unique_ptr<QSqlQuery> m_insertOne; // the last, partial batch
    std::vector<Prediction> m_batch;
    qint64 m_rows = 0;
    QVariant m_previousCacheSize; // the connection's, put back when the writer is done
};

} // namespace bfs
