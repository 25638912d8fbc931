// The date-range dialog: presets, calendars and validation.
#include "dialogs/DateRangeDialog.h"

#include <QCalendarWidget>
#include <QComboBox>
#include <QLabel>
#include <QTest>

using namespace bfs::app;

class TestDateRangeDialog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void validation_data()
    {
        QTest::addColumn<QDate>("start");
        QTest::addColumn<QDate>("end");
        QTest::addColumn<bool>("acceptable");
        QTest::addColumn<QString>("message");
        QTest::newRow("one day") << QDate(2024, 5, 3) << QDate(2024, 5, 3) << true << QString();
        QTest::newRow("a season") << QDate(2024, 3, 28) << QDate(2024, 9, 30) << true << QString();
        QTest::newRow("reversed") << QDate(2024, 5, 3) << QDate(2024, 5, 2) << false << QStringLiteral("before");
        QTest::newRow("eleven years") << QDate(2013, 1, 1) << QDate(2024, 1, 1) << false << QStringLiteral("ten years");
    }
    void validation()
    {
        QFETCH(QDate, start);
        QFETCH(QDate, end);
        QFETCH(bool, acceptable);
        QFETCH(QString, message);
        DateRangeDialog dialog(start, end);
        QCOMPARE(dialog.isAcceptable(), acceptable);
        QVERIFY(message.isEmpty() ? dialog.errorText().isEmpty() : dialog.errorText().contains(message));
    }

    void calendarsAndPresetsSetTheRange()
    {
        DateRangeDialog dialog(QDate(2024, 5, 1), QDate(2024, 5, 2));
        auto* endCalendar = dialog.findChild<QCalendarWidget*>(QStringLiteral("endCalendar"));
        QVERIFY(endCalendar);
        endCalendar->setSelectedDate(QDate(2024, 4, 1));
        QVERIFY(!dialog.isAcceptable());
        endCalendar->setSelectedDate(QDate(2024, 6, 1));
        QVERIFY(dialog.isAcceptable());
        QCOMPARE(dialog.end(), QDate(2024, 6, 1));

        const auto presets = DateRangeDialog::presets(QDate(2025, 6, 15));
        QCOMPARE(presets.first().start, QDate(2025, 3, 28));
        QCOMPARE(presets[2].start, QDate(2023, 5, 3)); // props exist from here
        dialog.applyPreset(0);
        QVERIFY(dialog.isAcceptable());
        QCOMPARE(dialog.end().month(), 9);
        QCOMPARE(dialog.findChild<QComboBox*>(QStringLiteral("presetCombo"))->currentIndex(), 1);
    }

    void lastGameStretch_data()
    {
        QTest::addColumn<QDate>("today");
        QTest::addColumn<QDate>("start");
        QTest::addColumn<QDate>("end");
        QTest::newRow("mid-season: the past week") << QDate(2026, 6, 15) << QDate(2026, 6, 8) << QDate(2026, 6, 14);
        QTest::newRow("December: this year's last week")
            << QDate(2026, 12, 3) << QDate(2026, 9, 24) << QDate(2026, 9, 30);
        QTest::newRow("February: last year's last week")
            << QDate(2026, 2, 10) << QDate(2025, 9, 24) << QDate(2025, 9, 30);
        QTest::newRow("two days after opening: not a week of games yet")
            << QDate(2026, 3, 20) << QDate(2025, 9, 24) << QDate(2025, 9, 30);
        QTest::newRow("October: the past week (postseason)")
            << QDate(2026, 10, 12) << QDate(2026, 10, 5) << QDate(2026, 10, 11);
    }
    void lastGameStretch()
    {
        QFETCH(QDate, today);
        QFETCH(QDate, start);
        QFETCH(QDate, end);
        const auto range = DateRangeDialog::lastGameStretch(today);
        QCOMPARE(range.first, start);
        QCOMPARE(range.second, end);
        QVERIFY(!DateRangeDialog::isOffSeason(range.first, range.second));
    }

    void offSeasonRangeIsNamed()
    {
        DateRangeDialog dialog(QDate(2025, 12, 1), QDate(2025, 12, 7));
        auto* summary = dialog.findChild<QLabel*>(QStringLiteral("summaryLabel"));
        QVERIFY(summary);
        QVERIFY2(summary->text().contains(QStringLiteral("Off-season")), qPrintable(summary->text()));
        QVERIFY(summary->text().contains(QStringLiteral("0 credits")));
        QVERIFY(dialog.isAcceptable()); // allowed, only explained
        dialog.setRange(QDate(2025, 9, 28), QDate(2025, 10, 2));
        QVERIFY(!summary->text().contains(QStringLiteral("Off-season")));
    }
};

QTEST_MAIN(TestDateRangeDialog)
#include "tst_daterangedialog.moc"
