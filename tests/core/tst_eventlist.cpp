// EventList: the events endpoint's answer (odds-api.md endpoint 1) and phase 1's date rule —
// an event belongs to date D when its commence_time, in America/New_York, falls on D (EDT is
// UTC−4, EST UTC−5; 2024's changes: 10 March and 3 November). Also the two body-shape checks
// the worker retries on.
#include "odds/scrape/EventList.h"

#include <QTest>
#include <QTimeZone>

using namespace bfs;

namespace {

QByteArray eventsBody(const QByteArray& data)
{
    return "{\"timestamp\":\"2024-05-01T15:00:00Z\",\"previous_timestamp\":\"2024-05-01T14:55:00Z\","
           "\"next_timestamp\":\"2024-05-01T15:05:00Z\",\"data\":["
        + data + "]}";
}

QByteArray eventJson(const char* id, const char* commence)
{
    return QByteArray("{\"id\":\"") + id
        + "\",\"sport_key\":\"baseball_mlb\",\"sport_title\":\"MLB\",\"commence_time\":\"" + commence
        + "\",\"home_team\":\"New York Yankees\",\"away_team\":\"Boston Red Sox\"}";
}

QDateTime utc(int y, int mo, int d, int h, int mi, int s = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s), QTimeZone::utc());
}

} // namespace

