#pragma once

#include "FutureSupport.h"
#include "features/FeatureQuery.h"

#include <QAbstractTableModel>
#include <QList>
#include <QThreadPool>
#include <QVariant>

namespace bfs::app {

// The `features` table, read lazily in pages of PageSize rows as the view scrolls
// (canFetchMore / fetchMore). Sorting and filtering become ORDER BY and WHERE with
// bound values; pages continue from the last row seen (keyset on the sort value and
// rowid), so the page at row 400,000 costs what the first one does. A page sorted on
// an unindexed column still scans the table, so every page is read on the model's
// own one-thread pool with its own connection and inserted when it arrives: the GUI
// thread never waits on SQLite.
class FeatureTableModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    static constexpr int PageSize = 500;

    explicit FeatureTableModel(QObject* parent = nullptr);
    ~FeatureTableModel() override;

    // Reads the column list of `databasePath` and starts loading the first page; false
    // with `error` naming the problem (missing file, no features table).
    bool open(const QString& databasePath, QString& error);
    void close(); // forgets the table; pages in flight are dropped
    bool isOpen() const { return !m_query.columns.isEmpty(); }
    QString databasePath() const { return m_path; }
    bool isFetching() const { return m_fetching; }

    // Filter (text, column, operator, value) from `filter`; the column list and sort
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
    void pageLoaded(int rows);
    void errorOccurred(const QString& error);

private:
    void reload();
    void onPage(const FeaturePage& page);

    QThreadPool m_reader;
    QString m_path;
    FeatureQuery m_query;
    bool m_hasRowid = true;
    bool m_atEnd = true;
    bool m_fetching = false;
    JobTracker m_pages; // one page at a time (m_fetching); dropped when the query changes
    QList<QList<QVariant>> m_rows;
    QList<qint64> m_rowids;
    QString m_error;
};

} // namespace bfs::app
