// The odds client's rules: the date and snapshot rules, URL building with the key
// masked, the retry policy, settings validation and the quota headers over real HTTP.
#include "odds/api/OddsApiClient.h"
#include "odds/api/QuotaGuard.h"
#include "odds/api/RetryPolicy.h"
#include "odds/scrape/BackfillSettings.h"
#include "odds/scrape/SnapshotRule.h"
#include "odds/scrape/SnapshotStore.h"
#include "simulator/SimulatorServer.h"

#include <QDir>
#include <QHostAddress>
#include <QHttpServer>
#include <QHttpServerResponse>
#include <QRegularExpression>
#include <QSaveFile>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QtConcurrent>

using namespace bfs;

class TestOddsClient : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void gameDateIsNewYorkDate_data()
    {
        QTest::addColumn<QString>("commence");
        QTest::addColumn<QDate>("gameDate");
        QTest::newRow("afternoon") << QStringLiteral("2024-05-03T17:05:00Z") << QDate(2024, 5, 3);
        QTest::newRow("late game after midnight UTC") << QStringLiteral("2024-05-04T02:10:00Z") << QDate(2024, 5, 3);
        QTest::newRow("just before NY midnight (EDT)") << QStringLiteral("2024-05-04T03:59:00Z") << QDate(2024, 5, 3);
        QTest::newRow("NY midnight (EDT)") << QStringLiteral("2024-05-04T04:00:00Z") << QDate(2024, 5, 4);
        QTest::newRow("winter offset (EST)") << QStringLiteral("2024-11-05T04:30:00Z") << QDate(2024, 11, 4);
    }
    void gameDateIsNewYorkDate()
    {
        QFETCH(QString, commence);
        QFETCH(QDate, gameDate);
        const QDateTime t = odds::parseApiTime(commence);
        QVERIFY(t.isValid());
        QCOMPARE(odds::gameDateOf(t), gameDate);
    }

    void snapshotRules()
    {
        BackfillSettings s;
        const QDate d(2024, 5, 3);
        QCOMPARE(odds::isoZ(odds::eventsSnapshot(d, s)), QStringLiteral("2024-05-03T15:00:00Z"));
        const QDateTime late = odds::parseApiTime(QStringLiteral("2024-05-04T00:30:00Z"));
        QCOMPARE(odds::isoZ(odds::oddsSnapshot(d, late, s)), QStringLiteral("2024-05-03T23:30:00Z"));
        s.leadMinutes = 90;
        QCOMPARE(odds::isoZ(odds::oddsSnapshot(d, late, s)), QStringLiteral("2024-05-03T23:00:00Z"));
        s.oddsTime = QTime(18, 0);
        QCOMPARE(odds::isoZ(odds::oddsSnapshot(d, late, s)), QStringLiteral("2024-05-03T18:00:00Z"));
        QVERIFY(!odds::parseApiTime(QStringLiteral("2024-05-03 17:05")).isValid());
    }

    void urlsCarryTheKeyOnlyInTheQuery()
    {
        OddsApiClient client(QStringLiteral("http://127.0.0.1:1/"), QStringLiteral("k3y+/&x"), 1000);
        const QUrl url = client.oddsUrl(QStringLiteral("baseball_mlb"), QStringLiteral("../x"),
            QDateTime(QDate(2024, 5, 3), QTime(22, 0), QTimeZone::utc()), { QStringLiteral("pitcher_strikeouts") },
            { QStringLiteral("us") }, {}, QStringLiteral("american"));
        QVERIFY(url.toString(QUrl::FullyEncoded).contains(QStringLiteral("/events/..%2Fx/odds")));
        QCOMPARE(
            QUrlQuery(url).queryItemValue(QStringLiteral("apiKey"), QUrl::FullyDecoded), QStringLiteral("k3y+/&x"));
        const QString shown = OddsApiClient::redactUrl(url);
        QVERIFY(shown.contains(QStringLiteral("apiKey=***")));
        const QString withCredentials
            = OddsApiClient::redactUrl(QUrl(QStringLiteral("http://alice:s3cret@127.0.0.1:1/v4")));
        QCOMPARE(withCredentials, QStringLiteral("http://alice:***@127.0.0.1:1/v4"));
        QVERIFY(!shown.contains(QStringLiteral("k3y")));
        QCOMPARE(client.redact(url.toString(QUrl::FullyEncoded)).contains(QStringLiteral("k3y")), false);
        const QUrl bookmakers = client.oddsUrl(QStringLiteral("baseball_mlb"), QStringLiteral("abc"),
            QDateTime::currentDateTimeUtc(), { QStringLiteral("pitcher_strikeouts") }, { QStringLiteral("us") },
            { QStringLiteral("fanduel"), QStringLiteral("draftkings") }, QStringLiteral("decimal"));
        QCOMPARE(
            QUrlQuery(bookmakers).queryItemValue(QStringLiteral("bookmakers")), QStringLiteral("fanduel,draftkings"));
        QVERIFY(!QUrlQuery(bookmakers).hasQueryItem(QStringLiteral("regions")));
    }

    void eventFileNames_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<bool>("asIs");
        QTest::newRow("api id") << QStringLiteral("a3c812f9d240e35218f1792024050304") << true;
        QTest::newRow("dashes and underscores") << QStringLiteral("A_b-9") << true;
        QTest::newRow("parent path") << QStringLiteral("../x") << false;
        QTest::newRow("slash") << QStringLiteral("a/b") << false;
        QTest::newRow("dot") << QStringLiteral("a.json") << false;
        QTest::newRow("clash with the list") << QStringLiteral("events") << false;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("unicode") << QStringLiteral("é") << false;
    }
    void eventFileNames()
    {
        QFETCH(QString, id);
        QFETCH(bool, asIs);
        const QString name = SnapshotStore::eventFileName(id);
        QCOMPARE(name == id + QStringLiteral(".json"), asIs);
        QVERIFY(!name.contains(u'/') && !name.startsWith(u'.') && name.endsWith(QStringLiteral(".json")));
        QCOMPARE(SnapshotStore::eventFileName(id), name); // stable: resume finds it again
    }

    void scanForgetsTemporaryFilesOfAKilledWrite()
    {
        QTemporaryDir dir;
        SnapshotStore store(dir.path(), QStringLiteral("baseball_mlb"));
        const QDate d(2024, 5, 3);
        const QString dateDir = dir.path() + QStringLiteral("/baseball_mlb/2024-05-03");
        QString error;
        QVERIFY2(store.write(d, QStringLiteral("abc"), QByteArrayLiteral("{}"), error), qPrintable(error));
        // While writing, QSaveFile's data is either unnamed (Linux O_TMPFILE: a kill leaves
        // nothing) or in "<name>.XXXXXX" next to the target (elsewhere): scan() drops those.
        QSaveFile pending(dateDir + QStringLiteral("/def.json"));
        QVERIFY(pending.open(QIODevice::WriteOnly));
        pending.write("{\"partial\":");
        QStringList names = QDir(dateDir).entryList(QDir::Files);
        names.removeAll(QStringLiteral("abc.json"));
        QVERIFY(names.size() <= 1);
        if (!names.isEmpty())
            QVERIFY2(
                QRegularExpression(QStringLiteral("^def\\.json\\.[A-Za-z0-9]{6}$")).match(names.first()).hasMatch(),
                qPrintable(names.first()));
        pending.cancelWriting();
        QFile stale(dateDir + QStringLiteral("/ghi.json.AbC123"));
        QVERIFY(stale.open(QIODevice::WriteOnly));
        stale.write("{\"partial\":");
        stale.close();

        SnapshotStore rescanned(dir.path(), QStringLiteral("baseball_mlb"));
        rescanned.scan({ d }); // a planner's scan: looks, removes nothing
        QVERIFY(QFile::exists(dateDir + QStringLiteral("/ghi.json.AbC123")));
        rescanned.scan({ d }, true); // the run's scan cleans up
        QVERIFY(rescanned.has(d, QStringLiteral("abc")));
        QVERIFY(!rescanned.has(d, QStringLiteral("ghi")));
        QCOMPARE(rescanned.eventFileCount(d), 1);
        QCOMPARE(QDir(dateDir).entryList(QDir::Files), QStringList { QStringLiteral("abc.json") });
    }

    void retryPolicy()
    {
        RetryPolicy policy(5, 1000, 60000);
        QCOMPARE(policy.ceilingMs(0), 1000);
        QCOMPARE(policy.ceilingMs(3), 8000);
        QCOMPARE(policy.ceilingMs(10), 60000);
        QCOMPARE(policy.delayMs(4, 7), 7000); // Retry-After wins
        for (int i = 0; i < 200; ++i) {
            const int d = policy.delayMs(2);
            QVERIFY(d >= 0 && d <= 4000);
        }
    }

    void quotaGuard()
    {
        QuotaGuard budget(25, std::nullopt);
        QString reason;
        QVERIFY(budget.reserve(10, reason));
        QVERIFY(budget.reserve(10, reason));
        QVERIFY(!budget.reserve(10, reason)); // 20 in flight + 10 > 25
        QVERIFY(reason.contains(QStringLiteral("budget")));
        budget.settle(10, 0, 500, 3);
        QVERIFY(budget.reserve(10, reason)); // the empty answer cost nothing
        QuotaGuard reserve(std::nullopt, 100);
        QVERIFY(reserve.reserve(10, reason)); // remaining unknown yet
        reserve.settle(10, 10, 105, 50);
        QVERIFY(!reserve.reserve(10, reason));
        QCOMPARE(reserve.remaining(), std::optional<qint64>(105));
    }

    void settingsValidation_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("message");
        QTest::newRow("end before start") << QStringLiteral("end") << QStringLiteral("before");
        QTest::newRow("workers") << QStringLiteral("workers") << QStringLiteral("--workers");
        QTest::newRow("rate") << QStringLiteral("rate") << QStringLiteral("--rate");
        QTest::newRow("format") << QStringLiteral("format") << QStringLiteral("--odds-format");
        QTest::newRow("sport") << QStringLiteral("sport") << QStringLiteral("--sport");
        QTest::newRow("base") << QStringLiteral("base") << QStringLiteral("--api-base");
        QTest::newRow("date outside range") << QStringLiteral("dates") << QStringLiteral("outside");
    }
    void settingsValidation()
    {
        QFETCH(QString, field);
        QFETCH(QString, message);
        BackfillSettings s;
        s.start = QDate(2024, 5, 1);
        s.end = QDate(2024, 5, 31);
        QVERIFY(s.validate().isEmpty());
        if (field == QStringLiteral("end"))
            s.end = QDate(2024, 4, 1);
        else if (field == QStringLiteral("workers"))
            s.workers = 0;
        else if (field == QStringLiteral("rate"))
            s.rate = 0;
        else if (field == QStringLiteral("format"))
            s.oddsFormat = QStringLiteral("hongkong");
        else if (field == QStringLiteral("sport"))
            s.sport = QStringLiteral("../mlb");
        else if (field == QStringLiteral("base"))
            s.apiBase = QStringLiteral("ftp://x");
        else if (field == QStringLiteral("dates"))
            s.dates = { QDate(2024, 6, 1) };
        QVERIFY2(s.validate().contains(message), qPrintable(s.validate()));
    }

    void quotaHeadersAndErrorBodiesOverHttp()
    {
        sim::SimulatorOptions options;
        options.requiredKey = QStringLiteral("good");
        options.quota = 12;
        sim::SimulatorServer server(options);
        QString error;
        QVERIFY2(server.start(0, error), qPrintable(error));
        // The client blocks its thread; the simulator answers from its own.
        OddsApiClient client(server.baseUrl(), QStringLiteral("good"), 5000);
        const auto events = client.get(client.eventsUrl(
            QStringLiteral("baseball_mlb"), QDateTime(QDate(2024, 5, 3), QTime(15, 0), QTimeZone::utc())));
        QCOMPARE(events.status, 200);
        QCOMPARE(events.last, std::optional<qint64>(1));
        QCOMPARE(events.used, std::optional<qint64>(1));
        QCOMPARE(events.remaining, std::optional<qint64>(11));
        const auto empty = client.get(client.eventsUrl(
            QStringLiteral("baseball_mlb"), QDateTime(QDate(2024, 1, 3), QTime(15, 0), QTimeZone::utc())));
        QCOMPARE(empty.last, std::optional<qint64>(0)); // no events, no charge

        OddsApiClient wrong(server.baseUrl(), QStringLiteral("bad"), 5000);
        const auto rejected
            = wrong.get(wrong.eventsUrl(QStringLiteral("baseball_mlb"), QDateTime::currentDateTimeUtc()));
        QCOMPARE(rejected.status, 401);
        QCOMPARE(rejected.errorCode, QStringLiteral("INVALID_KEY"));
        QVERIFY(rejected.describe().startsWith(QStringLiteral("401 INVALID_KEY: ")));

        const auto odds = client.get(
            client.oddsUrl(QStringLiteral("baseball_mlb"), QStringLiteral("nope"), QDateTime::currentDateTimeUtc(),
                { QStringLiteral("pitcher_strikeouts") }, { QStringLiteral("us") }, {}, QStringLiteral("american")));
        QCOMPARE(odds.status, 404);

        // 11 credits left: the next odds answer (10) fits, the one after does not.
        const QString eventsBody = QString::fromUtf8(events.body);
        const QString id = eventsBody.section(QStringLiteral("\"id\":\""), 1, 1).section(u'"', 0, 0);
        const auto first = client.get(client.oddsUrl(QStringLiteral("baseball_mlb"), id,
            QDateTime(QDate(2024, 5, 3), QTime(15, 0), QTimeZone::utc()), { QStringLiteral("pitcher_strikeouts") },
            { QStringLiteral("us") }, {}, QStringLiteral("american")));
        QCOMPARE(first.status, 200);
        QCOMPARE(first.remaining, std::optional<qint64>(1));
        const auto over = client.get(client.eventsUrl(
            QStringLiteral("baseball_mlb"), QDateTime(QDate(2024, 5, 4), QTime(15, 0), QTimeZone::utc())));
        QCOMPARE(over.status, 200); // one credit left for a list
        const auto out = client.get(client.eventsUrl(
            QStringLiteral("baseball_mlb"), QDateTime(QDate(2024, 5, 5), QTime(15, 0), QTimeZone::utc())));
        QCOMPARE(out.status, 401);
        QCOMPARE(out.errorCode, QStringLiteral("OUT_OF_USAGE_CREDITS"));
    }

    void timeoutIsReported()
    {
        sim::SimulatorOptions options;
        options.latencyMs = 2000;
        sim::SimulatorServer server(options);
        QString error;
        QVERIFY2(server.start(0, error), qPrintable(error));
        OddsApiClient client(server.baseUrl(), QStringLiteral("k"), 100);
        const auto r = client.get(client.eventsUrl(QStringLiteral("baseball_mlb"), QDateTime::currentDateTimeUtc()));
        QVERIFY(r.timedOut);
        QCOMPARE(r.status, 0);
        QVERIFY(r.describe().startsWith(QStringLiteral("timeout")));
    }

    void oversizedAnswerIsRefused()
    {
        QHttpServer server;
        server.route(QStringLiteral("/v4/historical/sports/<arg>/events"), [](const QString&) {
            return QHttpServerResponse(
                QByteArrayLiteral("application/json"), QByteArray(OddsApiClient::MaxBodyBytes + 1, ' '));
        });
        const quint16 port = server.listen(QHostAddress::LocalHost, 0);
        QVERIFY(port);
        // The client blocks its thread: it asks from another one while this one serves.
        QFuture<ApiResponse> asked = QtConcurrent::run([port] {
            OddsApiClient client(QStringLiteral("http://127.0.0.1:%1").arg(port), QStringLiteral("k"), 60000);
            return client.get(client.eventsUrl(QStringLiteral("baseball_mlb"), QDateTime::currentDateTimeUtc()));
        });
        QTRY_VERIFY_WITH_TIMEOUT(asked.isFinished(), 60000);
        const ApiResponse r = asked.result();
        QVERIFY(!r.timedOut);
        QVERIFY(r.body.isEmpty());
        QCOMPARE(r.transportError, QStringLiteral("the answer is larger than 64 MB: refused"));
    }

    void redirectsAreFollowedAndTheQuotaIsTheFinalAnswers()
    {
        QHttpServer server;
        server.route(QStringLiteral("/v4/historical/sports/<arg>/events"), [](const QString&) {
            QHttpServerResponse moved(QHttpServerResponse::StatusCode::Found);
            moved.addHeader(QByteArrayLiteral("Location"), QByteArrayLiteral("/moved/events"));
            moved.addHeader(QByteArrayLiteral("x-requests-remaining"), QByteArrayLiteral("999"));
            return moved;
        });
        server.route(QStringLiteral("/moved/events"), [] {
            QHttpServerResponse r(QByteArrayLiteral("application/json"), QByteArrayLiteral("{\"data\":[]}"));
            r.addHeader(QByteArrayLiteral("x-requests-remaining"), QByteArrayLiteral("11"));
            return r;
        });
        server.route(
            QStringLiteral("/v4/historical/sports/<arg>/events/<arg>/odds"), [](const QString&, const QString&) {
                QHttpServerResponse moved(QHttpServerResponse::StatusCode::Found);
                moved.addHeader(QByteArrayLiteral("Location"), QByteArrayLiteral("ftp://127.0.0.1/odds"));
                return moved;
            });
        const quint16 port = server.listen(QHostAddress::LocalHost, 0);
        QVERIFY(port);
        // The client blocks its thread: it asks from another one while this one serves.
        QFuture<std::pair<ApiResponse, ApiResponse>> asked = QtConcurrent::run([port] {
            OddsApiClient client(QStringLiteral("http://127.0.0.1:%1").arg(port), QStringLiteral("k"), 10000);
            const QDateTime at(QDate(2024, 5, 3), QTime(15, 0), QTimeZone::utc());
            return std::pair { client.get(client.eventsUrl(QStringLiteral("baseball_mlb"), at)),
                client.get(client.oddsUrl(QStringLiteral("baseball_mlb"), QStringLiteral("e1"), at,
                    { QStringLiteral("pitcher_strikeouts") }, { QStringLiteral("us") }, {},
                    QStringLiteral("american"))) };
        });
        QTRY_VERIFY_WITH_TIMEOUT(asked.isFinished(), 20000);
        const auto [followed, refused] = asked.result();
        QCOMPARE(followed.status, 200);
        QCOMPARE(followed.body, QByteArrayLiteral("{\"data\":[]}"));
        QCOMPARE(followed.remaining, std::optional<qint64>(11)); // not the redirect's 999
        // A redirect away from HTTP(S) is not followed: no answer, and the reason says where it pointed.
        QCOMPARE(refused.status, 0);
        QVERIFY(!refused.unreachable);
        QCOMPARE(refused.transportError,
            QStringLiteral("the API redirected to ftp://127.0.0.1/odds, which is not followed (http and https only, "
                           "never from https to http)"));
    }

    void slowResponsesOverlap()
    {
        // Eight clients on eight threads against 1.5 s of latency: the simulator's
        // counter shows all eight requests in flight at once before any answer is sent.
        sim::SimulatorOptions options;
        options.latencyMs = 1500;
        sim::SimulatorServer server(options);
        QString error;
        QVERIFY2(server.start(0, error), qPrintable(error));
        QThreadPool pool;
        pool.setMaxThreadCount(8);
        QList<QFuture<int>> futures;
        for (int i = 0; i < 8; ++i) {
            futures << QtConcurrent::run(&pool, [&server, i] {
                OddsApiClient client(server.baseUrl(), QStringLiteral("k"), 10000);
                return client
                    .get(client.eventsUrl(QStringLiteral("baseball_mlb"),
                        QDateTime(QDate(2024, 5, 1 + i), QTime(15, 0), QTimeZone::utc())))
                    .status;
            });
        }
        QTRY_COMPARE_WITH_TIMEOUT(server.requestCount(), qint64(8), 5000);
        QVERIFY(!futures.first().isFinished() || !futures.last().isFinished());
        for (auto& f : futures)
            QCOMPARE(f.result(), 200);
    }
};

QTEST_GUILESS_MAIN(TestOddsClient)
#include "tst_oddsclient.moc"
