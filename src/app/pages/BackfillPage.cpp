#include "BackfillPage.h"

#include "FutureSupport.h"
#include "SecretStore.h"
#include "pages/LoadPanel.h"
#include "pages/TeamPanel.h"

#include "charts/ProgressChart.h"
#include "dialogs/DateRangeDialog.h"
#include "jobs/JobEngine.h"
#include "models/PartitionCalendarModel.h"
#include "models/WorkerStatusModel.h"
#include "odds/scrape/PartitionStore.h"
#include "settings/AppSettings.h"
#include "storage/Workspace.h"
#include "ui_BackfillPage.h"
#include "util/Format.h"

#include <QChartView>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProcessEnvironment>
#include <QTime>
#include <QtConcurrent>

namespace bfs::app {

namespace {
constexpr int RefreshIntervalMs = 400;
constexpr int MaxLogLines = 20000;

// One swatch of the calendar's legend: a square drawn like the cells, then its meaning.
QWidget* legendEntry(const QBrush& brush, const QString& text, QWidget* parent)
{
    auto* entry = new QWidget(parent);
    auto* layout = new QHBoxLayout(entry);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    auto* swatch = new QFrame(entry);
    swatch->setFixedSize(14, 14);
    swatch->setFrameShape(QFrame::Box);
    swatch->setAutoFillBackground(true);
    QPalette palette = swatch->palette();
    palette.setBrush(QPalette::Window, brush);
    palette.setColor(QPalette::WindowText, QColor(0x90, 0x90, 0x90));
    swatch->setPalette(palette);
    layout->addWidget(swatch);
    layout->addWidget(new QLabel(text, entry));
    return entry;
}

// The form's names for the engine's flags: a message never tells a GUI user about "--rate".
QString withoutFlags(const QString& message)
{
    static const QList<std::pair<QString, QString>> labels {
        { QStringLiteral("--end"), QStringLiteral("the end date") },
        { QStringLiteral("--start"), QStringLiteral("the start date") },
        { QStringLiteral("--api-base"), QStringLiteral("the API base URL") },
        { QStringLiteral("--sport"), QStringLiteral("the sport (Preferences ▸ API)") },
        { QStringLiteral("--lease-s"), QStringLiteral("the team lease") },
        { QStringLiteral("--markets"), QStringLiteral("the markets (Preferences ▸ API)") },
        { QStringLiteral("--regions"), QStringLiteral("regions") },
        { QStringLiteral("--bookmakers"), QStringLiteral("bookmakers (Preferences ▸ API)") },
        { QStringLiteral("--odds-format"), QStringLiteral("the odds format (Preferences ▸ API)") },
        { QStringLiteral("--events-time"), QStringLiteral("the events time (Preferences ▸ API)") },
        { QStringLiteral("--odds-time"), QStringLiteral("the odds time (Preferences ▸ API)") },
        { QStringLiteral("--lead-minutes"), QStringLiteral("the lead minutes (Preferences ▸ API)") },
        { QStringLiteral("--workers"), QStringLiteral("workers") },
        { QStringLiteral("--rate"), QStringLiteral("the rate") },
        { QStringLiteral("--delay-ms"), QStringLiteral("the delay (Preferences ▸ Performance)") },
        { QStringLiteral("--max-retries"), QStringLiteral("retries (Preferences ▸ Performance)") },
        { QStringLiteral("--timeout-s"), QStringLiteral("the timeout (Preferences ▸ Performance)") },
        { QStringLiteral("--budget"), QStringLiteral("the budget") },
        { QStringLiteral("--reserve"), QStringLiteral("the reserve (Preferences ▸ Performance)") },
    };
    QString text = format::withoutFlags(message, labels);
    if (!text.isEmpty())
        text[0] = text[0].toUpper(); // a sentence of its own on the page
    return text;
}

QString datesText(qint64 n)
{
    return format::plural(n, BackfillPage::tr("date"), BackfillPage::tr("dates"));
}

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
    {
        // Lines that change while the page is in use keep their room: a message that wraps to a
        // second line, or an error that comes and goes, never moves the rest of the page.
        const int line = fontMetrics().lineSpacing();
        m_ui->errorLabel->setMinimumHeight(2 * line);
        QSizePolicy keep = m_ui->errorLabel->sizePolicy();
        keep.setRetainSizeWhenHidden(true);
        m_ui->errorLabel->setSizePolicy(keep);
        m_ui->statsLabel->setMinimumHeight(2 * line);
        m_ui->statsLabel->setAlignment(Qt::AlignLeft | Qt::AlignTop);
        m_ui->planLabel->setMinimumHeight(2 * line);
        m_ui->planLabel->setAlignment(Qt::AlignLeft | Qt::AlignTop);
        // The error sits beside the heading, in room the heading takes anyway (the page fits 1280×720).
        m_ui->pageLayout->removeWidget(m_ui->titleLabel);
        m_ui->pageLayout->removeWidget(m_ui->errorLabel);
        auto* heading = new QHBoxLayout;
        heading->addWidget(m_ui->titleLabel);
        heading->addWidget(m_ui->errorLabel, 1);
        m_ui->errorLabel->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_ui->pageLayout->insertLayout(0, heading);
    }
    m_loadPanel = new LoadPanel(m_ui->progressGroup);
    m_ui->progressLayout->insertWidget(2, m_loadPanel);
    {
        // The calendar's legend, drawn with the model's own brushes.
        auto* legend = new QWidget(m_ui->calendarGroup);
        legend->setObjectName(QStringLiteral("calendarLegend"));
        auto* legendLayout = new QHBoxLayout(legend);
        legendLayout->setContentsMargins(0, 0, 0, 0);
        legendLayout->setSpacing(10);
        for (const PartitionState state : { PartitionState::Pending, PartitionState::Running, PartitionState::Done,
                 PartitionState::Empty, PartitionState::Failed })
            legendLayout->addWidget(
                legendEntry(PartitionCalendarModel::colorOf(state), PartitionCalendarModel::legendText(state), legend));
        legendLayout->addWidget(legendEntry(PartitionCalendarModel::outsideBrush(), tr("outside the range"), legend));
        legendLayout->addStretch(1);
        m_ui->calendarLayout->addWidget(legend);
    }
    m_teamPanel = new TeamPanel(m_ui->calendarGroup);
    m_ui->calendarLayout->addWidget(m_teamPanel);
    // While a run goes the calendar is read on a clock too, not only when a count changes: a date
    // committed after the last progress signal (or while paused) still shows within 400 ms.
    m_refreshTimer.setInterval(RefreshIntervalMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, &BackfillPage::refreshPartitions);
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
    // A first run starts on dates that have games: the past week in season, the last
    // regular season's final week in the off-season.
    const auto [defaultStart, defaultEnd] = DateRangeDialog::lastGameStretch();
    m_ui->startEdit->setDate(defaultStart);
    m_ui->endEdit->setDate(defaultEnd);

