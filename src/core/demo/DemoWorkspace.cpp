#include "DemoWorkspace.h"

#include "evaluation/PredictionImporter.h"
#include "evaluation/SamplePredictions.h"
#include "features/SampleRaceDb.h"
#include "storage/Workspace.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

namespace bfs {

QString DemoWorkspace::defaultDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/demo-workspace");
}

DemoSetup DemoWorkspace::setupFor(const QString& dir)
{
    DemoSetup setup;
    setup.workspaceDir = dir;
    setup.raceDatabase = dir + QStringLiteral("/races.sqlite");
    setup.predictionsCsv = dir + QStringLiteral("/predictions.csv");
    setup.start = QDate(2024, 4, 1);
    setup.end = QDate(2024, 4, 21);
    setup.seed = Seed;
    setup.simulator.seed = Seed;
    setup.simulator.latencyMs = 40;
    setup.simulator.errorRate = 0.01;
    setup.simulator.rate429 = 0.01;
    setup.simulator.retryAfterSeconds = 1;
    setup.simulator.requiredKey = QStringLiteral("demo-key");
    setup.apiKey = setup.simulator.requiredKey;
    setup.rateLimit = 25;
    return setup;
}

std::optional<DemoSetup> DemoWorkspace::prepare(
    const QString& dir, QString& error, const std::function<void(const QString&)>& progress)
{
    auto say = [&progress](const QString& line) {
        if (progress)
            progress(line);
    };
    const DemoSetup setup = setupFor(dir);
    say(QStringLiteral("Opening the demo workspace…"));
    const auto workspace = Workspace::open(dir, error);
    if (!workspace)
        return std::nullopt;

    if (!QFileInfo::exists(setup.raceDatabase)) {
        say(QStringLiteral("Writing %L1 sample races…").arg(SampleRaces));
        if (!writeSampleRaceDb(setup.raceDatabase, { SampleRaces, Seed }, error))
            return std::nullopt;
    }

    // Predictions for the demo range: once the demo backfill has run, coverage is high
    // and the Evaluate screen shows a real hit rate.
    if (!QFileInfo::exists(setup.predictionsCsv)) {
        say(QStringLiteral("Writing sample predictions…"));
        const auto predictions = SamplePredictions::generate(Seed, setup.start, setup.end);
        QSaveFile file(setup.predictionsCsv);
        if (!file.open(QIODevice::WriteOnly) || file.write(SamplePredictions::toCsv(predictions)) < 0
            || !file.commit()) {
            error = QStringLiteral("cannot write %1").arg(setup.predictionsCsv);
            return std::nullopt;
        }
    }

    DbConnection connection = workspace->connect(error);
    if (!connection.isOpen())
        return std::nullopt;
    if (connection.scalar(QStringLiteral("SELECT count(*) FROM predictions")).toLongLong() == 0) {
        say(QStringLiteral("Importing sample predictions…"));
        if (PredictionImporter::importFile(setup.predictionsCsv, connection, error) < 0)
            return std::nullopt;
    }
    say(QStringLiteral("Demo workspace ready"));
    return setup;
}

} // namespace bfs
