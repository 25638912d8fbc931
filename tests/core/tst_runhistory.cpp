// Run history: recorded, listed newest first, filtered, never holding a key.
#include "storage/RunHistory.h"
#include "storage/Workspace.h"

#include <QTemporaryDir>
#include <QTest>

using namespace bfs;

class TestRunHistory : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void recordsListsAndRedacts()
    {
        QTemporaryDir dir;
        QString error;
        const auto workspace = Workspace::open(dir.path(), error);
        QVERIFY2(workspace, qPrintable(error));
        DbConnection connection = workspace->connect(error);
        RunHistory history(connection);

        const qint64 features
            = history.start(QStringLiteral("features"), { { "db", "races.sqlite" }, { "workers", 2 } }, error);
        QVERIFY2(features > 0, qPrintable(error));
        const qint64 backfill = history.start(QStringLiteral("backfill"),
            { { "start", "2024-04-01" }, { "api_key", "sk-live-123" }, { "sport_key", "baseball_mlb" },
                { "nested", { { "apiKey", "sk-live-123" } } },
                { "last_url",
                    "https://api.the-odds-api.com/v4/historical/sports/baseball_mlb/"
                    "events?apiKey=sk-live-123&date=2024-04-01T15:00:00Z" },
                { "errors", { "GET /v4/x?sport_key=mlb&APIKEY=sk-live-123 failed" } } },
            error);
        QVERIFY(backfill > features);
        QVERIFY(history.finish(
            features, QStringLiteral("completed"), { { "races", 45000 }, { "runners", 441789 } }, error));

        const auto all = history.list();
        QCOMPARE(all.size(), 2);
        QCOMPARE(all.at(0).id, backfill); // newest first
        QCOMPARE(all.at(0).status, QStringLiteral("running"));
        QVERIFY(!all.at(0).endedAt.isValid());
        QCOMPARE(all.at(0).config["api_key"].get<std::string>(), "***");
        QCOMPARE(all.at(0).config["nested"]["apiKey"].get<std::string>(), "***");
        QCOMPARE(all.at(0).config["start"].get<std::string>(), "2024-04-01");
        QCOMPARE(all.at(0).config["sport_key"].get<std::string>(), "baseball_mlb");
        // Keys inside URLs and messages are masked too; nothing else in them changes.
        QCOMPARE(all.at(0).config["last_url"].get<std::string>(),
            "https://api.the-odds-api.com/v4/historical/sports/baseball_mlb/"
            "events?apiKey=***&date=2024-04-01T15:00:00Z");
        QCOMPARE(all.at(0).config["errors"][0].get<std::string>(), "GET /v4/x?sport_key=mlb&APIKEY=*** failed");
        QVERIFY(!QString::fromStdString(all.at(0).config.dump()).contains(QStringLiteral("sk-live")));

        const auto done = history.get(features);
        QVERIFY(done);
        QCOMPARE(done->kind, QStringLiteral("features"));
        QCOMPARE(done->status, QStringLiteral("completed"));
        QCOMPARE(done->summary["runners"].get<int>(), 441789);
        QCOMPARE(done->config["workers"].get<int>(), 2);
        QVERIFY(done->endedAt.isValid());
        QVERIFY(done->seconds() >= 0);

        QCOMPARE(history.list(QStringLiteral("features")).size(), 1);
        QCOMPARE(history.latest(QStringLiteral("backfill"))->id, backfill);
        QVERIFY(!history.latest(QStringLiteral("evaluate")));
        QVERIFY(!history.get(9999));
    }

    void urlCredentialsAreRedacted_data()
    {
        QTest::addColumn<QString>("stored");
        QTest::addColumn<QString>("shown");
        QTest::newRow("user and password") << "http://alice:s3cret@127.0.0.1:8555/v4"
                                           << "http://alice:***@127.0.0.1:8555/v4";
        QTest::newRow("empty user") << "https://:s3cret@host/"
                                    << "https://:***@host/";
        QTest::newRow("inside a message") << "GET postgres://bob:pa%40ss@db:5432/x failed"
                                          << "GET postgres://bob:***@db:5432/x failed";
        QTest::newRow("user only stays") << "http://alice@host/v4"
                                         << "http://alice@host/v4";
        QTest::newRow("an e-mail is not a URL") << "mail a@b.c about it"
                                                << "mail a@b.c about it";
    }

    void urlCredentialsAreRedacted()
    {
        QFETCH(QString, stored);
        QFETCH(QString, shown);
        const nlohmann::json config = RunHistory::redacted({ { "api_base", stored.toStdString() } });
        QCOMPARE(QString::fromStdString(config["api_base"].get<std::string>()), shown);
        QVERIFY(!QString::fromStdString(config.dump()).contains(QStringLiteral("s3cret")));
    }
};

QTEST_GUILESS_MAIN(TestRunHistory)
#include "tst_runhistory.moc"
