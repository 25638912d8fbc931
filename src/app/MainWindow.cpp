#include "MainWindow.h"

#include "AppIcons.h"
#include "FutureSupport.h"
#include "SecretStore.h"
#include "demo/DemoWorkspace.h"
#include "dialogs/PreferencesDialog.h"
#include "dialogs/StoragePreferencesPage.h"
#include "pages/BackfillPage.h"
#include "pages/EvaluatePage.h"
#include "pages/FeaturesPage.h"
#include "pages/ReportsPage.h"
#include "pages/RunsPage.h"
#include "settings/AppSettings.h"
#include "simulator/SimulatorServer.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QScreen>
#include <QStackedWidget>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QtConcurrent>

namespace bfs::app {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_navigation(new QListWidget(this))
    , m_pages(new QStackedWidget(this))
    , m_workspaceLabel(new QLabel(this))
    , m_featuresPage(nullptr)
    , m_restoredPage(AppSettings().lastPage())
{
    // The application's display name is appended to every title by the platform (Qt does
    // it on Linux and Windows): the title itself names only the workspace.
    setWindowTitle(QString());
    setWindowIcon(AppIcons::application());
    auto* central = new QWidget(this);
    auto* layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_navigation->setObjectName(QStringLiteral("navigation"));
    m_navigation->setFixedWidth(170);
    m_navigation->setIconSize(QSize(22, 22));
    m_navigation->setSpacing(2);
    layout->addWidget(m_navigation);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);
    connect(m_navigation, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);

    buildMenus();
    m_workspaceLabel->setObjectName(QStringLiteral("workspaceLabel"));
    m_workspaceLabel->setText(tr("No workspace open"));
    m_workspaceLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusBar()->addPermanentWidget(m_workspaceLabel);
    statusBar()->showMessage(tr("Ready"), 3000);

    m_featuresPage = new FeaturesPage(this);
    addPage(m_featuresPage, tr("Features"), AppIcons::features());
    connect(this, &MainWindow::preferencesChanged, m_featuresPage, &FeaturesPage::reloadPreferences);
    m_backfillPage = new BackfillPage(this);
    addPage(m_backfillPage, tr("Backfill"), AppIcons::backfill());
    connect(this, &MainWindow::workspaceChanged, m_backfillPage, &BackfillPage::setWorkspace);
    auto* evaluatePage = new EvaluatePage(this);
    addPage(evaluatePage, tr("Evaluate"), AppIcons::evaluate());
    connect(this, &MainWindow::workspaceChanged, evaluatePage, &EvaluatePage::setWorkspace);
    m_reportsPage = new ReportsPage(this);
    addPage(m_reportsPage, tr("Reports"), AppIcons::reports());
    connect(this, &MainWindow::workspaceChanged, m_reportsPage, &ReportsPage::setWorkspace);
    connect(evaluatePage, &EvaluatePage::reportShown, m_reportsPage, &ReportsPage::markStale);
    connect(
        evaluatePage, &EvaluatePage::backfillRequested, this, [this] { showPage(m_pages->indexOf(m_backfillPage)); });
    m_runsPage = new RunsPage(this);
    addPage(m_runsPage, tr("Runs"), AppIcons::runs());
    connect(this, &MainWindow::workspaceChanged, m_runsPage, &RunsPage::setWorkspace);

    connect(this, &MainWindow::workspaceChanged, m_featuresPage, &FeaturesPage::setWorkspace);
    connect(m_featuresPage, &FeaturesPage::runFinished, this, [this](bool ok) {
        m_runsPage->refresh();
        notifyIfInBackground(
            tr("Feature generation finished"), ok ? tr("All races are written.") : tr("The run stopped early."));
    });
    connect(m_backfillPage, &BackfillPage::runStarted, this, [] { AppSettings().clearInterruptedBackfill(); });
    connect(m_backfillPage, &BackfillPage::resumeOfferAnswered, this, [] { AppSettings().clearInterruptedBackfill(); });
    connect(this, &MainWindow::workspaceChanged, this, &MainWindow::offerInterruptedRun);
    connect(m_backfillPage, &BackfillPage::runFinished, this, [this](bool ok) {
        notifyIfInBackground(tr("Odds backfill finished"),
            ok ? tr("Every date is fetched.") : tr("Some dates failed or the run stopped."));
        m_runsPage->refresh();
    });

