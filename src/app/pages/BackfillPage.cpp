#include "BackfillPage.h"

#include "FutureSupport.h"
#include "LoadPanel.h"
#include "SecretStore.h"
#include "TeamPanel.h"

#include "charts/ProgressChart.h"
#include "dialogs/DateRangeDialog.h"
#include "jobs/JobEngine.h"
#include "models/PartitionCalendarModel.h"
#include "models/WorkerStatusModel.h"
#include "odds/PartitionStore.h"
#include "settings/AppSettings.h"
#include "storage/Workspace.h"
#include "ui_BackfillPage.h"

#include <QChartView>
#include <QHeaderView>
#include <QProcessEnvironment>
#include <QTime>
#include <QtConcurrent>

namespace bfs::app {

namespace {
constexpr int RefreshIntervalMs = 400;
constexpr int MaxLogLines = 20000;

} // namespace

BackfillPage::BackfillPage(QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::BackfillPage>())
    , m_engine(new JobEngine(this))
    , m_calendar(new PartitionCalendarModel(this))
    , m_workers(new WorkerStatusModel(this))
    , m_chart(new charts::ProgressChart(tr("Requests over time"), tr("requests")))
{
    m_ui->setupUi(this);
    m_ui->errorLabel->hide();
    m_loadPanel = new LoadPanel(m_ui->progressGroup);
    m_ui->progressLayout->insertWidget(2, m_loadPanel);
    m_teamPanel = new TeamPanel(m_ui->calendarGroup);
    m_ui->calendarLayout->addWidget(m_teamPanel);
    // In team mode the calendar follows the other machines too, at the panel's pace.
    connect(m_teamPanel, &TeamPanel::refreshed, this, &BackfillPage::refreshPartitions);

    const AppSettings prefs;
    m_ui->apiBaseEdit->setText(prefs.apiBaseUrl());
    m_ui->workersSpin->setValue(prefs.workers());
    m_ui->rateSpin->setValue(prefs.rateLimit());
    m_ui->budgetSpin->setValue(int(std::min<qint64>(prefs.budget(), m_ui->budgetSpin->maximum())));
    m_ui->presetCombo->addItem(tr("Custom range"));
    for (const auto& p : DateRangeDialog::presets())
        m_ui->presetCombo->addItem(p.name);
    const QDate yesterday = QDate::currentDate().addDays(-1);
    m_ui->startEdit->setDate(yesterday.addDays(-6));
    m_ui->endEdit->setDate(yesterday);

    m_ui->calendarView->setModel(m_calendar);
    m_ui->calendarView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_ui->calendarView->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_ui->workersView->setModel(m_workers);
    m_ui->workersView->horizontalHeader()->setStretchLastSection(true);
    m_ui->workersView->verticalHeader()->hide();

    auto* chartView = new QChartView(m_chart, m_ui->chartGroup);
    chartView->setRenderHint(QPainter::Antialiasing);
    chartView->setMinimumSize(320, 220);
    m_ui->chartLayout->addWidget(chartView);

    m_ui->logFilterCombo->addItems({ tr("Everything"), tr("Warnings and errors"), tr("Errors") });

    m_planTimer.setSingleShot(true);
    m_planTimer.setInterval(300);
    connect(&m_planTimer, &QTimer::timeout, this, &BackfillPage::updatePlan);
    connect(m_ui->presetCombo, &QComboBox::activated, this, &BackfillPage::applyPreset);
    connect(m_ui->rangeButton, &QPushButton::clicked, this, &BackfillPage::chooseDates);
    for (auto* edit : { m_ui->startEdit, m_ui->endEdit })
        connect(edit, &QDateEdit::dateChanged, this, [this] {
            m_ui->presetCombo->setCurrentIndex(0);
            onFormChanged();
        });
    connect(m_ui->apiBaseEdit, &QLineEdit::textChanged, this, &BackfillPage::onFormChanged);
    connect(m_ui->workersSpin, &QSpinBox::valueChanged, this, &BackfillPage::onFormChanged);
    connect(m_ui->rateSpin, &QDoubleSpinBox::valueChanged, this, &BackfillPage::onFormChanged);
    connect(m_ui->budgetSpin, &QSpinBox::valueChanged, this, &BackfillPage::onFormChanged);
    connect(m_ui->startButton, &QPushButton::clicked, this, &BackfillPage::start);
    connect(m_ui->pauseButton, &QPushButton::clicked, this, &BackfillPage::pause);
    connect(m_ui->resumeButton, &QPushButton::clicked, this, &BackfillPage::resume);
    connect(m_ui->cancelButton, &QPushButton::clicked, this, &BackfillPage::cancel);
    connect(m_ui->retryFailedButton, &QPushButton::clicked, this, &BackfillPage::retryFailed);
    connect(m_ui->calendarView, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        const QDate date = m_calendar->dateAt(index);
        if (date.isValid() && m_calendar->stateOf(date) == PartitionState::Failed)
            retryDates({ date });
    });
    connect(m_ui->logFilterCombo, &QComboBox::currentIndexChanged, this, &BackfillPage::rerenderLog);
    connect(m_ui->logSearchEdit, &QLineEdit::textChanged, this, &BackfillPage::rerenderLog);
    connect(this, &BackfillPage::logReceived, this, &BackfillPage::appendLog, Qt::QueuedConnection);
    connect(m_engine, &JobEngine::progressChanged, this, &BackfillPage::onProgress);
    connect(m_engine, &JobEngine::finished, this, &BackfillPage::onFinished);
    connect(m_engine, &JobEngine::pausedChanged, this, &BackfillPage::updateButtons);
    onFormChanged();
}