    m_ui->resumeBanner->hide();
    connect(m_ui->resumeRunButton, &QPushButton::clicked, this, [this] {
        m_ui->resumeBanner->hide();
        if (start())
            Q_EMIT resumeOfferAnswered(true);
    });
    connect(m_ui->dismissResumeButton, &QPushButton::clicked, this, [this] {
        m_ui->resumeBanner->hide();
        Q_EMIT resumeOfferAnswered(false);
    });

    m_ui->calendarView->setModel(m_calendar);
    m_ui->calendarView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_ui->calendarView->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_ui->workersView->setModel(m_workers);
    m_ui->workersView->horizontalHeader()->setStretchLastSection(true);
    m_ui->workersView->verticalHeader()->hide();

    auto* chartView = new QChartView(m_chart, m_ui->chartGroup);
    chartView->setRenderHint(QPainter::Antialiasing);
    chartView->setMinimumSize(280, 150); // the page fits a 1280×720 screen
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
    connect(m_engine, &JobEngine::pausedChanged, this, [this](bool paused) {
        if (!m_running)
            return;
        appendLog(int(BackfillLogLevel::Info),
            paused ? tr("paused: requests in flight finish, no new date starts") : tr("resumed"));
        showStats(m_lastProgress, paused);
        updateButtons();
    });
    onFormChanged();
}

BackfillPage::~BackfillPage()
{
    // The engine first: it waits for the workers, whose log sink reaches this page.
    delete m_engine;
    m_engine = nullptr;
}

void BackfillPage::setWorkspace(const Workspace& workspace)
{
    m_workspace = workspace;
    m_loadPanel->setWorkspace(workspace);
    m_teamPanel->setWorkspace(workspace);
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
    s.workspace = workspaceDir();
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
    return withoutFlags(s.validate());
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
    if (!m_workspace) {
        m_ui->planLabel->setText(tr("Open a workspace to plan a run."));
        return;
    }
    if (!validationError().isEmpty()) {
        m_ui->planLabel->setText(tr("Fix the form to see the plan."));
        return;
    }
    const bool offSeason = DateRangeDialog::isOffSeason(s.start, s.end);
    // A plan of an older form is dropped when it arrives.
    m_plans.start(this, QtConcurrent::run([s, workspace = *m_workspace, offSeason]() -> QString {
        QString error;
        const auto plan = BackfillJob::dryRun(s, workspace, error);
        if (!plan)
            return error;
        const QString already = format::count(plan->datesDone + plan->datesEmpty);
        if (offSeason) // no games, so no events: each date costs one free events request (odds-api.md)
            return BackfillPage::tr("Off-season: MLB plays no games from %1 to %2. A run would only check %3 "
                                    "(0 credits, %4 done or empty already); pick a season preset for dates with games.")
                .arg(
                    s.start.toString(Qt::ISODate), s.end.toString(Qt::ISODate), datesText(plan->datesToFetch), already);
        return BackfillPage::tr("Plan: %1 of %2 to fetch (%3 done or empty already), about %4 and %5.")
            .arg(format::count(plan->datesToFetch), datesText(plan->datesTotal), already,
                format::plural(plan->estimatedRequests, BackfillPage::tr("request"), BackfillPage::tr("requests")),
                format::plural(plan->estimatedCredits, BackfillPage::tr("credit"), BackfillPage::tr("credits")));
    }),
        [this](const QString& text) {
            m_ui->planLabel->setText(text);
            Q_EMIT planReady();
        });
}

void BackfillPage::refreshPartitions()
{
    if (!m_workspace || !m_calendar->start().isValid())
        return;
    if (m_refreshing) {
        m_refreshPending = true; // read again as soon as this one lands: the calendar never ends a step behind
        return;
    }
    m_refreshPending = false;
    m_refreshing = true;
    m_lastRefresh.start();
    const QString sport = AppSettings().sport();
    const QDate from = m_calendar->start(), to = m_calendar->end();
    // Its own connection on a pool thread: the GUI thread never waits on SQLite. A later read
    // (after the run's last writes) supersedes this one.
    m_refreshes.start(this, QtConcurrent::run([workspace = *m_workspace, sport, from, to]() -> QList<PartitionRow> {
        QString error;
        DbConnection connection = workspace.connect(error);
        if (!connection.isOpen())
            return {};
        return PartitionStore(connection.db()).rows(sport, from, to);
    }),
        [this](const QList<PartitionRow>& rows) {
            m_refreshing = false;
            m_calendar->setOwnOwner(m_job && m_engine->isRunning() ? m_job->owner() : QString());
            m_calendar->setPartitions(rows);
            updateButtons();
            Q_EMIT partitionsRefreshed();
            if (m_refreshPending)
                refreshPartitions();
        });
}

bool BackfillPage::start()
{
    return startWith(settings());
}

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
    if (!m_workspace) {
        showError(tr("Open a workspace first (File ▸ Open Workspace)."));
        return false;
    }
    if (const QString error = s.validate(); !error.isEmpty()) {
        showError(withoutFlags(error));
        return false;
    }
    if (s.apiKey.isEmpty()) // neither typed nor in the environment: the keychain (Preferences ▸ API)
        s.apiKey = SecretStore::read(Secret::ApiKey);
    if (s.apiKey.isEmpty()) {
        showError(tr("No API key: enter it above or set ODDS_API_KEY. Demo mode uses the built-in simulator."));
        return false;
    }
    clearError();
    if (!m_sessionOnly) {
        AppSettings prefs;
        prefs.setApiBaseUrl(s.apiBase);
        prefs.setRateLimit(s.rate);
        prefs.setBudget(s.budget.value_or(0));
    }