    AppSettings settings;
    // The layouts' own minimum is the window's (tests keep it within a 1280×720 screen):
    // no fixed minimum that could clip a page.
    if (!restoreGeometry(settings.windowGeometry())) {
        const QRect available = screen() ? screen()->availableGeometry() : QRect(0, 0, 1280, 820);
        resize(std::min(1280, available.width()), std::min(820, available.height()));
    }
    restoreState(settings.windowState());
}

MainWindow::~MainWindow() = default;

int MainWindow::addPage(QWidget* page, const QString& title, const QIcon& icon)
{
    const int index = m_pages->addWidget(page);
    m_navigation->addItem(new QListWidgetItem(icon, title));
    if (index == 0 || index == m_restoredPage)
        m_navigation->setCurrentRow(index);
    return index;
}

QWidget* MainWindow::currentPage() const
{
    return m_pages->currentWidget();
}

void MainWindow::showPage(int index)
{
    m_navigation->setCurrentRow(index);
}

int MainWindow::pageCount() const
{
    return m_pages->count();
}

void MainWindow::buildMenus()
{
    auto* file = menuBar()->addMenu(tr("&File"));
    auto* create = file->addAction(tr("&New Workspace…"), this, &MainWindow::newWorkspace);
    create->setShortcut(QKeySequence::New);
    auto* open = file->addAction(tr("&Open Workspace…"), this, &MainWindow::chooseWorkspace);
    open->setShortcut(QKeySequence::Open);
    file->addAction(tr("Open &Demo Workspace"), this, [this] { openDemo(); });
    file->addSeparator();
    auto* exportAction = file->addAction(tr("&Export Progress Report…"), this, &MainWindow::exportReport);
    exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    file->addSeparator();
    auto* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    auto* edit = menuBar()->addMenu(tr("&Edit"));
    auto* preferences = edit->addAction(tr("&Preferences…"), this, &MainWindow::showPreferences);
    preferences->setShortcut(QKeySequence::Preferences);
    preferences->setMenuRole(QAction::PreferencesRole);

    auto* tools = menuBar()->addMenu(tr("&Tools"));
    tools->addAction(tr("&Benchmark Feature Speedup…"), this, [this] {
        showPage(m_pages->indexOf(m_featuresPage));
        m_featuresPage->openBenchmark();
    });

    auto* help = menuBar()->addMenu(tr("&Help"));
    auto* about = help->addAction(tr("&About Backfill Studio"), this, &MainWindow::showAbout);
    about->setMenuRole(QAction::AboutRole);
}

void MainWindow::newWorkspace()
{
    // A new workspace is a folder that does not hold one yet; Workspace::open fills it.
    const QString dir = QFileDialog::getExistingDirectory(
        this, tr("New workspace: choose or create an empty folder"), dialogFolder(AppSettings::FileKind::Workspace));
    if (dir.isEmpty())
        return;
    AppSettings().setLastDirectory(AppSettings::FileKind::Workspace, QFileInfo(dir).absolutePath());
    if (QFileInfo::exists(QDir(dir).filePath(QStringLiteral("workspace.sqlite")))
        && QMessageBox::question(this, tr("New workspace"),
               tr("%1 already holds a workspace. Open it instead?").arg(QDir::toNativeSeparators(dir)))
            != QMessageBox::Yes)
        return;
    openWorkspace(dir);
}

void MainWindow::chooseWorkspace()
{
    const QString dir
        = QFileDialog::getExistingDirectory(this, tr("Open workspace"), dialogFolder(AppSettings::FileKind::Workspace));
    if (dir.isEmpty())
        return;
    AppSettings().setLastDirectory(AppSettings::FileKind::Workspace, QFileInfo(dir).absolutePath());
    if (!QFileInfo::exists(QDir(dir).filePath(QStringLiteral("workspace.sqlite")))) {
        const auto answer = QMessageBox::question(this, tr("Open workspace"),
            tr("%1 is not a workspace yet (it has no workspace.sqlite). Make it one?")
                .arg(QDir::toNativeSeparators(dir)));
        if (answer != QMessageBox::Yes)
            return;
    }
    openWorkspace(dir);
}