BackfillPage::~BackfillPage()
{
    // The engine first: it waits for the workers, whose log sink reaches this page.
    delete m_engine;
    m_engine = nullptr;
}

void BackfillPage::setWorkspace(const QString& dir)
{
    m_workspaceDir = dir;
    m_loadPanel->setWorkspace(dir);
    m_teamPanel->setWorkspace(dir);
    onFormChanged();
}

void BackfillPage::useSession(const QString& apiBase, const QString& apiKey, QDate start, QDate end, double rate)
{
    m_sessionOnly = true;
    m_ui->apiBaseEdit->setText(apiBase);
    m_ui->apiKeyEdit->setText(apiKey);
    m_ui->rateSpin->setValue(rate);
    m_ui->startEdit->setDate(start);
    m_ui->endEdit->setDate(end);
    onFormChanged();
}

BackfillSettings BackfillPage::settings() const
{
    const AppSettings prefs;
    BackfillSettings s;
    s.workspace = m_workspaceDir;
    s.apiBase = m_ui->apiBaseEdit->text().trimmed();
    s.apiKey = m_ui->apiKeyEdit->text().trimmed();
    if (s.apiKey.isEmpty())
        s.apiKey = QProcessEnvironment::systemEnvironment().value(QStringLiteral("ODDS_API_KEY"));
    s.sport = prefs.sport();
    s.markets = prefs.markets();
    s.regions = splitCommaList(prefs.regions());
    s.bookmakers = splitCommaList(prefs.bookmakers());
    s.oddsFormat = prefs.oddsFormat();
    if (const QTime t = QTime::fromString(prefs.eventsTime(), QStringLiteral("HH:mm")); t.isValid())
        s.eventsTime = t;
    s.leadMinutes = prefs.leadMinutes();
    if (const QTime t = QTime::fromString(prefs.oddsTime(), QStringLiteral("HH:mm")); t.isValid())
        s.oddsTime = t;
    s.delayMs = prefs.delayMs();
    s.maxRetries = prefs.maxRetries();
    s.timeoutSeconds = prefs.timeoutSeconds();
    if (prefs.reserve() > 0)
        s.reserve = prefs.reserve();
    s.start = m_ui->startEdit->date();
    s.end = m_ui->endEdit->date();
    s.workers = m_ui->workersSpin->value();
    s.rate = m_ui->rateSpin->value();
    if (m_ui->budgetSpin->value() > 0)
        s.budget = m_ui->budgetSpin->value();
    s.newestFirst = m_ui->newestFirstCheck->isChecked();
    return s;
}

QString BackfillPage::validationError() const
{
    const BackfillSettings s = settings();
    if (s.end < s.start)
        return tr("The end date %1 is before the start date %2.")
            .arg(s.end.toString(Qt::ISODate), s.start.toString(Qt::ISODate));
    return s.validate();
}

