#include "BenchmarkDialog.h"

#include "ui_BenchmarkDialog.h"

#include "FutureSupport.h"
#include "charts/SpeedupChart.h"
#include "jobs/JobEngine.h"
#include "models/BenchmarkTableModel.h"

#include "settings/AppSettings.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QMessageBox>
#include <QPainter>
#include <QPointer>
#include <QSaveFile>
#include <QThread>
#include <QtConcurrent>

#include <algorithm>

namespace bfs::app {

namespace {
constexpr int DefaultRepeats = 3;
QString workersText(int workers)
{
    return workers == 1 ? BenchmarkDialog::tr("1 worker") : BenchmarkDialog::tr("%1 workers").arg(workers);
}
} // namespace

BenchmarkDialog::BenchmarkDialog(QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::BenchmarkDialog>())
    , m_model(new BenchmarkTableModel(this))
    , m_chart(new charts::SpeedupChart)
{
    m_ui->setupUi(this);
    m_ui->chartView->setChart(m_chart);
    m_ui->chartView->setRenderHint(QPainter::Antialiasing);
    m_ui->tableView->setModel(m_model);
    m_ui->tableView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_ui->tableView->verticalHeader()->hide();
    m_ui->splitter->setStretchFactor(0, 1);
    m_ui->splitter->setStretchFactor(1, 1);
    m_ui->splitter->setSizes({ 540, 540 });
    m_ui->maxWorkersSpin->setRange(JobEngine::MinWorkers, JobEngine::MaxWorkers);
    // 1 … every core (not the runs' cores − 1, which is a single point on a 2-core machine), three
    // repeats each, so the default benchmark is a curve with its spread.
    m_ui->maxWorkersSpin->setValue(
        std::clamp(QThread::idealThreadCount(), JobEngine::MinWorkers, JobEngine::MaxWorkers));
    m_ui->repeatSpin->setValue(DefaultRepeats);
    m_chart->setMaxWorkers(m_ui->maxWorkersSpin->value());

    // An explicit list replaces 1…N.
    connect(m_ui->workerListEdit, &QLineEdit::textChanged, this,
        [this](const QString& text) { m_ui->maxWorkersSpin->setEnabled(!m_running && text.trimmed().isEmpty()); });
    connect(m_ui->startButton, &QPushButton::clicked, this, &BenchmarkDialog::start);
    connect(m_ui->cancelButton, &QPushButton::clicked, this, &BenchmarkDialog::cancel);
    connect(m_ui->browseButton, &QPushButton::clicked, this, [this] {
        const QString current = m_ui->databaseEdit->text().trimmed();
        const QString path = QFileDialog::getOpenFileName(this, tr("Race database"),
            QFileInfo::exists(current)
                ? current
                : AppSettings().dialogStart(AppSettings::FileKind::RaceDatabase, QDir::homePath()),
            tr("SQLite databases (*.sqlite *.sqlite3 *.db);;All files (*)"));
        if (path.isEmpty())
            return;
        AppSettings().setLastDirectory(AppSettings::FileKind::RaceDatabase, path);
        setDatabase(path);
    });
    connect(m_ui->exportButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export benchmark"),
            AppSettings().dialogStart(AppSettings::FileKind::Benchmark,
                QFileInfo(m_ui->databaseEdit->text().trimmed()).absolutePath() + QStringLiteral("/benchmark.csv"),
                QStringLiteral("benchmark.csv")),
            tr("CSV files (*.csv)"));
        if (!path.isEmpty())
            AppSettings().setLastDirectory(AppSettings::FileKind::Benchmark, path);
        QString error;
        if (!path.isEmpty() && !exportCsv(path, error))
            QMessageBox::warning(this, windowTitle(), error);
    });
    m_ui->statusLabel->setText(tr("Choose the worker counts and press Start."));
}

BenchmarkDialog::~BenchmarkDialog()
{
    if (m_cancel)
        *m_cancel = true; // the run in flight finishes on the pool and stops there
}