class TestEventList : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // One event, one date asked for: kept or not (values by hand from the zone's offsets).
    void dateRule_data()
    {
        QTest::addColumn<QByteArray>("commence");
        QTest::addColumn<QDate>("date");
        QTest::addColumn<bool>("kept");
        QTest::addColumn<QDateTime>("commenceUtc");
        const QDate may1(2024, 5, 1), may2(2024, 5, 2);
        QTest::newRow("afternoon game") << QByteArray("2024-05-01T17:05:00Z") << may1 << true << utc(2024, 5, 1, 17, 5);
        QTest::newRow("night game kept on its New York date")
            << QByteArray("2024-05-02T01:10:00Z") << may1 << true << utc(2024, 5, 2, 1, 10);
        QTest::newRow("night game not kept on its UTC date")
            << QByteArray("2024-05-02T01:10:00Z") << may2 << false << QDateTime();
        QTest::newRow("last second of the day (EDT)")
            << QByteArray("2024-05-02T03:59:59Z") << may1 << true << utc(2024, 5, 2, 3, 59, 59);
        QTest::newRow("midnight starts the next day (EDT)")
            << QByteArray("2024-05-02T04:00:00Z") << may1 << false << QDateTime();
        QTest::newRow("midnight is the next day's first second")
            << QByteArray("2024-05-02T04:00:00Z") << may2 << true << utc(2024, 5, 2, 4, 0);
        QTest::newRow("before the day starts (EDT)")
            << QByteArray("2024-05-01T03:59:59Z") << may1 << false << QDateTime();
        QTest::newRow("winter: UTC−5, 04:30Z is the day before")
            << QByteArray("2024-01-15T04:30:00Z") << QDate(2024, 1, 14) << true << utc(2024, 1, 15, 4, 30);
        QTest::newRow("winter: 05:00Z starts the day")
            << QByteArray("2024-01-15T05:00:00Z") << QDate(2024, 1, 15) << true << utc(2024, 1, 15, 5, 0);
        QTest::newRow("spring forward day starts at 05:00Z (EST)")
            << QByteArray("2024-03-10T05:00:00Z") << QDate(2024, 3, 10) << true << utc(2024, 3, 10, 5, 0);
        QTest::newRow("spring forward day ends at 04:00Z (EDT)")
            << QByteArray("2024-03-11T03:59:59Z") << QDate(2024, 3, 10) << true << utc(2024, 3, 11, 3, 59, 59);
        QTest::newRow("after spring forward 04:00Z is the next day")
            << QByteArray("2024-03-11T04:00:00Z") << QDate(2024, 3, 11) << true << utc(2024, 3, 11, 4, 0);
        QTest::newRow("fall back day starts at 04:00Z (EDT)")
            << QByteArray("2024-11-03T04:00:00Z") << QDate(2024, 11, 3) << true << utc(2024, 11, 3, 4, 0);
        QTest::newRow("fall back day ends at 05:00Z (EST)")
            << QByteArray("2024-11-04T04:59:59Z") << QDate(2024, 11, 3) << true << utc(2024, 11, 4, 4, 59, 59);
        QTest::newRow("after fall back 05:00Z is the next day")
            << QByteArray("2024-11-04T05:00:00Z") << QDate(2024, 11, 3) << false << QDateTime();
        QTest::newRow("year boundary") << QByteArray("2025-01-01T03:00:00Z") << QDate(2024, 12, 31) << true
                                       << utc(2025, 1, 1, 3, 0);
        QTest::newRow("leap day") << QByteArray("2024-03-01T02:00:00Z") << QDate(2024, 2, 29) << true
                                  << utc(2024, 3, 1, 2, 0);
        QTest::newRow("milliseconds") << QByteArray("2024-05-01T23:05:00.000Z") << may1 << true
                                      << utc(2024, 5, 1, 23, 5);
        QTest::newRow("explicit offset is converted")
            << QByteArray("2024-05-01T22:30:00-04:00") << may1 << true << utc(2024, 5, 2, 2, 30);
        QTest::newRow("zero offset") << QByteArray("2024-05-01T20:00:00+00:00") << may1 << true
                                     << utc(2024, 5, 1, 20, 0);
        QTest::newRow("no zone is not a UTC time") << QByteArray("2024-05-01T20:00:00") << may1 << false << QDateTime();
        QTest::newRow("date only is not a time") << QByteArray("2024-05-01") << may1 << false << QDateTime();
        QTest::newRow("not a time") << QByteArray("tonight") << may1 << false << QDateTime();
        QTest::newRow("empty time") << QByteArray("") << may1 << false << QDateTime();
    }
    void dateRule()
    {
        QFETCH(QByteArray, commence);
        QFETCH(QDate, date);
        QFETCH(bool, kept);
        QFETCH(QDateTime, commenceUtc);
        QString error;
        const QList<EventRef> events
            = EventList::keptEvents(eventsBody(eventJson("e1", commence.constData())), date, error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(events.size(), qsizetype(kept ? 1 : 0));
        if (kept) {
            QCOMPARE(events[0].id, QStringLiteral("e1"));
            QCOMPARE(events[0].commenceTime, commenceUtc);
            QCOMPARE(events[0].commenceTime.timeSpec(), Qt::UTC);
        }
    }

    // A day's list: the date's events in the list's order; the neighbours' and every entry that
    // is not an event with a string id and a string time are left out, silently.
    void keptInListOrder()
    {
        const QByteArray data = eventJson("late", "2024-05-02T02:10:00Z") + ','
            + eventJson("yesterday", "2024-05-01T02:00:00Z") + ',' + eventJson("early", "2024-05-01T16:35:00Z") + ','
            + eventJson("tomorrow", "2024-05-02T17:00:00Z") + ','
            + "{\"commence_time\":\"2024-05-01T18:00:00Z\"}," // no id
            + "{\"id\":42,\"commence_time\":\"2024-05-01T18:00:00Z\"}," // id not a string
            + "{\"id\":\"no-time\"}," // no time
            + "{\"id\":\"numeric-time\",\"commence_time\":1714586400}," // time not a string
            + "{\"id\":\"null-time\",\"commence_time\":null}," + "\"just a string\",7,null,[],"
            + eventJson("bad-time", "2024-05-01 18:00") + ',' + eventJson("mid", "2024-05-01T23:05:00Z");
        QString error;
        const QList<EventRef> events = EventList::keptEvents(eventsBody(data), QDate(2024, 5, 1), error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QStringList ids;
        for (const EventRef& e : events)
            ids.append(e.id);
        QCOMPARE(ids, QStringLiteral("late,early,mid").split(u','));
        QCOMPARE(events[0].commenceTime, utc(2024, 5, 2, 2, 10));
        QCOMPARE(events[1].commenceTime, utc(2024, 5, 1, 16, 35));
        QCOMPARE(events[2].commenceTime, utc(2024, 5, 1, 23, 5));
    }

    // Ids are kept exactly as the API wrote them (the store hashes unsafe ones, not this).
    void idsAsGiven()
    {
        const QByteArray data = eventJson("a/b..c", "2024-05-01T17:00:00Z") + ','
            + eventJson("Jos\\u00e9 \xC3\xA9", "2024-05-01T17:00:00Z");
        QString error;
        const QList<EventRef> events = EventList::keptEvents(eventsBody(data), QDate(2024, 5, 1), error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(events.size(), qsizetype(2));
        QCOMPARE(events[0].id, QStringLiteral("a/b..c"));
        QCOMPARE(events[1].id, QStringLiteral("Jos\u00e9 \u00e9"));
    }

    // A body of the endpoint's shape with no event for the date is not an error (the date is empty).
    void noEvents_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("empty list") << eventsBody("");
        QTest::newRow("only data") << QByteArray("{\"data\":[]}");
        QTest::newRow("other dates only") << eventsBody(eventJson("x", "2024-06-01T17:00:00Z"));
    }
    void noEvents()
    {
        QFETCH(QByteArray, body);
        QString error;
        QVERIFY(EventList::keptEvents(body, QDate(2024, 5, 1), error).isEmpty());
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(EventList::isValidEventsBody(body));
    }

    // Bodies: which shape each check accepts; an unusable events body is an error with nothing kept.
    void shapes_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("events");
        QTest::addColumn<bool>("odds");
        QTest::newRow("events list") << eventsBody(eventJson("e1", "2024-05-01T17:00:00Z")) << true << false;
        QTest::newRow("event odds") << QByteArray("{\"timestamp\":\"2024-05-01T15:00:00Z\",\"data\":{\"id\":\"e1\","
                                                  "\"bookmakers\":[]}}")
                                    << false << true;
        QTest::newRow("empty odds object") << QByteArray("{\"data\":{}}") << false << true;
        QTest::newRow("no data") << QByteArray("{\"timestamp\":\"2024-05-01T15:00:00Z\"}") << false << false;
        QTest::newRow("data is null") << QByteArray("{\"data\":null}") << false << false;
        QTest::newRow("data is a string") << QByteArray("{\"data\":\"[]\"}") << false << false;
        QTest::newRow("top level array") << QByteArray("[{\"data\":[]}]") << false << false;
        QTest::newRow("error body") << QByteArray("{\"message\":\"Invalid key\",\"error_code\":\"INVALID_KEY\"}")
                                    << false << false;
        QTest::newRow("empty body") << QByteArray() << false << false;
        QTest::newRow("truncated") << QByteArray("{\"data\":[{\"id\":\"e1\"") << false << false;
        QTest::newRow("trailing comma") << QByteArray("{\"data\":[],}") << false << false;
        QTest::newRow("garbage after the document") << QByteArray("{\"data\":[]} x") << false << false;
        QTest::newRow("html") << QByteArray("<html>502 Bad Gateway</html>") << false << false;
    }
    void shapes()
    {
        QFETCH(QByteArray, body);
        QFETCH(bool, events);
        QFETCH(bool, odds);
        QCOMPARE(EventList::isValidEventsBody(body), events);
        QCOMPARE(EventList::isValidOddsBody(body), odds);
        QString error;
        const QList<EventRef> kept = EventList::keptEvents(body, QDate(2024, 5, 1), error);
        if (events) {
            QVERIFY2(error.isEmpty(), qPrintable(error));
            QCOMPARE(kept.size(), qsizetype(1));
        } else {
            QCOMPARE(error, QStringLiteral("events list is not the API's JSON shape"));
            QVERIFY(kept.isEmpty());
        }
    }
};

QTEST_GUILESS_MAIN(TestEventList)
#include "tst_eventlist.moc"