void BackfillPage::applyPreset(int index)
{
    const auto presets = DateRangeDialog::presets();
    if (index <= 0 || index > presets.size())
        return;
    const auto& p = presets[index - 1];
    const QSignalBlocker a(m_ui->startEdit), b(m_ui->endEdit);
    m_ui->startEdit->setDate(p.start);
    m_ui->endEdit->setDate(p.end);
    onFormChanged();
}

void BackfillPage::chooseDates()
{
    auto* dialog = new DateRangeDialog(m_ui->startEdit->date(), m_ui->endEdit->date(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const QSignalBlocker a(m_ui->startEdit), b(m_ui->endEdit);
        m_ui->startEdit->setDate(dialog->start());
        m_ui->endEdit->setDate(dialog->end());
        m_ui->presetCombo->setCurrentIndex(0);
        onFormChanged();
    });
    dialog->open();
}

void BackfillPage::onFormChanged()
{
    const QString error = validationError();
    if (!error.isEmpty())
        showError(error);
    else
        clearError();
    if (!m_running) {
        m_calendar->setRange(m_ui->startEdit->date(), m_ui->endEdit->date());
        refreshPartitions();
        m_planTimer.start();
    }
    updateButtons();
}

void BackfillPage::updatePlan()
{
    const BackfillSettings s = settings();
    if (m_workspaceDir.isEmpty()) {
        m_ui->planLabel->setText(tr("Open a workspace to plan a run."));
        return;
    }
    if (!validationError().isEmpty()) {
        m_ui->planLabel->setText(tr("Fix the form to see the plan."));
        return;
    }
    const int generation = ++m_planGeneration;
    const QString dir = m_workspaceDir;
    whenFinished(this, QtConcurrent::run([s, dir]() -> QString {
        QString error;
        auto workspace = Workspace::open(dir, error);
        if (!workspace)
            return error;
        const auto plan = BackfillJob::dryRun(s, *workspace, error);
        if (!plan)
            return error;
        return QObject::tr("Plan: %1 of %2 dates to fetch (%3 done or empty already), about %4 requests and %5 credits.")
            .arg(plan->datesToFetch)
            .arg(plan->datesTotal)
            .arg(plan->datesDone + plan->datesEmpty)
            .arg(plan->estimatedRequests)
            .arg(plan->estimatedCredits);
    }),
        [this, generation](const QString& text) {
        if (generation != m_planGeneration)
            return; // the form changed meanwhile
        m_ui->planLabel->setText(text);
        Q_EMIT planReady();
    });
}

void BackfillPage::refreshPartitions()
{
    if (m_workspaceDir.isEmpty() || m_refreshing || !m_calendar->start().isValid())
        return;
    m_refreshing = true;
    m_lastRefresh.start();
    const int generation = ++m_refreshGeneration;
    const QString dir = m_workspaceDir;
    const QString sport = AppSettings().sport();
    const QDate from = m_calendar->start(), to = m_calendar->end();
    // Its own connection on a pool thread: the GUI thread never waits on SQLite.
    whenFinished(this, QtConcurrent::run([dir, sport, from, to]() -> QList<PartitionRow> {
        QString error;
        auto workspace = Workspace::open(dir, error);
        if (!workspace)
            return {};
        DbConnection connection = workspace->connect(error);
        if (!connection.isOpen())
            return {};
        return PartitionStore(connection.db()).rows(sport, from, to);
    }),
        [this, generation](const QList<PartitionRow>& rows) {
        if (generation != m_refreshGeneration)
            return; // a later read (after the run's last writes) supersedes this one
        m_refreshing = false;
        m_calendar->setOwnOwner(m_job && m_engine->isRunning() ? m_job->owner() : QString());
        m_calendar->setPartitions(rows);
        updateButtons();
        Q_EMIT partitionsRefreshed();
    });
}

bool BackfillPage::start() { return startWith(settings()); }

bool BackfillPage::retryFailed()
{
    BackfillSettings s = settings();
    s.retryFailedOnly = true;
    return startWith(s);
}

bool BackfillPage::retryDates(const QList<QDate>& dates)
{
    BackfillSettings s = settings();
    s.dates = dates;
    return startWith(s);
}