void MainWindow::openWorkspace(const QString& dir)
{
    statusBar()->showMessage(tr("Opening workspace %1…").arg(QDir::toNativeSeparators(dir)));
    QString bindingError;
    static bool passwordExported = false;
    if (!passwordExported && Workspace::boundTeam(dir, bindingError)) {
        SecretStore::exportTeamPassword(); // the keychain's team password, for libpq
        passwordExported = true;
    }
    whenFinished(this, QtConcurrent::run([dir] {
        QString error;
        auto workspace = Workspace::open(dir, error);
        return std::make_pair(workspace, error);
    }),
        [this, dir](const std::pair<std::optional<Workspace>, QString>& opened) {
            if (!opened.first) {
                statusBar()->showMessage(tr("Could not open the workspace"), 5000);
                QMessageBox::warning(this, tr("Open workspace"),
                    tr("Could not open the workspace %1: %2").arg(QDir::toNativeSeparators(dir), opened.second));
                Q_EMIT workspaceFailed(opened.second);
                return;
            }
            m_workspace = opened.first;
            AppSettings().setLastWorkspace(m_workspace->dir());
            m_workspaceLabel->setText(m_workspace->isTeam()
                    ? tr("Workspace: %1 · team database %2")
                          .arg(QDir::toNativeSeparators(m_workspace->dir()), m_workspace->databaseLabel())
                    : tr("Workspace: %1 · SQLite").arg(QDir::toNativeSeparators(m_workspace->dir())));
            m_workspaceLabel->setToolTip(m_workspace->databaseLabel());
            setWindowTitle(QFileInfo(m_workspace->dir()).fileName());
            statusBar()->showMessage(tr("Workspace opened"), 3000);
            Q_EMIT workspaceChanged(*m_workspace);
        });
}

void MainWindow::exportReport()
{
    if (!m_workspace) {
        QMessageBox::information(this, tr("Export progress report"), tr("Open a workspace first."));
        return;
    }
    showPage(m_pages->indexOf(m_reportsPage));
    m_reportsPage->chooseExport();
}

QString MainWindow::simulatorUrl() const
{
    return m_simulator ? m_simulator->baseUrl() : QString();
}

void MainWindow::openDemo(const QString& requestedDir)
{
    const QString dir = requestedDir.isEmpty() ? DemoWorkspace::defaultDir() : requestedDir;
    statusBar()->showMessage(tr("Preparing the demo workspace…"));
    QPointer<MainWindow> self(this);
    whenFinished(this, QtConcurrent::run([dir, self] {
        QString error;
        auto setup = DemoWorkspace::prepare(dir, error, [self](const QString& line) {
            QMetaObject::invokeMethod(self, [self, line] {
                if (self)
                    self->statusBar()->showMessage(line);
            });
        });
        return std::make_pair(setup, error);
    }),
        [this](const std::pair<std::optional<DemoSetup>, QString>& prepared) {
            const auto& setup = prepared.first;
            if (!setup) {
                statusBar()->showMessage(tr("Could not prepare the demo"), 5000);
                QMessageBox::warning(
                    this, tr("Demo"), tr("Could not prepare the demo workspace: %1").arg(prepared.second));
                Q_EMIT workspaceFailed(prepared.second);
                return;
            }
            // The simulator runs on its own thread for as long as the window lives.
            m_simulator = std::make_unique<sim::SimulatorServer>(setup->simulator);
            QString error;
            if (!m_simulator->start(0, error)) {
                m_simulator.reset();
                QMessageBox::warning(
                    this, tr("Demo"), tr("Could not start the built-in Odds API simulator: %1").arg(error));
                Q_EMIT workspaceFailed(error);
                return;
            }
            m_backfillPage->useSession(
                m_simulator->baseUrl(), setup->apiKey, setup->start, setup->end, setup->rateLimit);
            m_featuresPage->setDatabase(setup->raceDatabase);
            connect(
                this, &MainWindow::workspaceChanged, this,
                [this](const Workspace&) {
                    setWindowTitle(tr("Demo workspace (simulator at %1)").arg(m_simulator->baseUrl()));
                    Q_EMIT demoReady();
                },
                Qt::SingleShotConnection);
            openWorkspace(setup->workspaceDir);
        });
}

