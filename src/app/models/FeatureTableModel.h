#pragma once

#include "FeatureQuery.h"
#include "storage/DbConnection.h"

#include <QAbstractTableModel>
#include <QList>
#include <QVariant>

namespace bfs::app {

// The `features` table, read lazily in pages of PageSize rows as the view scrolls
// (canFetchMore / fetchMore). Sorting and filtering become ORDER BY and WHERE with
// bound values; pages continue from the last row seen (keyset on the sort value and
// rowid), so the page at row 400,000 costs what the first one does. The connection
// belongs to the GUI thread and each page is one short query; counts, statistics
// and exports run elsewhere on their own connections.
class FeatureTableModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    static constexpr int PageSize = 500;

    explicit FeatureTableModel(QObject* parent = nullptr);
    ~FeatureTableModel() override;

    // Opens `databasePath` and loads the first page; false with `error` naming the
    // problem (missing file, no features table).
    bool open(const QString& databasePath, QString& error);
    void close(); // lets a writer replace the table; the model shows nothing until open()
    bool isOpen() const { return m_connection.isOpen(); }
    QString databasePath() const { return m_path; }

    // Filter (text, column, operator, value) from `query`; the column list and sort
    // are the model's own. Returns false with `error` for an unknown column.
    bool setFilter(const FeatureQuery& filter, QString& error);
    const FeatureQuery& query() const { return m_query; }
    QString lastError() const { return m_error; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;
    void sort(int column, Qt::SortOrder order) override;

Q_SIGNALS:
    // The rows the model stands for changed (open, filter, sort): totals and
    // statistics shown next to the view are stale.
    void queryChanged();
    void errorOccurred(const QString& error);

private:
    void reload();
    bool readPage(QList<QList<QVariant>>& rows, QList<qint64>& rowids);

    DbConnection m_connection;
    QString m_path;
    FeatureQuery m_query;
    bool m_hasRowid = true;
    bool m_atEnd = true;
    bool m_announcing = false;
    QList<QList<QVariant>> m_rows;
    QList<qint64> m_rowids;
    QString m_error;
};

} // namespace bfs::app