void BenchmarkDialog::setDatabase(const QString& path)
{
    m_ui->databaseEdit->setText(path);
}

void BenchmarkDialog::setMaxWorkers(int workers)
{
    m_ui->maxWorkersSpin->setValue(workers);
    m_chart->setMaxWorkers(workers);
}

void BenchmarkDialog::setWorkerList(const QString& list)
{
    m_ui->workerListEdit->setText(list);
}

void BenchmarkDialog::setLimit(int races)
{
    m_ui->limitSpin->setValue(races);
}

void BenchmarkDialog::setRepeat(int repeat)
{
    m_ui->repeatSpin->setValue(repeat);
}

void BenchmarkDialog::setBatchSize(int batchSize)
{
    m_batchSize = std::max(1, batchSize);
}

void BenchmarkDialog::setWorkspace(const QString& dir)
{
    m_workspace = dir;
}

QString BenchmarkDialog::statusText() const
{
    return m_ui->statusLabel->text();
}

QList<int> BenchmarkDialog::workerCounts(QString& error) const
{
    QList<int> counts;
    const QString list = m_ui->workerListEdit->text().trimmed();
    if (list.isEmpty()) {
        for (int workers = 1; workers <= m_ui->maxWorkersSpin->value(); ++workers)
            counts << workers;
        return counts;
    }
    const auto parts = list.split(QRegularExpression(QStringLiteral("[,;\\s]+")), Qt::SkipEmptyParts);
    for (const QString& part : parts) {
        bool ok = false;
        const int workers = part.toInt(&ok);
        if (!ok || workers < JobEngine::MinWorkers || workers > JobEngine::MaxWorkers) {
            error = tr("worker counts must be whole numbers from %1 to %2; “%3” is not")
                        .arg(JobEngine::MinWorkers)
                        .arg(JobEngine::MaxWorkers)
                        .arg(part);
            return {};
        }
        if (!counts.contains(workers))
            counts << workers;
    }
    return counts;
}

bool BenchmarkDialog::start()
{
    if (m_running)
        return false;
    QString error;
    const QList<int> counts = workerCounts(error);
    const QString database = m_ui->databaseEdit->text().trimmed();
    if (error.isEmpty() && database.isEmpty())
        error = tr("choose a race database");
    else if (error.isEmpty() && !QFileInfo::exists(database))
        error = tr("the race database %1 does not exist").arg(database);
    if (!error.isEmpty()) {
        m_ui->statusLabel->setText(tr("<span style='color:#b00020'>Cannot start: %1.</span>").arg(error));
        return false;
    }

    BenchmarkSettings settings;
    settings.database = database;
    settings.workers = counts;
    settings.limit = m_ui->limitSpin->value();
    settings.repeat = m_ui->repeatSpin->value();
    settings.batchSize = m_batchSize;
    settings.workspace = m_workspace;

    m_model->clear();
    m_chart->clearMeasured();
    m_chart->setMaxWorkers(*std::max_element(counts.begin(), counts.end()));
    m_expectedRows = int(counts.size());
    m_ui->progressBar->setRange(0, m_expectedRows);
    m_ui->progressBar->setValue(0);
    m_ui->progressBar->setFormat(tr("%v of %m runs"));
    m_ui->statusLabel->setText(tr("Measuring %1…").arg(workersText(counts.first())));
    setRunning(true);

    // Rows come back through an object living on this thread; the guard drops them if
    // the dialog is gone by the time they arrive.
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    m_cancel = cancel;
    std::shared_ptr<QObject> relay(new QObject, [](QObject* object) { object->deleteLater(); });
    QPointer<BenchmarkDialog> guard(this);
    whenFinished(this, QtConcurrent::run([settings, cancel, relay, guard] {
        return runFeatureBenchmark(settings, [cancel, relay, guard](const BenchmarkRow& row) {
            QMetaObject::invokeMethod(
                relay.get(),
                [guard, row] {
                    if (guard)
                        guard->onRow(row);
                },
                Qt::QueuedConnection);
            return !cancel->load();
        });
    }),
        [this](const BenchmarkResult& result) { onFinished(result); });
    return true;
}