void MainWindow::notifyIfInBackground(const QString& title, const QString& message)
{
    if (isActiveWindow())
        return;
    QApplication::alert(this);
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return;
    if (!m_tray) {
        m_tray = new QSystemTrayIcon(windowIcon(), this);
        m_tray->setToolTip(tr("Backfill Studio"));
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
            showNormal();
            raise();
            activateWindow();
        });
    }
    m_tray->show();
    m_tray->showMessage(title, message, QSystemTrayIcon::Information, 8000);
}

void MainWindow::showPreferences()
{
    PreferencesDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (const QString warning = dialog.storagePage()->warning(); !warning.isEmpty())
        QMessageBox::warning(this, tr("Storage"), warning);
    Q_EMIT preferencesChanged();
    if (dialog.storagePage()->storageChanged() && m_workspace)
        openWorkspace(m_workspace->dir()); // every screen reads the database it now uses
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Backfill Studio"),
        tr("<b>Backfill Studio %1</b><p>Historical odds backfill, evaluation and feature generation, "
           "fast, visible and safe, on your own machine.</p><p>Qt %2 · jobs run on %3 worker threads by default.</p>")
            .arg(QApplication::applicationVersion(), QString::fromLatin1(qVersion()))
            .arg(AppSettings().workers()));
}

QString MainWindow::dialogFolder(AppSettings::FileKind kind) const
{
    // The folder last used for this kind of file, else the open workspace's parent, else home.
    const QString last = AppSettings().lastDirectory(kind);
    if (!last.isEmpty() && QFileInfo(last).isDir())
        return last;
    if (m_workspace)
        return QFileInfo(m_workspace->dir()).absolutePath();
    return QDir::homePath();
}

void MainWindow::offerInterruptedRun(const Workspace& workspace)
{
    const auto interrupted = AppSettings().interruptedBackfill();
    if (!interrupted.isValid() || m_backfillPage->isRunning())
        return;
    if (QDir(interrupted.workspace).canonicalPath() != QDir(workspace.dir()).canonicalPath())
        return;
    m_backfillPage->offerResume(interrupted.start, interrupted.end);
    showPage(m_pages->indexOf(m_backfillPage));
}

MainWindow::QuitAnswer MainWindow::askQuitDuringRun()
{
    QMessageBox box(QMessageBox::Question, tr("Quit"),
        tr("A backfill is running. Quit now and resume it next time, or keep it running?"), QMessageBox::NoButton,
        this);
    box.setObjectName(QStringLiteral("quitDuringRunBox"));
    box.setInformativeText(tr("Requests in flight finish first; every date already fetched is kept."));
    auto* quit = box.addButton(tr("Quit and Resume Later"), QMessageBox::AcceptRole);
    auto* keep = box.addButton(tr("Keep Running"), QMessageBox::RejectRole);
    box.setDefaultButton(keep);
    box.setEscapeButton(keep);
    box.exec();
    return box.clickedButton() == quit ? QuitAnswer::QuitAndResumeLater : QuitAnswer::KeepRunning;
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (m_backfillPage->isRunning()) {
        if (askQuitDuringRun() != QuitAnswer::QuitAndResumeLater) {
            event->ignore();
            return;
        }
        const BackfillSettings running = m_backfillPage->settings();
        AppSettings().setInterruptedBackfill({ m_backfillPage->workspaceDir(), running.start, running.end });
        m_backfillPage->cancel(); // the partition table keeps what is done; the page's engine waits for the workers
    }
    if (m_featuresPage->isRunning()
        && QMessageBox::question(this, tr("Quit"),
               tr("Feature generation is running. Cancel it and quit? Races already written stay written."))
            != QMessageBox::Yes) {
        event->ignore();
        return;
    }
    AppSettings settings;
    settings.setWindowGeometry(saveGeometry());
    settings.setWindowState(saveState());
    settings.setLastPage(m_navigation->currentRow());
    QMainWindow::closeEvent(event);
}

} // namespace bfs::app