    m_job = std::make_shared<BackfillJob>(s, *m_workspace); // its connections open on the pool
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
    m_refreshTimer.start();
    m_lastProgress = JobProgress();
    m_ui->progressBar->setRange(0, 1);
    m_ui->progressBar->setValue(0);
    m_ui->progressBar->setFormat(tr("planning the run…"));
    m_ui->statsLabel->setText(tr("Planning: reading the partitions and the event lists on disk…"));
    appendLog(int(BackfillLogLevel::Info),
        tr("started %1 … %2 with %3")
            .arg(s.start.toString(Qt::ISODate), s.end.toString(Qt::ISODate),
                format::plural(s.workers, tr("worker"), tr("workers"))));
    updateButtons();
    Q_EMIT runStarted();
    return true;
}

void BackfillPage::pause()
{
    m_engine->pause();
}
void BackfillPage::resume()
{
    m_engine->resume();
}

void BackfillPage::cancel()
{
    if (!m_running)
        return;
    appendLog(int(BackfillLogLevel::Info), tr("cancelling: in-flight requests finish first"));
    m_engine->cancel();
}

bool BackfillPage::isRunning() const
{
    return m_running;
}

void BackfillPage::onProgress(const JobProgress& p)
{
    m_lastProgress = p;
    if (p.total <= 0) {
        // Still planning: no count to show yet, and no "0 / 100" placeholder either.
        m_ui->progressBar->setRange(0, 1);
        m_ui->progressBar->setValue(0);
        m_ui->progressBar->setFormat(tr("planning the run…"));
    } else {
        // The bar fills with dates that succeeded; failed ones are counted beside them, never as progress.
        const qint64 succeeded = p.done - p.failed;
        m_ui->progressBar->setRange(0, int(p.total));
        m_ui->progressBar->setValue(int(succeeded));
        QString text = tr("%1 / %2 done (%3)")
                           .arg(format::count(succeeded), datesText(p.total),
                               format::percent(double(succeeded) / double(p.total), 0));
        if (p.failed > 0)
            text += tr(" · %1 failed").arg(format::count(p.failed));
        m_ui->progressBar->setFormat(text);
    }
    m_workers->setStatuses(p.workerStatus);
    m_chart->setTotal(0);
    m_chart->addPoint(p.elapsedSeconds, double(p.items));
    if (p.elapsedSeconds - m_lastSampleSeconds > 0.5) {
        m_perSecond = double(p.items - m_lastSampleItems) / (p.elapsedSeconds - m_lastSampleSeconds);
        m_lastSampleSeconds = p.elapsedSeconds;
        m_lastSampleItems = p.items;
    }
    showStats(p, p.paused || m_engine->isPaused());
    if (!m_lastRefresh.isValid() || m_lastRefresh.elapsed() >= RefreshIntervalMs)
        refreshPartitions();
}

