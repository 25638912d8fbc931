#include "FeatureExplorer.h"

#include "ui_FeatureExplorer.h"

#include "FutureSupport.h"
#include "features/FeatureQuery.h"
#include "models/FeatureTableModel.h"

#include "settings/AppSettings.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLocale>
#include <QMessageBox>
#include <QProgressDialog>
#include <QTimer>
#include <QtConcurrent>

#include <atomic>

namespace bfs::app {

namespace {

QString formatValue(const QVariant& value)
{
    if (value.isNull())
        return QStringLiteral("–");
    if (value.typeId() == QMetaType::Double)
        return QLocale().toString(value.toDouble(), 'g', 6);
    if (value.typeId() == QMetaType::LongLong || value.typeId() == QMetaType::Int)
        return QLocale().toString(value.toLongLong());
    return value.toString();
}

struct ExportState {
    std::atomic<bool> cancel { false };
    std::atomic<qint64> written { 0 };
};

} // namespace

FeatureExplorer::FeatureExplorer(QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::FeatureExplorer>())
    , m_model(new FeatureTableModel(this))
{
    m_ui->setupUi(this);
    m_ui->tableView->setModel(m_model);
    m_ui->tableView->horizontalHeader()->setSortIndicatorShown(true);
    m_ui->tableView->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_ui->tableView->horizontalHeader()->setDefaultSectionSize(110);
    m_ui->splitter->setStretchFactor(0, 4);
    m_ui->splitter->setStretchFactor(1, 1);
    m_ui->filterOperatorCombo->addItems(FeatureQuery::operators());

    connect(m_ui->refreshButton, &QPushButton::clicked, this, &FeatureExplorer::refresh);
    connect(m_ui->exportButton, &QPushButton::clicked, this, &FeatureExplorer::exportCsv);
    connect(m_ui->applyFilterButton, &QPushButton::clicked, this, &FeatureExplorer::applyFilter);
    connect(m_ui->textFilterEdit, &QLineEdit::returnPressed, this, &FeatureExplorer::applyFilter);
    connect(m_ui->clearFilterButton, &QPushButton::clicked, this, &FeatureExplorer::clearFilter);
    connect(m_ui->filterOperatorCombo, &QComboBox::currentTextChanged, this,
        [this](const QString& op) { m_ui->filterValueSpin->setEnabled(FeatureQuery::operatorTakesValue(op)); });
    connect(m_model, &FeatureTableModel::queryChanged, this, [this] {
        updateCount();
        updateStats();
    });
    connect(m_model, &FeatureTableModel::errorOccurred, this, [this](const QString& error) {
        m_openError = error;
        updateStatus();
    });
    connect(m_model, &FeatureTableModel::pageLoaded, this, &FeatureExplorer::updateStatus);
    connect(m_model, &QAbstractItemModel::modelReset, this, &FeatureExplorer::updateStatus);
    connect(m_ui->tableView->selectionModel(), &QItemSelectionModel::currentColumnChanged, this,
        &FeatureExplorer::updateStats);
    updateColumns();
    updateStatus();
}

FeatureExplorer::~FeatureExplorer() = default;

void FeatureExplorer::setDatabase(const QString& databasePath)
{
    m_database = databasePath;
    refresh();
}

void FeatureExplorer::release()
{
    m_model->close();
    m_openError = tr("The table is being rewritten; it reappears when the run ends.");
    updateColumns();
    updateStatus();
}

void FeatureExplorer::refresh()
{
    m_ui->sourceLabel->setText(m_database.isEmpty() ? tr("(no database chosen)") : m_database);
    m_openError.clear();
    if (m_database.isEmpty()) {
        m_model->close();
        m_openError = tr("Choose a race database on the Generate tab.");
    } else {
        QString error;
        if (!m_model->open(m_database, error))
            m_openError = error;
    }
    updateColumns();
    updateStatus();
}

void FeatureExplorer::updateColumns()
{
    const QString previous = m_ui->filterColumnCombo->currentText();
    m_ui->filterColumnCombo->clear();
    m_ui->filterColumnCombo->addItem(tr("(no condition)"), QString());
    for (const auto& column : m_model->query().columns) {
        if (column != QLatin1String("race_id") && column != QLatin1String("horse_id")
            && column != QLatin1String("date"))
            m_ui->filterColumnCombo->addItem(column, column);
    }
    // Wide enough for each header: sizing to contents would measure every loaded row.
    auto* header = m_ui->tableView->horizontalHeader();
    const auto metrics = header->fontMetrics();
    for (int column = 0; column < m_model->columnCount(); ++column)
        header->resizeSection(column,
            std::max(80, metrics.horizontalAdvance(m_model->headerData(column, Qt::Horizontal).toString()) + 28));
    const int index = m_ui->filterColumnCombo->findText(previous);
    m_ui->filterColumnCombo->setCurrentIndex(std::max(0, index));
    const bool open = m_model->isOpen();
    for (QWidget* widget : { static_cast<QWidget*>(m_ui->exportButton), static_cast<QWidget*>(m_ui->applyFilterButton),
             static_cast<QWidget*>(m_ui->clearFilterButton), static_cast<QWidget*>(m_ui->textFilterEdit),
             static_cast<QWidget*>(m_ui->filterColumnCombo) })
        widget->setEnabled(open);
    m_ui->exportButton->setEnabled(open && !m_exporting);
}

void FeatureExplorer::applyFilter()
{
    FeatureQuery filter;
    filter.text = m_ui->textFilterEdit->text();
    filter.filterColumn = m_ui->filterColumnCombo->currentData().toString();
    filter.filterOperator = m_ui->filterOperatorCombo->currentText();
    filter.filterValue = m_ui->filterValueSpin->value();
    QString error;
    if (!m_model->setFilter(filter, error))
        QMessageBox::warning(this, tr("Filter"), tr("The filter was not applied: %1").arg(error));
}

void FeatureExplorer::clearFilter()
{
    m_ui->textFilterEdit->clear();
    m_ui->filterColumnCombo->setCurrentIndex(0);
    applyFilter();
}

void FeatureExplorer::updateCount()
{
    m_counts.invalidate(); // the filter changed: a count in flight is dropped
    m_totalRows = -1;
    updateStatus();
    if (!m_model->isOpen())
        return;
    const QString database = m_model->databasePath();
    const FeatureQuery query = m_model->query();
    m_counts.start(this, QtConcurrent::run([database, query] {
        QString error;
        return countFeatureRows(database, query, error);
    }),
        [this](qint64 rows) {
            m_totalRows = rows;
            updateStatus();
            Q_EMIT totalRowsChanged(rows);
        });
}

void FeatureExplorer::updateStats()
{
    m_stats.invalidate();
    const QModelIndex current = m_ui->tableView->currentIndex();
    const auto& columns = m_model->query().columns;
    if (!m_model->isOpen() || !current.isValid() || current.column() >= columns.size()) {
        showStats({});
        return;
    }
    const QString column = columns.at(current.column());
    ColumnStats pending;
    pending.column = column;
    pending.rows = -1;
    showStats(pending);
    const QString database = m_model->databasePath();
    const FeatureQuery query = m_model->query();
    m_stats.start(this,
        QtConcurrent::run([database, query, column] { return computeColumnStats(database, query, column); }),
        [this](const ColumnStats& stats) {
            showStats(stats);
            Q_EMIT statsReady(stats.column);
        });
}

void FeatureExplorer::showStats(const ColumnStats& stats)
{
    m_ui->statsColumnLabel->setText(stats.column.isEmpty() ? tr("(select a cell)") : stats.column);
    const bool ready = !stats.column.isEmpty() && stats.rows >= 0 && stats.error.isEmpty();
    const QString waiting = stats.column.isEmpty() ? QString() : stats.error.isEmpty() ? tr("computing…") : QString();
    m_ui->statsCountLabel->setText(ready ? QLocale().toString(stats.rows) : waiting);
    m_ui->statsNullsLabel->setText(ready ? QLocale().toString(stats.rows - stats.values) : QString());
    m_ui->statsMinLabel->setText(ready ? formatValue(stats.min) : QString());
    m_ui->statsMaxLabel->setText(ready ? formatValue(stats.max) : QString());
    m_ui->statsMeanLabel->setText(ready ? formatValue(stats.mean) : QString());
    if (!stats.error.isEmpty())
        m_ui->statsCountLabel->setText(stats.error);
}

void FeatureExplorer::updateStatus()
{
    if (!m_openError.isEmpty() && !m_model->isOpen()) {
        m_ui->statusLabel->setText(m_openError);
        return;
    }
    const QString total = m_totalRows < 0 ? tr("counting…") : QLocale().toString(m_totalRows);
    QString text = tr("%1 rows loaded of %2 matching.").arg(QLocale().toString(m_model->rowCount()), total);
    if (m_model->isFetching())
        text += u' ' + tr("Reading the next rows…");
    else
        text += u' ' + tr("Click a header to sort, a cell for its column's statistics.");
    m_ui->statusLabel->setText(text);
}

void FeatureExplorer::exportCsv()
{
    const QString fallback = m_database.isEmpty() ? QDir::homePath() : QFileInfo(m_database).absolutePath();
    const QString path = QFileDialog::getSaveFileName(this, tr("Export features"),
        AppSettings().dialogStart(AppSettings::FileKind::FeaturesCsv, fallback + QStringLiteral("/features.csv"),
            QStringLiteral("features.csv")),
        tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    AppSettings().setLastDirectory(AppSettings::FileKind::FeaturesCsv, path);
    exportCsvTo(path);
}

void FeatureExplorer::exportCsvTo(const QString& csvPath)
{
    if (m_exporting || !m_model->isOpen())
        return;
    m_exporting = true;
    m_ui->exportButton->setEnabled(false);
    auto state = std::make_shared<ExportState>();
    auto* progress = new QProgressDialog(
        tr("Exporting features to %1…").arg(csvPath), tr("Cancel"), 0, int(std::max<qint64>(0, m_totalRows)), this);
    progress->setWindowTitle(tr("Export CSV"));
    progress->setMinimumDuration(500);
    progress->setAutoClose(false);
    progress->setAutoReset(false);
    connect(progress, &QProgressDialog::canceled, this, [state] { state->cancel = true; });
    auto* poll = new QTimer(progress);
    connect(poll, &QTimer::timeout, progress, [progress, state] { progress->setValue(int(state->written.load())); });
    poll->start(100);

    const QString database = m_model->databasePath();
    const FeatureQuery query = m_model->query();
    whenFinished(this, QtConcurrent::run([database, query, csvPath, state] {
        return exportFeaturesCsv(database, query, csvPath, state->cancel, state->written);
    }),
        [this, progress, csvPath](const CsvExportResult& result) {
            progress->deleteLater();
            m_exporting = false;
            m_ui->exportButton->setEnabled(m_model->isOpen());
            if (result.cancelled)
                m_ui->statusLabel->setText(tr("Export cancelled; no file was written."));
            else if (!result.error.isEmpty())
                QMessageBox::warning(this, tr("Export CSV"), tr("The export failed: %1").arg(result.error));
            else
                m_ui->statusLabel->setText(tr("Exported %1 rows to %2.").arg(QLocale().toString(result.rows), csvPath));
            Q_EMIT exportFinished(csvPath, result.rows, result.cancelled ? tr("cancelled") : result.error);
        });
}

} // namespace bfs::app
