// The HTTP client alone, as phase 1 uses it: WORKERS threads, each with its own OddsApiClient
// (one libcurl handle), sending REQUESTS events-list requests one after another. No
// claims, no stores, no database: what each request costs on top of the server's answer time
// is the HTTP client and this machine, the floor under the backfill's own turnaround.
//
//     cmake --build build --target client_floor
//     build/src/cli/backfill-studio-cli simulate-api --port 0 --latency-ms 100 --request-log log.tsv &
//     build/bench/client_floor http://127.0.0.1:PORT 32 11
// Compare "mean per request" with the simulator's mean answer time in log.tsv (answered − arrived).
#include "odds/api/OddsApiClient.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QThread>
#include <QTimeZone>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 4) {
        std::fprintf(stderr, "usage: client_floor API_BASE WORKERS REQUESTS\n");
        return 2;
    }
    const QString base = QString::fromLocal8Bit(argv[1]);
    const int workers = std::max(1, std::atoi(argv[2]));
    const int requests = std::max(1, std::atoi(argv[3]));
    std::atomic<qint64> totalNs = 0;
    std::atomic<int> failed = 0;
    std::vector<std::unique_ptr<QThread>> threads;
    QElapsedTimer wall;
    wall.start();
    for (int w = 0; w < workers; ++w) {
        threads.emplace_back(QThread::create([&, w] {
            bfs::OddsApiClient client(base, QStringLiteral("bench"), 30000);
            for (int i = 0; i < requests; ++i) {
                const QDateTime at(QDate(2024, 5, 1).addDays((w + i) % 24), QTime(15, 0), QTimeZone::utc());
                QElapsedTimer clock;
                clock.start();
                const bfs::ApiResponse response = client.get(client.eventsUrl(QStringLiteral("baseball_mlb"), at));
                totalNs += clock.nsecsElapsed();
                failed += response.status == 200 ? 0 : 1;
            }
        }));
        threads.back()->start();
    }
    for (auto& thread : threads)
        thread->wait();
    std::printf("%d workers x %d requests: %.3f s, mean per request %.3f ms, %d not 200\n", workers, requests,
        wall.nsecsElapsed() / 1e9, totalNs.load() / 1e6 / (workers * requests), failed.load());
    return failed.load() ? 1 : 0;
}