bool BackfillPage::startWith(BackfillSettings s)
{
    if (m_running)
        return false;
    if (m_workspaceDir.isEmpty()) {
        showError(tr("Open a workspace first (File ▸ Open Workspace)."));
        return false;
    }
    if (const QString error = s.validate(); !error.isEmpty()) {
        showError(error);
        return false;
    }
    if (s.apiKey.isEmpty()) // neither typed nor in the environment: the keychain (Preferences ▸ API)
        s.apiKey = SecretStore::read(Secret::ApiKey);
    if (s.apiKey.isEmpty()) {
        showError(tr("No API key: enter it above or set ODDS_API_KEY. Demo mode uses the built-in simulator."));
        return false;
    }
    QString error;
    auto workspace = Workspace::open(m_workspaceDir, error);
    if (!workspace) {
        showError(error);
        return false;
    }
    clearError();
    if (!m_sessionOnly) {
        AppSettings prefs;
        prefs.setApiBaseUrl(s.apiBase);
        prefs.setRateLimit(s.rate);
        prefs.setBudget(s.budget.value_or(0));
    }

    m_job = std::make_shared<BackfillJob>(s, *workspace);
    m_job->setLogSink([this](BackfillLogLevel level, const QString& message) {
        Q_EMIT logReceived(int(level), message); // queued to the GUI thread
    });
    m_calendar->setRange(s.start, s.end);
    m_chart->reset();
    m_lastSampleSeconds = 0;
    m_lastSampleItems = 0;
    m_engine->setWorkers(s.workers);
    if (!m_engine->start(m_job))
        return false;
    m_running = true;
    appendLog(int(BackfillLogLevel::Info),
        tr("started %1 … %2 with %3 workers").arg(s.start.toString(Qt::ISODate), s.end.toString(Qt::ISODate)).arg(s.workers));
    updateButtons();
    Q_EMIT runStarted();
    return true;
}

void BackfillPage::pause() { m_engine->pause(); }
void BackfillPage::resume() { m_engine->resume(); }

void BackfillPage::cancel()
{
    if (!m_running)
        return;
    appendLog(int(BackfillLogLevel::Info), tr("cancelling: in-flight requests finish first"));
    m_engine->cancel();
}

bool BackfillPage::isRunning() const { return m_running; }

void BackfillPage::onProgress(const JobProgress& p)
{
    // The bar fills with dates that succeeded; failed ones are counted beside them, never as progress.
    const qint64 succeeded = p.done - p.failed;
    m_ui->progressBar->setMaximum(int(std::max<qint64>(1, p.total)));
    m_ui->progressBar->setValue(int(succeeded));
    m_ui->progressBar->setFormat(p.failed > 0 ? tr("%v / %m dates done (%p%) · %1 failed").arg(p.failed)
                                              : tr("%v / %m dates done (%p%)"));
    m_workers->setStatuses(p.workerStatus);
    m_chart->setTotal(0);
    m_chart->addPoint(p.elapsedSeconds, double(p.items));
    double perSecond = 0;
    if (p.elapsedSeconds - m_lastSampleSeconds > 0.5) {
        perSecond = double(p.items - m_lastSampleItems) / (p.elapsedSeconds - m_lastSampleSeconds);
        m_lastSampleSeconds = p.elapsedSeconds;
        m_lastSampleItems = p.items;
    }
    const auto remaining = m_job ? m_job->liveRequestsRemaining() : std::nullopt;
    QString eta = tr("unknown");
    if (p.etaSeconds >= 0)
        eta = QTime(0, 0).addSecs(int(p.etaSeconds)).toString(QStringLiteral("HH:mm:ss"));
    m_ui->statsLabel->setText(tr("%1 / %2 dates done, %3 failed · %4 requests%5 · ETA %6 · quota remaining %7%8")
                                  .arg(succeeded)
                                  .arg(p.total)
                                  .arg(p.failed)
                                  .arg(p.items)
                                  .arg(perSecond > 0 ? tr(" (%1/s)").arg(perSecond, 0, 'f', 1) : QString())
                                  .arg(eta)
                                  .arg(remaining ? QString::number(*remaining) : tr("unknown"))
                                  .arg(p.paused ? tr(" · paused") : QString()));
    if (!m_lastRefresh.isValid() || m_lastRefresh.elapsed() >= RefreshIntervalMs)
        refreshPartitions();
}

