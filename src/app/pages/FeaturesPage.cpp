#include "FeaturesPage.h"

#include "ui_FeaturesPage.h"

#include "FutureSupport.h"
#include "charts/ProgressChart.h"
#include "dialogs/BenchmarkDialog.h"
#include "dialogs/SampleDatabaseDialog.h"
#include "features/SampleRaceDb.h"
#include "jobs/JobEngine.h"
#include "pages/FeatureExplorer.h"
#include "settings/AppSettings.h"
#include "util/Format.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLocale>
#include <QPainter>
#include <QProgressDialog>
#include <QTimer>
#include <QtConcurrent>

#include <atomic>

namespace bfs::app {

namespace {

QString formatSeconds(double seconds)
{
    return format::duration(seconds);
}

QString workersText(int workers)
{
    return format::plural(workers, FeaturesPage::tr("worker"), FeaturesPage::tr("workers"));
}

// The bar's text for a run that ended early: its own share, never a previous run's.
QString endedFormat(const QString& how, const JobResult& result)
{
    if (result.total <= 0)
        return how;
    return FeaturesPage::tr("%1 at %2").arg(how, format::percent(double(result.done) / double(result.total)));
}

struct SampleState {
    std::atomic<bool> cancel { false };
    std::atomic<int> done { 0 };
    std::atomic<int> total { 0 };
};

} // namespace

FeaturesPage::FeaturesPage(QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::FeaturesPage>())
    , m_engine(new JobEngine(this))
    , m_chart(new charts::ProgressChart(tr("Races done over time"), tr("races")))
    , m_tick(new QTimer(this))
{
    m_ui->setupUi(this);
    m_ui->errorBanner->hide();
    {
        // An error that comes and goes keeps its room, so the form below never jumps.
        m_ui->errorBanner->setMinimumHeight(fontMetrics().lineSpacing() + 14); // a line and the padding
        QSizePolicy keep = m_ui->errorBanner->sizePolicy();
        keep.setRetainSizeWhenHidden(true);
        m_ui->errorBanner->setSizePolicy(keep);
    }
    m_ui->chartView->setChart(m_chart);
    m_ui->chartView->setRenderHint(QPainter::Antialiasing);
    m_ui->workersSpin->setRange(JobEngine::MinWorkers, JobEngine::MaxWorkers);

    {
        const AppSettings stored;
        m_ui->databaseEdit->setText(stored.featuresDatabase());
        m_ui->outputEdit->setText(stored.featuresOutputDatabase());
        m_ui->batchSpin->setValue(stored.featuresBatchSize());
        m_ui->limitSpin->setValue(stored.featuresLimit());
        m_ui->workersSpin->setValue(stored.workers());
    }

    connect(m_ui->browseDatabaseButton, &QPushButton::clicked, this, &FeaturesPage::browseDatabase);
    connect(m_ui->browseOutputButton, &QPushButton::clicked, this, &FeaturesPage::browseOutput);
    connect(m_ui->createSampleButton, &QPushButton::clicked, this, &FeaturesPage::askSampleDatabase);
    connect(m_ui->startButton, &QPushButton::clicked, this, &FeaturesPage::start);
    connect(m_ui->cancelButton, &QPushButton::clicked, this, &FeaturesPage::cancel);
    connect(m_ui->pauseButton, &QPushButton::clicked, this, [this] {
        if (m_engine->isPaused())
            m_engine->resume();
        else
            m_engine->pause();
    });
    connect(m_engine, &JobEngine::pausedChanged, this, [this](bool paused) {
        m_ui->pauseButton->setText(paused ? tr("&Resume") : tr("&Pause"));
        if (paused) {
            m_ui->stageLabel->setText(tr("Paused: the batches in flight finish, no new batch starts"));
            m_ui->rateLabel->setText(tr("paused"));
        }
    });
    connect(m_ui->benchmarkButton, &QPushButton::clicked, this, &FeaturesPage::openBenchmark);
    connect(m_ui->testModeCheck, &QCheckBox::toggled, m_ui->limitSpin, &QWidget::setDisabled);
    // The page's spin box and Preferences ▸ Performance are one setting.
    connect(m_ui->workersSpin, &QSpinBox::valueChanged, this, [](int workers) { AppSettings().setWorkers(workers); });
    connect(m_ui->databaseEdit, &QLineEdit::editingFinished, this, [this] {
        saveForm();
        if (!isRunning())
            explorer()->setDatabase(settings().targetDatabase());
    });
    connect(m_ui->outputEdit, &QLineEdit::editingFinished, this, [this] {
        saveForm();
        if (!isRunning())
            explorer()->setDatabase(settings().targetDatabase());
    });
    connect(m_engine, &JobEngine::progressChanged, this, &FeaturesPage::onProgress);
    m_tick->setInterval(500);
    connect(m_tick, &QTimer::timeout, this,
        [this] { m_chart->addPoint(double(m_clock.nsecsElapsed()) / 1e9, double(m_lastDone)); });
    connect(m_engine, &JobEngine::finished, this, &FeaturesPage::onFinished);

    explorer()->setDatabase(settings().targetDatabase());
    setRunning(false);
}

FeaturesPage::~FeaturesPage() = default;

FeatureExplorer* FeaturesPage::explorer() const
{
    return m_ui->explorer;
}

FeatureSettings FeaturesPage::settings() const
{
    FeatureSettings settings;
    settings.database = m_ui->databaseEdit->text().trimmed();
    settings.outputDatabase = m_ui->outputEdit->text().trimmed();
    settings.workers = m_ui->workersSpin->value();
    settings.limit = m_ui->testModeCheck->isChecked() ? FeatureSettings::TestModeLimit : m_ui->limitSpin->value();
    settings.batchSize = m_ui->batchSpin->value();
    return settings;
}

void FeaturesPage::setDatabase(const QString& path)
{
    m_ui->databaseEdit->setText(path);
    saveForm();
    if (!isRunning())
        explorer()->setDatabase(settings().targetDatabase());
}

void FeaturesPage::setOutputDatabase(const QString& path)
{
    m_ui->outputEdit->setText(path);
    saveForm();
    if (!isRunning())
        explorer()->setDatabase(settings().targetDatabase());
}

void FeaturesPage::saveForm() const
{
    AppSettings settings;
    settings.setFeaturesDatabase(m_ui->databaseEdit->text().trimmed());
    settings.setFeaturesOutputDatabase(m_ui->outputEdit->text().trimmed());
    settings.setFeaturesBatchSize(m_ui->batchSpin->value());
    settings.setFeaturesLimit(m_ui->limitSpin->value());
    settings.setWorkers(m_ui->workersSpin->value());
}

void FeaturesPage::reloadPreferences()
{
    if (!isRunning())
        m_ui->workersSpin->setValue(AppSettings().workers());
}

bool FeaturesPage::isRunning() const
{
    return m_engine->isRunning();
}

void FeaturesPage::setWorkspace(const Workspace& workspace)
{
    m_workspaceDir = workspace.dir();
}

bool FeaturesPage::start()
{
    if (isRunning() || m_creatingSample)
        return false;
    clearError();
    FeatureSettings run = settings();
    // The engine words its checks for the command line; the page names its own fields.
    QString problem = format::withoutFlags(run.validate(),
        { { QStringLiteral(" (--db)"), QString() }, { QStringLiteral("--workers"), tr("workers") },
            { QStringLiteral("--limit"), tr("the race limit") },
            { QStringLiteral("--batch-size"), tr("the batch size") } });
    if (problem.isEmpty() && !QFileInfo::exists(run.database))
        problem = tr("the race database %1 does not exist").arg(run.database);
    if (!problem.isEmpty()) {
        showError(tr("Cannot start: %1.").arg(problem));
        return false;
    }
    saveForm();
    // The explorer's connection must not hold the table while the run rewrites it.
    explorer()->release();
    m_chart->reset(0);
    m_lastDone = 0;
    m_summary = {};
    m_ui->summaryLabel->clear();
    m_ui->countsLabel->clear();
    m_ui->rateLabel->clear();
    m_engine->setWorkers(run.workers);
    run.workspace = m_workspaceDir; // the job records its run there
    m_job = std::make_shared<FeatureJob>(run);
    if (!m_engine->start(m_job)) {
        showError(tr("Cannot start: another run is still going."));
        return false;
    }
    m_ui->stageLabel->setText(tr("Starting…"));
    m_ui->progressBar->setFormat(tr("starting…"));
    m_ui->progressBar->setRange(0, 0);
    m_clock.start();
    m_tick->start();
    setRunning(true);
    Q_EMIT runStarted();
    return true;
}

void FeaturesPage::cancel()
{
    if (!isRunning())
        return;
    m_ui->stageLabel->setText(tr("Cancelling: finishing the batches in flight…"));
    m_ui->cancelButton->setEnabled(false);
    m_engine->cancel();
}

void FeaturesPage::onProgress(const JobProgress& progress)
{
    if (progress.total <= 0) {
        m_ui->progressBar->setRange(0, 0); // reading and indexing: no race count yet
    } else {
        m_ui->progressBar->setRange(0, 1000);
        m_ui->progressBar->setValue(int(progress.fraction() * 1000));
        m_ui->progressBar->setFormat(format::percent(progress.fraction()));
    }
    const QString worker = progress.workerStatus.value(0);
    if (progress.paused)
        m_ui->stageLabel->setText(tr("Paused: the batches in flight finish, no new batch starts"));
    else {
        switch (progress.stage) {
        case JobStage::Preparing:
            m_ui->stageLabel->setText(
                tr("Read stage: %1").arg(worker.isEmpty() ? tr("reading the race database") : worker));
            break;
        case JobStage::Running:
            m_ui->stageLabel->setText(tr("Compute and write stage on %1").arg(workersText(progress.workers)));
            break;
        case JobStage::Finishing:
            m_ui->stageLabel->setText(tr("Finishing: committing the features table"));
            break;
        case JobStage::Finished:
            m_ui->stageLabel->setText(tr("Stage: %1").arg(jobStageName(progress.stage)));
            break;
        }
    }
    const QLocale locale;
    m_ui->countsLabel->setText(
        tr("Races %1 of %2 · runners written %3")
            .arg(locale.toString(progress.done), progress.total > 0 ? locale.toString(progress.total) : tr("?"),
                locale.toString(progress.items)));
    // A paused run has no rate and no ETA: showing the last ones would freeze a stale promise.
    if (progress.paused)
        m_ui->rateLabel->setText(tr("paused · elapsed %1").arg(formatSeconds(progress.elapsedSeconds)));
    else
        m_ui->rateLabel->setText(tr("%1 races/s · elapsed %2 · ETA %3")
                                     .arg(locale.toString(progress.rate, 'f', 0),
                                         formatSeconds(progress.elapsedSeconds), formatSeconds(progress.etaSeconds)));
    m_chart->setTotal(progress.total);
    m_lastDone = progress.done;
    m_chart->addPoint(progress.elapsedSeconds, double(progress.done));
}

void FeaturesPage::onFinished(const JobResult& result)
{
    m_tick->stop();
    m_summary = m_job ? m_job->summary(result) : FeatureRunSummary {};
    const QLocale locale;
    m_chart->setTotal(result.total);
    m_chart->addPoint(result.seconds, double(result.done));
    setRunning(false);
    switch (result.status) {
    case JobStatus::Completed:
        m_ui->progressBar->setRange(0, 1000);
        m_ui->progressBar->setValue(1000);
        m_ui->progressBar->setFormat(format::percent(1.0, 0));
        m_ui->stageLabel->setText(tr("Finished"));
        m_ui->summaryLabel->setText(
            tr("<b>Done:</b> %1 races · %2 runners in %3 on %4 — read %5 · compute %6 · write %7")
                .arg(locale.toString(m_summary.races), locale.toString(m_summary.runners),
                    formatSeconds(m_summary.seconds), workersText(m_summary.workers),
                    formatSeconds(m_summary.stages.read), formatSeconds(m_summary.stages.compute),
                    formatSeconds(m_summary.stages.write))
            + (m_summary.warning().isEmpty() ? QString()
                                             : QStringLiteral("<br><span style=\"color:#b35c00\">%1</span>")
                                                   .arg(tr("Warning: %1").arg(m_summary.warning()).toHtmlEscaped())));
        break;
    case JobStatus::Cancelled:
        m_ui->progressBar->setRange(0, 1000);
        m_ui->progressBar->setValue(result.total > 0 ? int(1000 * result.done / result.total) : 0);
        m_ui->progressBar->setFormat(endedFormat(tr("cancelled"), result));
        m_ui->stageLabel->setText(tr("Cancelled"));
        m_ui->summaryLabel->setText(tr("Cancelled after %1 races · %2 runners; every race is either fully rewritten "
                                       "or untouched.")
                                        .arg(locale.toString(result.done), locale.toString(result.items)));
        break;
    case JobStatus::Aborted:
    case JobStatus::Failed:
        m_ui->progressBar->setRange(0, 1000);
        m_ui->progressBar->setValue(result.total > 0 ? int(1000 * result.done / result.total) : 0);
        m_ui->progressBar->setFormat(endedFormat(tr("failed"), result));
        m_ui->stageLabel->setText(tr("Failed"));
        showError(tr("Feature generation failed: %1").arg(result.error.isEmpty() ? m_summary.error : result.error));
        break;
    }
    m_ui->rateLabel->setText(tr("elapsed %1").arg(formatSeconds(result.seconds)));
    explorer()->setDatabase(settings().targetDatabase());
    Q_EMIT runFinished(result.status == JobStatus::Completed);
}

void FeaturesPage::setRunning(bool running)
{
    const bool busy = running || m_creatingSample;
    for (QWidget* widget : { static_cast<QWidget*>(m_ui->databaseEdit), static_cast<QWidget*>(m_ui->outputEdit),
             static_cast<QWidget*>(m_ui->browseDatabaseButton), static_cast<QWidget*>(m_ui->browseOutputButton),
             static_cast<QWidget*>(m_ui->createSampleButton), static_cast<QWidget*>(m_ui->workersSpin),
             static_cast<QWidget*>(m_ui->batchSpin), static_cast<QWidget*>(m_ui->testModeCheck),
             static_cast<QWidget*>(m_ui->startButton), static_cast<QWidget*>(m_ui->benchmarkButton) })
        widget->setEnabled(!busy);
    m_ui->limitSpin->setEnabled(!busy && !m_ui->testModeCheck->isChecked());
    m_ui->cancelButton->setEnabled(running);
    m_ui->pauseButton->setEnabled(running);
    if (!running)
        m_ui->pauseButton->setText(tr("&Pause"));
}

void FeaturesPage::showError(const QString& message)
{
    m_ui->errorBanner->setText(QStringLiteral("⚠ ") + message);
    m_ui->errorBanner->show();
}

void FeaturesPage::clearError()
{
    m_ui->errorBanner->clear();
    m_ui->errorBanner->hide();
}

QString FeaturesPage::errorText() const
{
    return m_ui->errorBanner->isHidden() ? QString() : m_ui->errorBanner->text();
}

void FeaturesPage::browseDatabase()
{
    const QString current = m_ui->databaseEdit->text().trimmed();
    const QString path = QFileDialog::getOpenFileName(this, tr("Race database"),
        QFileInfo::exists(current) ? current
                                   : AppSettings().dialogStart(AppSettings::FileKind::RaceDatabase, QDir::homePath()),
        tr("SQLite databases (*.sqlite *.sqlite3 *.db);;All files (*)"));
    if (path.isEmpty())
        return;
    AppSettings().setLastDirectory(AppSettings::FileKind::RaceDatabase, path);
    setDatabase(path);
}

void FeaturesPage::browseOutput()
{
    const QString current = m_ui->outputEdit->text().trimmed();
    const QString start = !current.isEmpty() && QFileInfo(current).absoluteDir().exists()
        ? current
        : AppSettings().dialogStart(AppSettings::FileKind::OutputDatabase,
            QFileInfo(m_ui->databaseEdit->text().trimmed()).absolutePath(), QStringLiteral("features.sqlite"));
    const QString path = QFileDialog::getSaveFileName(this, tr("Output database"), start,
        tr("SQLite databases (*.sqlite *.sqlite3 *.db);;All files (*)"), nullptr, QFileDialog::DontConfirmOverwrite);
    if (path.isEmpty())
        return;
    AppSettings().setLastDirectory(AppSettings::FileKind::OutputDatabase, path);
    setOutputDatabase(path);
}

void FeaturesPage::askSampleDatabase()
{
    SampleDatabaseDialog dialog(this);
    if (dialog.exec() == QDialog::Accepted)
        createSampleDatabase(dialog.path(), dialog.races(), dialog.seed());
}

void FeaturesPage::createSampleDatabase(const QString& path, int races, quint64 seed)
{
    if (m_creatingSample || isRunning())
        return;
    clearError();
    m_creatingSample = true;
    setRunning(false);
    auto state = std::make_shared<SampleState>();
    auto* progress = new QProgressDialog(
        tr("Writing %1 sample races to %2…").arg(QLocale().toString(races), path), tr("Cancel"), 0, 0, this);
    progress->setWindowTitle(tr("Create sample database"));
    progress->setMinimumDuration(300);
    progress->setAutoClose(false);
    progress->setAutoReset(false);
    connect(progress, &QProgressDialog::canceled, this, [state] { state->cancel = true; });
    auto* poll = new QTimer(progress);
    connect(poll, &QTimer::timeout, progress, [progress, state] {
        if (state->total > 0) {
            progress->setMaximum(state->total);
            progress->setValue(state->done);
        }
    });
    poll->start(100);
    m_ui->stageLabel->setText(tr("Writing a sample race database…"));

    SampleRaceOptions options;
    options.races = races;
    options.seed = seed;
    whenFinished(this, QtConcurrent::run([path, options, state] {
        QString error;
        const bool ok = writeSampleRaceDb(path, options, error, [state](int done, int total) {
            state->done = done;
            state->total = total;
            return !state->cancel.load();
        });
        if (!ok && error.isEmpty())
            error = QStringLiteral("the sample database could not be written");
        return ok ? QString() : error;
    }),
        [this, path, progress, state](const QString& error) {
            progress->deleteLater();
            m_creatingSample = false;
            setRunning(false);
            if (error.isEmpty()) {
                m_ui->stageLabel->setText(tr("Sample database ready: %1").arg(path));
                setDatabase(path);
            } else if (state->cancel) {
                m_ui->stageLabel->setText(tr("Sample database cancelled; nothing was written."));
            } else {
                m_ui->stageLabel->setText(tr("Idle"));
                showError(tr("Could not create the sample database: %1").arg(error));
            }
            Q_EMIT sampleDatabaseReady(path, error);
        });
}

void FeaturesPage::openBenchmark()
{
    auto* dialog = new BenchmarkDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const FeatureSettings current = settings();
    dialog->setDatabase(current.database);
    dialog->setMaxWorkers(current.workers);
    dialog->setBatchSize(current.batchSize);
    dialog->setWorkspace(m_workspaceDir);
    dialog->open();
}

} // namespace bfs::app