void BenchmarkDialog::cancel()
{
    if (!m_running || !m_cancel)
        return;
    *m_cancel = true;
    m_ui->cancelButton->setEnabled(false);
    m_ui->statusLabel->setText(tr("Cancelling after the run in flight…"));
}

void BenchmarkDialog::onRow(const BenchmarkRow& row)
{
    m_model->addRow(row);
    m_chart->addMeasured(row.workers, row.speedup);
    m_ui->progressBar->setValue(m_model->rowCount());
    if (m_model->rowCount() < m_expectedRows && !(m_cancel && *m_cancel))
        m_ui->statusLabel->setText(
            tr("%1: %2 s. Measuring the next worker count…").arg(workersText(row.workers)).arg(row.seconds, 0, 'f', 2));
    Q_EMIT rowMeasured(row.workers);
}

void BenchmarkDialog::onFinished(const BenchmarkResult& result)
{
    // The final rows carry speedups relative to the 1-worker run even when it was not
    // measured first.
    m_model->clear();
    QList<QPointF> points;
    for (const auto& row : result.runs) {
        m_model->addRow(row);
        points << QPointF(row.workers, row.speedup);
    }
    m_chart->setMeasured(points);
    setRunning(false);
    const bool cancelled = m_cancel && *m_cancel;
    m_cancel.reset();
    QString error = result.error;
    if (cancelled && (error.isEmpty() || error == QLatin1String("cancelled"))) {
        error = tr("cancelled");
        m_ui->statusLabel->setText(
            tr("Cancelled after %1 of %2 worker counts.").arg(result.runs.size()).arg(m_expectedRows));
    } else if (!error.isEmpty()) {
        m_ui->statusLabel->setText(tr("<span style='color:#b00020'>The benchmark stopped: %1</span>").arg(error));
    } else if (!result.runs.isEmpty()) {
        const auto best = std::max_element(result.runs.begin(), result.runs.end(),
            [](const BenchmarkRow& a, const BenchmarkRow& b) { return a.speedup < b.speedup; });
        const auto& last = result.runs.last();
        m_ui->statusLabel->setText(
            tr("Done. Best speedup %1× with %2. With %3 the run spends %4 s reading, %5 s computing, "
               "%6 s writing.")
                .arg(best->speedup, 0, 'f', 2)
                .arg(workersText(best->workers), workersText(last.workers))
                .arg(last.stages.read, 0, 'f', 2)
                .arg(last.stages.compute, 0, 'f', 2)
                .arg(last.stages.write, 0, 'f', 2));
    }
    Q_EMIT benchmarkFinished(error);
}

void BenchmarkDialog::setRunning(bool running)
{
    m_running = running;
    for (QWidget* widget : { static_cast<QWidget*>(m_ui->startButton), static_cast<QWidget*>(m_ui->databaseEdit),
             static_cast<QWidget*>(m_ui->browseButton), static_cast<QWidget*>(m_ui->maxWorkersSpin),
             static_cast<QWidget*>(m_ui->workerListEdit), static_cast<QWidget*>(m_ui->limitSpin),
             static_cast<QWidget*>(m_ui->repeatSpin) })
        widget->setEnabled(!running);
    m_ui->maxWorkersSpin->setEnabled(!running && m_ui->workerListEdit->text().trimmed().isEmpty());
    m_ui->cancelButton->setEnabled(running);
    m_ui->exportButton->setEnabled(!running && m_model->rowCount() > 0);
}

bool BenchmarkDialog::exportCsv(const QString& path, QString& error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text) || file.write(m_model->toCsv().toUtf8()) < 0
        || !file.commit()) {
        error = tr("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

void BenchmarkDialog::reject()
{
    cancel();
    QDialog::reject();
}

} // namespace bfs::app