void BackfillPage::onFinished(const JobResult& result)
{
    m_running = false;
    m_summary = m_job ? m_job->summary() : BackfillSummary();
    m_summary.seconds = result.seconds;
    QString outcome;
    switch (result.status) {
    case JobStatus::Completed:
        outcome = m_summary.datesFailed > 0 ? tr("finished with %1 failed dates").arg(m_summary.datesFailed) : tr("finished");
        break;
    case JobStatus::Cancelled:
        outcome = tr("cancelled; state saved, Start resumes");
        break;
    case JobStatus::Aborted:
    case JobStatus::Failed:
        outcome = tr("stopped: %1").arg(result.error);
        showError(outcome);
        break;
    }
    appendLog(result.ok() ? int(BackfillLogLevel::Info) : int(BackfillLogLevel::Error),
        tr("%1 — %2 requests, %3 retries, %4 credits, %5 event files").arg(outcome).arg(m_summary.requests).arg(m_summary.retries).arg(m_summary.creditsUsed).arg(m_summary.eventsFetched));
    m_ui->statsLabel->setText(tr("%1 · %2 done, %3 empty, %4 failed of %5 dates · quota remaining %6")
                                  .arg(outcome)
                                  .arg(m_summary.datesDone)
                                  .arg(m_summary.datesEmpty)
                                  .arg(m_summary.datesFailed)
                                  .arg(m_summary.datesTotal)
                                  .arg(m_summary.requestsRemaining ? QString::number(*m_summary.requestsRemaining) : tr("unknown")));
    m_refreshing = false; // a refresh in flight may predate the last writes: read again
    refreshPartitions();
    if (m_summary.eventsFetched > 0 || result.ok())
        m_loadPanel->load(); // phase 2 follows phase 1: whatever was fetched is loaded
    m_planTimer.start();
    updateButtons();
    Q_EMIT runFinished(result.status == JobStatus::Completed && m_summary.datesFailed == 0);
}

bool BackfillPage::passesFilter(int level, const QString& message) const
{
    const int minimum = m_ui->logFilterCombo->currentIndex(); // 0 all, 1 warnings+, 2 errors
    if (level < minimum)
        return false;
    const QString needle = m_ui->logSearchEdit->text().trimmed();
    return needle.isEmpty() || message.contains(needle, Qt::CaseInsensitive);
}

void BackfillPage::appendLog(int level, const QString& message)
{
    const QString line = QStringLiteral("%1 %2").arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss")), message);
    m_log.append({ level, line });
    if (m_log.size() > MaxLogLines)
        m_log.removeFirst();
    if (passesFilter(level, line))
        m_ui->logView->appendPlainText(line);
}

void BackfillPage::rerenderLog()
{
    m_ui->logView->clear();
    QStringList lines;
    for (const auto& [level, line] : m_log) {
        if (passesFilter(level, line))
            lines.append(line);
    }
    m_ui->logView->setPlainText(lines.join(u'\n'));
}

QStringList BackfillPage::logLines() const
{
    const QString text = m_ui->logView->toPlainText();
    return text.isEmpty() ? QStringList() : text.split(u'\n');
}

void BackfillPage::updateButtons()
{
    const bool valid = validationError().isEmpty();
    const bool paused = m_engine && m_engine->isPaused();
    m_ui->startButton->setEnabled(!m_running && valid);
    m_ui->pauseButton->setEnabled(m_running && !paused);
    m_ui->resumeButton->setEnabled(m_running && paused);
    m_ui->cancelButton->setEnabled(m_running);
    m_ui->retryFailedButton->setEnabled(!m_running && valid && !m_calendar->datesIn(PartitionState::Failed).isEmpty());
    for (QWidget* w : std::initializer_list<QWidget*> { m_ui->startEdit, m_ui->endEdit, m_ui->presetCombo,
             m_ui->apiBaseEdit, m_ui->apiKeyEdit, m_ui->workersSpin, m_ui->rateSpin, m_ui->budgetSpin,
             m_ui->newestFirstCheck, m_ui->rangeButton })
        w->setEnabled(!m_running);
}

void BackfillPage::showError(const QString& message)
{
    m_ui->errorLabel->setText(message);
    m_ui->errorLabel->show();
}

void BackfillPage::clearError()
{
    m_ui->errorLabel->clear();
    m_ui->errorLabel->hide();
}

QString BackfillPage::errorText() const { return m_ui->errorLabel->isHidden() ? QString() : m_ui->errorLabel->text(); }

QString BackfillPage::planText() const { return m_ui->planLabel->text(); }

} // namespace bfs::app
