// `report` on a real workspace: simulator → backfill → load → evaluate → features run,
// then every format. JSON parses and carries the summary keys, CSV the same numbers,
// HTML embeds the chart images, the PDF has the hit rate as text, and no report holds
// the API key.
#include "TestSupport.h"
#include "simulator/SimulatorServer.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

using namespace bfs;
using bfs::test::CliRun;
using bfs::test::runCli;

namespace {
const QString Key = QStringLiteral("sk-report-test-7f3a9c");
// The backfill's --api-base carries credentials: no run record, report or message may show them.
const QString UrlPassword = QStringLiteral("pw-in-url-51c2");

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}
} // namespace

class TestReport : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_workspace;
    std::unique_ptr<sim::SimulatorServer> m_server;
    double m_hitRate = -1;
    int m_featureRaces = -1;
    nlohmann::json m_evaluation; // evaluate --json at the default min edge

    QString path(const QString& name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_workspace = path(QStringLiteral("workspace"));
        sim::SimulatorOptions options;
        options.seed = 11;
        options.requiredKey = Key;
        m_server = std::make_unique<sim::SimulatorServer>(options);
        QString error;
        QVERIFY2(m_server->start(0, error), qPrintable(error));
        const QStringList env { QStringLiteral("ODDS_API_KEY=") + Key };

        CliRun run = runCli({ QStringLiteral("backfill"), QStringLiteral("--workspace"), m_workspace,
                                QStringLiteral("--start"), QStringLiteral("2024-05-01"), QStringLiteral("--end"),
                                QStringLiteral("2024-05-06"), QStringLiteral("--api-base"),
                                QString(m_server->baseUrl())
                                    .replace(QStringLiteral("://"), QStringLiteral("://alice:%1@").arg(UrlPassword)),
                                QStringLiteral("--rate"), QStringLiteral("500"), QStringLiteral("--workers"),
                                QStringLiteral("4"), QStringLiteral("--json") },
            120000, env);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(
            !run.err.contains(UrlPassword.toUtf8()) && !run.out.contains(UrlPassword.toUtf8()), run.err.constData());
        run = runCli({ QStringLiteral("load"), QStringLiteral("--workspace"), m_workspace, QStringLiteral("--json") });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QString predictions = path(QStringLiteral("predictions.csv"));
        run = runCli({ QStringLiteral("sample-predictions"), QStringLiteral("--out"), predictions,
            QStringLiteral("--start"), QStringLiteral("2024-05-01"), QStringLiteral("--end"),
            QStringLiteral("2024-05-06"), QStringLiteral("--seed"), QStringLiteral("11") });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        run = runCli({ QStringLiteral("evaluate"), QStringLiteral("--workspace"), m_workspace,
            QStringLiteral("--predictions"), predictions, QStringLiteral("--json") });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        m_hitRate = run.json()["hit_rate"].get<double>();
        m_evaluation = run.json();
        QVERIFY(m_hitRate > 0 && m_hitRate < 1);
        const QString races = path(QStringLiteral("races.sqlite"));
        QCOMPARE(runCli({ QStringLiteral("sample-races"), QStringLiteral("--out"), races, QStringLiteral("--races"),
                            QStringLiteral("300") })
                     .exitCode,
            0);
        run = runCli({ QStringLiteral("features"), QStringLiteral("--db"), races, QStringLiteral("--workspace"),
            m_workspace, QStringLiteral("--json") });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        m_featureRaces = run.json()["races"].get<int>();
        QVERIFY(m_featureRaces > 200 && m_featureRaces <= 300);
        run = runCli({ QStringLiteral("benchmark-features"), QStringLiteral("--db"), races, QStringLiteral("--workers"),
            QStringLiteral("1,2"), QStringLiteral("--workspace"), m_workspace });
        QVERIFY2(run.exitCode == 0, run.err.constData());
    }

    void jsonCarriesTheSummary()
    {
        const QString out = path(QStringLiteral("report.json"));
        const CliRun run = runCli({ QStringLiteral("report"), QStringLiteral("--workspace"), m_workspace,
            QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--out"), out });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const auto json = nlohmann::json::parse(readAll(out).toStdString());
        for (const char* key : { "phase1", "phase2", "phase3", "coverage", "readiness", "hit_rate", "wilson_low",
                 "wilson_high", "breakeven", "p_value", "roi_110", "roi_market", "decision", "status", "evaluation",
                 "feature_runs", "benchmark", "runs", "configuration", "progress_over_time" })
            QVERIFY2(json.contains(key), key);
        QCOMPARE(json["hit_rate"].get<double>(), m_hitRate);
        QCOMPARE(json["phase1"]["done"].get<int>(), 6);
        QCOMPARE(json["phase1"]["total"].get<int>(), 6);
        QCOMPARE(json["phase2"]["percent"].get<double>(), 100.0);
        QCOMPARE(int(json["progress_over_time"].size()), 6);
        QCOMPARE(json["feature_runs"][0]["races"].get<int>(), m_featureRaces);
        QVERIFY(json["feature_runs"][0]["runners"].get<int>() > 2000);
        QCOMPARE(int(json["benchmark"]["runs"].size()), 2);
    }

    // The configuration printed is what ran, from the run records — never the app's settings.
    void configurationIsWhatRan()
    {
        auto report = [this] {
            const QString out = path(QStringLiteral("configuration.json"));
            const CliRun run = runCli({ QStringLiteral("report"), QStringLiteral("--workspace"), m_workspace,
                QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--min-edge"),
                QStringLiteral("1.25"), QStringLiteral("--out"), out });
            return run.exitCode == 0 ? nlohmann::json::parse(readAll(out).toStdString()) : nlohmann::json();
        };
        nlohmann::json json = report();
        QVERIFY(json.is_object());
        const auto& backfill = json["configuration"]["backfill"];
        QCOMPARE(backfill["runs"].get<int>(), 1);
        QCOMPARE(backfill["status"].get<std::string>(), "completed");
        QCOMPARE(backfill["settings"]["workers"].get<int>(), 4);
        QCOMPARE(backfill["settings"]["rate"].get<double>(), 500.0);
        const QString base = QString::fromStdString(backfill["settings"]["api_base"].get<std::string>());
        QCOMPARE(base, QString(m_server->baseUrl()).replace(QStringLiteral("://"), QStringLiteral("://alice:***@")));
        QVERIFY(backfill["varied"].empty());
        QCOMPARE(json["configuration"]["load"]["runs"].get<int>(), 1);
        QCOMPARE(json["configuration"]["features"]["runs"].get<int>(), 1);
        QCOMPARE(json["configuration"]["evaluation"]["min_edge"].get<double>(), 1.25);
        QCOMPARE(json["configuration"]["evaluation"]["predictions"].get<std::string>(),
            QFileInfo(path(QStringLiteral("predictions.csv"))).absoluteFilePath().toStdString());
        QVERIFY2(json.dump().find("the-odds-api.com") == std::string::npos, "a URL the workspace never used");

        // A second backfill with other settings: the latest is shown, and what differed before.
        const CliRun again = runCli(
            { QStringLiteral("backfill"), QStringLiteral("--workspace"), m_workspace, QStringLiteral("--start"),
                QStringLiteral("2024-05-01"), QStringLiteral("--end"), QStringLiteral("2024-05-06"),
                QStringLiteral("--api-base"), m_server->baseUrl(), QStringLiteral("--rate"), QStringLiteral("500"),
                QStringLiteral("--workers"), QStringLiteral("2") },
            120000, { QStringLiteral("ODDS_API_KEY=") + Key });
        QVERIFY2(again.exitCode == 0, again.err.constData());
        json = report();
        const auto& latest = json["configuration"]["backfill"];
        QCOMPARE(latest["runs"].get<int>(), 2);
        QCOMPARE(latest["settings"]["workers"].get<int>(), 2);
        QVERIFY2(latest["varied"]["workers"] == nlohmann::json::array({ 2, 4 }), latest["varied"].dump().c_str());
        QVERIFY2(latest["varied"].contains("api_base") && !latest["varied"].contains("rate"),
            latest["varied"].dump().c_str());
    }

    void csvCarriesTheSameNumbers()
    {
        const QString out = path(QStringLiteral("report.csv"));
        QCOMPARE(runCli({ QStringLiteral("report"), QStringLiteral("--workspace"), m_workspace,
                            QStringLiteral("--format"), QStringLiteral("csv"), QStringLiteral("--out"), out })
                     .exitCode,
            0);
        const QList<QByteArray> lines = readAll(out).split('\n');
        QCOMPARE(lines.first().trimmed(), QByteArray("key,value"));
        QByteArray hitRate;
        for (const QByteArray& line : lines) {
            if (line.startsWith("hit_rate,"))
                hitRate = line.mid(9).trimmed();
        }
        QVERIFY(!hitRate.isEmpty());
        QCOMPARE(hitRate.toDouble(), m_hitRate);
        QVERIFY(readAll(out).contains("status.phase1.done,6"));
    }

    void htmlEmbedsTheCharts()
    {
        const QString out = path(QStringLiteral("report.html"));
        const CliRun run = runCli({ QStringLiteral("report"), QStringLiteral("--workspace"), m_workspace,
            QStringLiteral("--format"), QStringLiteral("html"), QStringLiteral("--out"), out });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QByteArray html = readAll(out);
        QCOMPARE(html.count("<img src=\"data:image/png;base64,"), 4);
        QVERIFY(html.contains("Hit rate"));
        QVERIFY(html.contains("Decision:"));
        QVERIFY(html.contains("Feature generation"));
        QVERIFY(html.contains("<h3>Phase 1 · backfill</h3>"));
        QVERIFY(html.contains("Settings of the latest run (#"));
        // Each embedded image is a PNG of the chart's size (width in the IHDR chunk).
        const qsizetype start = html.indexOf("base64,") + 7;
        const QByteArray png = QByteArray::fromBase64(html.mid(start, html.indexOf('"', start) - start));
        QVERIFY(png.startsWith("\x89PNG\r\n\x1a\n"));
        QCOMPARE(qFromBigEndian<quint32>(png.constData() + 16), quint32(900));
    }

    void pdfHasTheHitRateText()
    {
        const QString out = path(QStringLiteral("report.pdf"));
        const CliRun run = runCli({ QStringLiteral("report"), QStringLiteral("--workspace"), m_workspace,
            QStringLiteral("--format"), QStringLiteral("pdf"), QStringLiteral("--out"), out });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY(readAll(out).startsWith("%PDF"));
        const QString pdftotext = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
        QVERIFY2(!pdftotext.isEmpty(), "pdftotext (poppler-utils) is needed to read the PDF back");
        QProcess process;
        process.start(pdftotext, { out, QStringLiteral("-") });
        QVERIFY(process.waitForFinished(30000));
        const QString text = QString::fromUtf8(process.readAllStandardOutput());
        QVERIFY2(text.contains(QStringLiteral("Hit rate")), qPrintable(text.left(500)));
        QVERIFY2(text.contains(QString::number(m_hitRate * 100.0, 'f', 1) + u'%'), qPrintable(text.left(2000)));
        // The charts are vector drawings with their text, not embedded pictures.
        QVERIFY(!readAll(out).contains("/Subtype /Image"));
        for (const char* chartText : { "Cumulative hit rate", "Hit rate by edge bucket", "game date" })
            QVERIFY2(text.contains(QLatin1String(chartText)), chartText);
    }

    // A workspace with nothing to draw gets no chart sections, not empty axes.
    void noEmptyCharts()
    {
        const QString empty = path(QStringLiteral("empty-ws"));
        QVERIFY(QDir().mkpath(empty));
        const QString out = path(QStringLiteral("empty.html"));
        const CliRun run = runCli({ QStringLiteral("report"), QStringLiteral("--workspace"), empty,
            QStringLiteral("--format"), QStringLiteral("html"), QStringLiteral("--out"), out });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QByteArray html = readAll(out);
        QVERIFY(html.contains("No predictions imported yet."));
        QCOMPARE(html.count("<img"), 0);
    }

    // The Depth keys (evaluation.md) in all four formats, equal to what evaluate --json printed.
    void depthInEveryFormat()
    {
        auto report = [this](const char* format) {
            const QString out = path(QStringLiteral("depth.") + QLatin1String(format));
            const CliRun run = runCli({ QStringLiteral("report"), QStringLiteral("--workspace"), m_workspace,
                QStringLiteral("--format"), QLatin1String(format), QStringLiteral("--out"), out });
            return run.exitCode == 0 ? out : QString();
        };
        const auto& e = m_evaluation;
        QVERIFY(e["accuracy"]["n"].get<int>() > 0 && !e["by_pitcher"].empty());

        const auto json = nlohmann::json::parse(readAll(report("json")).toStdString())["evaluation"];
        for (const char* key :
            { "accuracy", "by_pitcher", "bankroll", "kelly_fraction", "recommended_min_edge", "market_comparison" })
            QVERIFY2(json[key] == e[key], key);

        const QByteArray csv = readAll(report("csv"));
        const auto csvRow = [](const std::string& key, const nlohmann::json& value) {
            return QByteArray::fromStdString(
                "\n" + key + ',' + (value.is_null() ? std::string() : value.dump()) + "\r");
        };
        QVERIFY(csv.contains(csvRow("evaluation.accuracy.mae", e["accuracy"]["mae"])));
        QVERIFY(csv.contains(csvRow("evaluation.kelly_fraction", e["kelly_fraction"])));
        QVERIFY(
            csv.contains(csvRow("evaluation.market_comparison.brier_model", e["market_comparison"]["brier_model"])));
        QVERIFY(csv.contains(QByteArray::fromStdString("\nevaluation.by_pitcher.0.player_lookup,"
            + e["by_pitcher"][0]["player_lookup"].get<std::string>() + "\r")));

        const QString html = QString::fromUtf8(readAll(report("html")));
        const QString mae = QString::number(e["accuracy"]["mae"].get<double>(), 'f', 2);
        QVERIFY2(
            html.contains(QStringLiteral("<td>Mean absolute error / RMSE</td><td>%1 / ").arg(mae)), qPrintable(mae));
        QVERIFY(html.contains(
            QString::fromStdString(e["by_pitcher"][0]["pitcher_name"].get<std::string>()).toHtmlEscaped()));
        QVERIFY(html.contains(
            QStringLiteral("<td>Bets compared</td><td>%1</td>").arg(e["market_comparison"]["n"].get<int>())));
        if (e["recommended_min_edge"].is_null())
            QVERIFY(html.contains(QStringLiteral("no threshold has 50 bets yet")));
        else
            QVERIFY(html.contains(QStringLiteral("Recommended minimum edge: <b>%1</b>")
                                      .arg(e["recommended_min_edge"].get<double>(), 0, 'f', 2)));

        const QString pdf = report("pdf");
        QProcess process;
        process.start(QStandardPaths::findExecutable(QStringLiteral("pdftotext")), { pdf, QStringLiteral("-") });
        QVERIFY(process.waitForFinished(30000));
        const QString text = QString::fromUtf8(process.readAllStandardOutput());
        QVERIFY2(text.contains(QStringLiteral("Prediction accuracy")), qPrintable(text.left(3000)));
        QVERIFY(text.contains(QStringLiteral("Kelly stake")));
        QVERIFY(text.contains(QStringLiteral("Model against the market")));
        QVERIFY(text.contains(QString::number(e["kelly_fraction"].get<double>() * 100.0, 'f', 1) + u'%'));
    }

    void noReportContainsTheKey()
    {
        for (const QString& name : QDir(m_dir.path()).entryList({ QStringLiteral("report.*") }, QDir::Files))
            QVERIFY2(!readAll(path(name)).contains(Key.toUtf8()) && !readAll(path(name)).contains(UrlPassword.toUtf8()),
                qPrintable(name));
        QDirIterator it(m_workspace, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString file = it.next();
            QVERIFY2(!readAll(file).contains(Key.toUtf8()) && !readAll(file).contains(UrlPassword.toUtf8()),
                qPrintable(file));
        }
    }

    void outputsNeverOverwriteTheWorkspace_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("messagePart");
        for (const QString& command : { QStringLiteral("report"), QStringLiteral("load") }) {
            const QByteArray name = command.toUtf8();
            QTest::newRow(name + " database")
                << command << QStringLiteral("workspace.sqlite") << QStringLiteral("is the workspace's database");
            QTest::newRow(name + " wal") << command << QStringLiteral("workspace.sqlite-wal")
                                         << QStringLiteral("(wal file)");
            QTest::newRow(name + " dotted path") << command << QStringLiteral("raw/../workspace.sqlite")
                                                 << QStringLiteral("is the workspace's database");
            QTest::newRow(name + " raw") << command << QStringLiteral("raw/lines.json")
                                         << QStringLiteral("raw/ folder");
        }
    }

    void outputsNeverOverwriteTheWorkspace()
    {
        QFETCH(QString, command);
        QFETCH(QString, target);
        QFETCH(QString, messagePart);
        const QString database = QDir(m_workspace).filePath(QStringLiteral("workspace.sqlite"));
        const QByteArray before = readAll(database);
        QVERIFY(!before.isEmpty());
        const QString out = QDir(m_workspace).filePath(target);
        const CliRun run = command == u"report"
            ? runCli({ QStringLiteral("report"), QStringLiteral("--workspace"), m_workspace, QStringLiteral("--format"),
                QStringLiteral("json"), QStringLiteral("--out"), out })
            : runCli({ QStringLiteral("load"), QStringLiteral("--workspace"), m_workspace, QStringLiteral("--ndjson"),
                out });
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(messagePart.toUtf8()), run.err.constData());
        QCOMPARE(readAll(database), before);
        if (target.startsWith(QStringLiteral("raw/lines")))
            QVERIFY(!QFile::exists(out));
    }

    void unsupportedFormatListsTheSupportedOnes()
    {
        const QString out = path(QStringLiteral("report.docx"));
        const CliRun run = runCli({ QStringLiteral("report"), QStringLiteral("--workspace"), m_workspace,
            QStringLiteral("--format"), QStringLiteral("docx"), QStringLiteral("--out"), out });
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("unsupported report format 'docx' (supported: html, pdf, csv, json)"),
            run.err.constData());
        QVERIFY(!QFile::exists(out));
    }
};

QTEST_GUILESS_MAIN(TestReport)
#include "tst_report.moc"
