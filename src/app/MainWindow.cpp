#include "MainWindow.h"

#include "settings/AppSettings.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QStackedWidget>
#include <QStatusBar>

namespace bfs::app {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_navigation(new QListWidget(this))
    , m_pages(new QStackedWidget(this))
{
    setWindowTitle(QStringLiteral("Backfill Studio"));
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
    statusBar()->showMessage(tr("Ready"));

    AppSettings settings;
    if (!restoreGeometry(settings.windowGeometry()))
        resize(1280, 820);
    restoreState(settings.windowState());
}

MainWindow::~MainWindow() = default;

int MainWindow::addPage(QWidget* page, const QString& title, const QIcon& icon)
{
    const int index = m_pages->addWidget(page);
    m_navigation->addItem(new QListWidgetItem(icon, title));
    if (index == 0 || index == AppSettings().lastPage())
        m_navigation->setCurrentRow(index);
    return index;
}

QWidget* MainWindow::currentPage() const { return m_pages->currentWidget(); }

void MainWindow::showPage(int index) { m_navigation->setCurrentRow(index); }

void MainWindow::buildMenus()
{
    auto* file = menuBar()->addMenu(tr("&File"));
    auto* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    auto* edit = menuBar()->addMenu(tr("&Edit"));
    auto* preferences = edit->addAction(tr("&Preferences…"), this, &MainWindow::showPreferences);
    preferences->setShortcut(QKeySequence::Preferences);
    preferences->setMenuRole(QAction::PreferencesRole);

    auto* help = menuBar()->addMenu(tr("&Help"));
    auto* about = help->addAction(tr("&About Backfill Studio"), this, &MainWindow::showAbout);
    about->setMenuRole(QAction::AboutRole);
}

void MainWindow::showPreferences() { }

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Backfill Studio"),
        tr("<b>Backfill Studio %1</b><p>Historical odds backfill, evaluation and feature generation, "
           "fast, visible and safe, on your own machine.</p>")
            .arg(QApplication::applicationVersion()));
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    AppSettings settings;
    settings.setWindowGeometry(saveGeometry());
    settings.setWindowState(saveState());
    settings.setLastPage(m_navigation->currentRow());
    QMainWindow::closeEvent(event);
}

} // namespace bfs::app
