// Team mode's screens offscreen against a real PostgreSQL server this test starts: Preferences ▸
// Storage (Test connection shows the server's own answer; saving binds the folder without the
// password), the Backfill screen's Team panel (instances with live leases), and the calendar's
// dates running on another machine.
#include "PgServer.h"
#include "TestSupport.h"

#include "SecretStore.h"
#include "dialogs/StoragePreferencesPage.h"
#include "models/PartitionCalendarModel.h"
#include "models/TeamInstancesModel.h"
#include "odds/scrape/BackfillSettings.h"
#include "odds/scrape/PartitionStore.h"
#include "pages/TeamPanel.h"
#include "settings/AppSettings.h"
#include "storage/Workspace.h"
#include "ui_StoragePreferencesPage.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace bfs;
using namespace bfs::app;

class TestTeamScreens : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    test::PgServer m_server;

private Q_SLOTS:
    void initTestCase()
    {
        test::isolateSettings(m_dir.path(), QStringLiteral("tst_teamscreens"));
        if (test::PgServer::binDir().isEmpty())
            QSKIP("PostgreSQL's initdb/pg_ctl are not installed (scripts/dev installs them)");
        QString error;
        QVERIFY2(m_server.start(error), qPrintable(error));
        QVERIFY2(m_server.createDatabase(QStringLiteral("screens"), error), qPrintable(error));
    }

    void storagePageTestsTheConnectionAndBindsTheFolder()
    {
        const QString workspace = m_dir.filePath(QStringLiteral("ws"));
        QString error;
        QVERIFY2(Workspace::open(workspace, error), qPrintable(error));
        AppSettings().setLastWorkspace(workspace);
        StoragePreferencesPage page;
        page.load(AppSettings());
        auto* form = page.form();
        QVERIFY(form->sqliteRadio->isChecked());
        form->teamRadio->setChecked(true);
        form->urlEdit->setText(m_server.url(QStringLiteral("screens")));
        QSignalSpy tested(&page, &StoragePreferencesPage::connectionTested);

        QTest::keyClicks(form->passwordEdit, QStringLiteral("not-it"));
        form->testButton->click();
        QTRY_COMPARE_WITH_TIMEOUT(tested.size(), 1, 30000);
        QCOMPARE(tested.at(0).at(0).toBool(), false);
        QVERIFY2(form->testResultLabel->text().contains(QStringLiteral("password authentication failed")),
            qPrintable(form->testResultLabel->text()));
        QVERIFY(!form->testResultLabel->text().contains(QStringLiteral("not-it")));

        form->passwordEdit->clear();
        QTest::keyClicks(form->passwordEdit, QString::fromLatin1(test::PgServer::Password));
        form->testButton->click();
        QTRY_COMPARE_WITH_TIMEOUT(tested.size(), 2, 30000);
        QCOMPARE(tested.at(1).at(0).toBool(), true);
        QVERIFY2(form->testResultLabel->text().startsWith(QStringLiteral("Connected: PostgreSQL")),
            qPrintable(form->testResultLabel->text()));

        QCOMPARE(page.validate(), QString());
        AppSettings settings;
        page.save(settings);
        QVERIFY(page.storageChanged());
        QCOMPARE(SecretStore::read(Secret::TeamDatabasePassword), QString::fromLatin1(test::PgServer::Password));
        QCOMPARE(qgetenv("PGPASSWORD"), QByteArray(test::PgServer::Password));
        QFile binding(workspace + QStringLiteral("/team.json"));
        QVERIFY(binding.open(QIODevice::ReadOnly));
        const QByteArray text = binding.readAll();
        QVERIFY(text.contains(m_server.url(QStringLiteral("screens")).toUtf8()));
        QVERIFY(!text.contains(test::PgServer::Password));
        const auto opened = Workspace::open(workspace, error);
        QVERIFY2(opened && opened->isTeam(), qPrintable(error));
        // Nothing secret in the settings file either.
        QFile ini(QSettings().fileName());
        if (ini.open(QIODevice::ReadOnly))
            QVERIFY(!ini.readAll().contains(test::PgServer::Password));

        // A malformed URL is refused with the reason.
        form->urlEdit->setText(QStringLiteral("mysql://x/y"));
        QVERIFY(page.validate().contains(QStringLiteral("expected postgresql://")));
    }

    void teamPanelListsTheInstancesAndTheCalendarMarksTheirDates()
    {
        const QString workspace = m_dir.filePath(QStringLiteral("ws"));
        QString error;
        const auto opened = Workspace::open(workspace, error); // bound by the test above
        QVERIFY2(opened && opened->isTeam(), qPrintable(error));
        DbConnection connection = opened->connect(error);
        PartitionStore store(connection.db());
        BackfillSettings s;
        s.start = QDate(2024, 5, 1);
        s.end = QDate(2024, 5, 3);
        QVERIFY(store.ensure(s.sport, s.rangeDates(), error));
        const QString other = QStringLiteral("laptop pid 7 run 0badf00d");
        QCOMPARE(store.claim(s, other, 60000, error), QDate(2024, 5, 1));
        QCOMPARE(store.claim(s, other, 60000, error), QDate(2024, 5, 2));

        TeamPanel panel;
        QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy refreshed(&panel, &TeamPanel::refreshed);
        panel.setWorkspace(*opened);
        QVERIFY(!panel.isHidden());
        QTRY_VERIFY_WITH_TIMEOUT(refreshed.size() >= 1, 30000);
        QCOMPARE(panel.model()->rowCount(), 1);
        QCOMPARE(panel.model()->index(0, TeamInstancesModel::Owner).data().toString(), other);
        QCOMPARE(panel.model()->index(0, TeamInstancesModel::RunningDates).data().toInt(), 2);
        // A workspace of its own (SQLite) has no Team panel.
        panel.setWorkspace(bfs::test::workspaceAt(m_dir.filePath(QStringLiteral("local"))));
        QVERIFY(panel.isHidden());

        PartitionCalendarModel calendar;
        QAbstractItemModelTester calendarTester(&calendar, QAbstractItemModelTester::FailureReportingMode::QtTest);
        calendar.setRange(s.start, s.end);
        calendar.setPartitions(store.rows(s.sport, s.start, s.end));
        QVERIFY(calendar.isRunningElsewhere(QDate(2024, 5, 1)));
        QVERIFY(!calendar.isRunningElsewhere(QDate(2024, 5, 3))); // pending
        const QModelIndex first = calendar.indexOf(QDate(2024, 5, 1));
        QCOMPARE(first.data(Qt::BackgroundRole).value<QColor>(), PartitionCalendarModel::elsewhereColor());
        QVERIFY(first.data(Qt::ToolTipRole).toString().contains(other));
        calendar.setOwnOwner(other); // the same dates seen from the machine running them
        QVERIFY(!calendar.isRunningElsewhere(QDate(2024, 5, 1)));
    }
};

QTEST_MAIN(TestTeamScreens)
#include "tst_teamscreens.moc"