void BackfillPage::showStats(const JobProgress& p, bool paused)
{
    if (p.total <= 0 && !paused)
        return; // planning: the label says so already
    const qint64 succeeded = p.done - p.failed;
    const auto remaining = m_job ? m_job->liveRequestsRemaining() : std::nullopt;
    const QString quota = remaining ? format::count(*remaining) : tr("unknown");
    const QString counts = tr("%1 / %2 done, %3 failed · %4")
                               .arg(format::count(succeeded), datesText(p.total), format::count(p.failed),
                                   format::plural(p.items, tr("request"), tr("requests")));
    if (paused) {
        // No rate and no ETA while nothing is fetched: the last ones would be a frozen promise.
        m_ui->statsLabel->setText(
            tr("Paused · %1 · quota remaining %2 · Resume continues where it stopped").arg(counts, quota));
        return;
    }
    const QString eta = p.etaSeconds >= 0 ? format::duration(p.etaSeconds) : tr("unknown");
    m_ui->statsLabel->setText(
        tr("%1%2 · ETA %3 · quota remaining %4")
            .arg(counts, m_perSecond > 0 ? tr(" (%1/s)").arg(format::decimal(m_perSecond, 1)) : QString(), eta, quota));
}

void BackfillPage::offerResume(QDate start, QDate end)
{
    if (m_running || !start.isValid() || !end.isValid())
        return;
    {
        const QSignalBlocker a(m_ui->startEdit), b(m_ui->endEdit);
        m_ui->startEdit->setDate(start);
        m_ui->endEdit->setDate(end);
        m_ui->presetCombo->setCurrentIndex(0);
    }
    onFormChanged();
    m_ui->resumeLabel->setText(tr("The backfill of %1 … %2 was interrupted when the app quit. Dates already "
                                  "fetched are kept; resuming fetches only the rest.")
                                   .arg(start.toString(Qt::ISODate), end.toString(Qt::ISODate)));
    m_ui->resumeBanner->show();
}

