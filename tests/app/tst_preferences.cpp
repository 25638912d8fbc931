// Preferences ▸ API and ▸ Performance: fields round-trip through AppSettings, bad values
// are refused with a message naming the field, and the API key never reaches the
// settings file.
#include "SecretStore.h"
#include "dialogs/ApiPreferencesPage.h"
#include "dialogs/PerformancePreferencesPage.h"
#include "dialogs/PreferencesDialog.h"
#include "settings/AppSettings.h"
#include "ui_ApiPreferencesPage.h"
#include "ui_PerformancePreferencesPage.h"

#include <QApplication>
#include <QDirIterator>
#include <QFile>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "TestSupport.h"

using namespace bfs;
using namespace bfs::app;

class TestPreferences : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        test::isolateSettings(m_dir.path(), QStringLiteral("tst_preferences"));
    }

    void apiPageRoundTrips()
    {
        ApiPreferencesPage page;
        page.load(AppSettings());
        auto* ui = page.form();
        QCOMPARE(ui->baseUrlEdit->text(), QStringLiteral("https://api.the-odds-api.com"));
        QCOMPARE(ui->marketsEdit->text(), QStringLiteral("pitcher_strikeouts"));
        QVERIFY(ui->leadRadio->isChecked());
        ui->baseUrlEdit->setText(QStringLiteral("http://127.0.0.1:8555"));
        ui->marketsEdit->setText(QStringLiteral("pitcher_strikeouts, pitcher_outs"));
        ui->bookmakersEdit->setText(QStringLiteral("draftkings ,fanduel"));
        ui->oddsFormatCombo->setCurrentIndex(1);
        ui->fixedRadio->setChecked(true);
        ui->oddsTimeEdit->setTime(QTime(21, 30));
        QCOMPARE(page.validate(), QString());
        AppSettings settings;
        page.save(settings);
        QCOMPARE(settings.apiBaseUrl(), QStringLiteral("http://127.0.0.1:8555"));
        QCOMPARE(
            settings.markets(), QStringList({ QStringLiteral("pitcher_strikeouts"), QStringLiteral("pitcher_outs") }));
        QCOMPARE(settings.bookmakers(), QStringLiteral("draftkings,fanduel"));
        QCOMPARE(settings.oddsFormat(), QStringLiteral("decimal"));
        QCOMPARE(settings.oddsTime(), QStringLiteral("21:30"));

        ApiPreferencesPage again;
        again.load(AppSettings());
        QVERIFY(again.form()->fixedRadio->isChecked());
        QCOMPARE(again.form()->oddsTimeEdit->time(), QTime(21, 30));
        QCOMPARE(again.form()->oddsFormatCombo->currentData().toString(), QStringLiteral("decimal"));
    }

    void apiPageRefusesBadValues_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("base URL") << QStringLiteral("baseUrl") << QStringLiteral("ftp://x")
                                  << QStringLiteral("API base URL");
        QTest::newRow("sport") << QStringLiteral("sport") << QStringLiteral("MLB baseball") << QStringLiteral("Sport");
        QTest::newRow("markets empty") << QStringLiteral("markets") << QStringLiteral(" , ")
                                       << QStringLiteral("Markets");
        QTest::newRow("market key") << QStringLiteral("markets") << QStringLiteral("pitcher strikeouts")
                                    << QStringLiteral("'pitcher strikeouts'");
    }
    void apiPageRefusesBadValues()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, message);
        ApiPreferencesPage page;
        page.load(AppSettings());
        auto* edit = page.findChild<QLineEdit*>(field + QStringLiteral("Edit"));
        QVERIFY(edit);
        edit->setText(value);
        QVERIFY2(page.validate().contains(message), qPrintable(page.validate()));
    }

    void performancePageSavesRequestPacing()
    {
        PerformancePreferencesPage page;
        page.load(AppSettings());
        page.findChild<QDoubleSpinBox*>(QStringLiteral("rateSpin"))->setValue(12.5);
        page.findChild<QSpinBox*>(QStringLiteral("retriesSpin"))->setValue(7);
        page.findChild<QSpinBox*>(QStringLiteral("budgetSpin"))->setValue(5000);
        page.findChild<QSpinBox*>(QStringLiteral("reserveSpin"))->setValue(200);
        AppSettings settings;
        page.save(settings);
        QCOMPARE(settings.rateLimit(), 12.5);
        QCOMPARE(settings.maxRetries(), 7);
        QCOMPARE(settings.budget(), 5000);
        QCOMPARE(settings.reserve(), 200);
    }

    void apiKeyNeverReachesTheSettingsFile()
    {
        PreferencesDialog dialog;
        auto* key = dialog.apiPage()->form()->apiKeyEdit;
        const QString secret = QStringLiteral("sk-prefs-secret-91b2");
        QVERIFY(key->isEnabled());
        QTest::keyClicks(key, secret);
        dialog.accept(); // with a keychain the key goes there; without one it is kept in memory
        AppSettings().sync();
        // Either way the next run has the key; when no keychain took it the user is told so.
        QCOMPARE(SecretStore::read(Secret::ApiKey), secret);
        const QString warning = dialog.apiPage()->keyWarning();
        auto* box = qobject_cast<QMessageBox*>([] {
            for (QWidget* widget : QApplication::topLevelWidgets())
                if (widget->objectName() == u"apiKeyWarning")
                    return widget;
            return static_cast<QWidget*>(nullptr);
        }());
        QCOMPARE(box != nullptr, !warning.isEmpty());
        if (box) {
            QVERIFY2(
                box->text().contains(QStringLiteral("kept in memory for this session only")), qPrintable(box->text()));
            QVERIFY(!box->text().contains(secret));
            box->close();
        }
        QDirIterator it(m_dir.path(), QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY2(!file.readAll().contains(secret.toUtf8()), qPrintable(file.fileName()));
        }
    }
};

QTEST_MAIN(TestPreferences)
#include "tst_preferences.moc"
