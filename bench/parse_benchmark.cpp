// Phase 2's parser alone: every raw event-odds file under a workspace's raw/ folder (not the
// dates' events.json lists), read into memory once, then parsed by OddsSnapshotParser `repeat`
// times on one thread. No SQLite and no file system in the timed part: the figure is the
// parser's own.
//
//     cmake --build build --target parse_benchmark
//     build/bench/parse_benchmark /tmp/bfs-load-bench [repeat]
#include "odds/load/OddsSnapshotParser.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>

#include <algorithm>
#include <cstdio>
#include <vector>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: parse_benchmark WORKSPACE [REPEAT]\n");
        return 2;
    }
    const int repeat = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
    std::vector<QByteArray> files;
    qint64 bytes = 0;
    QDirIterator it(QString::fromLocal8Bit(argv[1]) + QStringLiteral("/raw"), { QStringLiteral("*.json") }, QDir::Files,
        QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (it.fileName() == QLatin1String("events.json"))
            continue; // the date's events list, which phase 2 does not parse
        if (!file.open(QIODevice::ReadOnly))
            continue;
        files.push_back(file.readAll());
        bytes += files.back().size();
    }
    if (files.empty()) {
        std::fprintf(stderr, "no raw/*.json files under %s\n", argv[1]);
        return 1;
    }
    const bfs::OddsSnapshotParser parser(bfs::OddsFormat::Auto, "baseball_mlb");
    double best = 1e300;
    std::size_t lines = 0;
    for (int r = 0; r < repeat; ++r) {
        QElapsedTimer timer;
        timer.start();
        lines = 0;
        for (const QByteArray& text : files) {
            bfs::OddsSnapshot snapshot;
            QString error;
            if (!parser.parse(text, snapshot, error)) {
                std::fprintf(stderr, "parse failed: %s\n", qPrintable(error));
                return 1;
            }
            lines += snapshot.lines.size();
        }
        const double seconds = double(timer.nsecsElapsed()) / 1e9;
        best = std::min(best, seconds);
        std::printf("run %d: %zu files, %zu lines, %.1f MB in %.4f s = %.0f MB/s\n", r + 1, files.size(), lines,
            double(bytes) / 1e6, seconds, double(bytes) / 1e6 / seconds);
    }
    std::printf("best: %.4f s = %.0f MB/s, %.0f lines/s\n", best, double(bytes) / 1e6 / best, double(lines) / best);
    return 0;
}