bool BackfillPage::isResumeOffered() const
{
    return !m_ui->resumeBanner->isHidden();
}

void BackfillPage::onFinished(const JobResult& result)
{
    m_running = false;
    m_refreshTimer.stop();
    m_summary = m_job ? m_job->summary() : BackfillSummary();
    m_summary.seconds = result.seconds;
    QString outcome;
    switch (result.status) {
    case JobStatus::Completed:
        outcome = m_summary.datesFailed > 0 ? tr("finished with %1 failed").arg(datesText(m_summary.datesFailed))
                                            : tr("finished");
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
        tr("%1 — %2, %3, %4, %5")
            .arg(outcome, format::plural(m_summary.requests, tr("request"), tr("requests")),
                format::plural(m_summary.retries, tr("retry"), tr("retries")),
                format::plural(m_summary.creditsUsed, tr("credit"), tr("credits")),
                format::plural(m_summary.eventsFetched, tr("event file"), tr("event files"))));
    m_ui->statsLabel->setText(
        tr("%1 · %2 done, %3 empty, %4 failed of %5 · quota remaining %6")
            .arg(outcome, format::count(m_summary.datesDone), format::count(m_summary.datesEmpty),
                format::count(m_summary.datesFailed), datesText(m_summary.datesTotal),
                m_summary.requestsRemaining ? format::count(*m_summary.requestsRemaining) : tr("unknown")));
    if (m_summary.datesTotal > 0) {
        const qint64 settled = m_summary.datesDone + m_summary.datesEmpty;
        m_ui->progressBar->setRange(0, int(m_summary.datesTotal));
        m_ui->progressBar->setValue(int(settled));
        QString text = tr("%1 / %2 done (%3)")
                           .arg(format::count(settled), datesText(m_summary.datesTotal),
                               format::percent(double(settled) / double(m_summary.datesTotal), 0));
        if (m_summary.datesFailed > 0)
            text += tr(" · %1 failed").arg(format::count(m_summary.datesFailed));
        m_ui->progressBar->setFormat(text);
    } else if (!result.ok()) {
        m_ui->progressBar->setRange(0, 1);
        m_ui->progressBar->setValue(0);
        m_ui->progressBar->setFormat(tr("stopped before the plan"));
    }
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
    const QString line
        = QStringLiteral("%1 %2").arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss")), message);
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

QString BackfillPage::errorText() const
{
    return m_ui->errorLabel->isHidden() ? QString() : m_ui->errorLabel->text();
}

QString BackfillPage::planText() const
{
    return m_ui->planLabel->text();
}

} // namespace bfs::app
