#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

#include <nlohmann/json.hpp>

#include <optional>

namespace bfs {

class DbConnection;

// One recorded run: what ran, with which configuration (never the API key), when, how
// it ended and its summary numbers (the same JSON the CLI prints).
struct RunRecord {
    qint64 id = 0;
    QString kind; // "features", "benchmark-features", "backfill", "load", "evaluate"
    nlohmann::json config;
    QDateTime startedAt;
    QDateTime endedAt; // invalid while running (or when the process was killed)
    QString status; // "running", "completed", "cancelled", "aborted", "failed"
    nlohmann::json summary;

    double seconds() const { return endedAt.isValid() ? startedAt.msecsTo(endedAt) / 1000.0 : 0.0; }
};

// The workspace's run history (table `runs`). Every job records itself at start and
// end, so the Runs screen can list, compare and report on them.
class RunHistory {
public:
    explicit RunHistory(const DbConnection& connection);

    // Records a start; returns the run id (0 with `error` set on failure). Any key
    // named like an API key is redacted from `config` before it is stored.
    qint64 start(const QString& kind, nlohmann::json config, QString& error);
    bool finish(qint64 id, const QString& status, const nlohmann::json& summary, QString& error);

    QList<RunRecord> list(const QString& kind = {}, int limit = 200) const; // newest first
    std::optional<RunRecord> get(qint64 id) const;
    std::optional<RunRecord> latest(const QString& kind) const;

    // Replaces, recursively, the value of every entry named like a credential ("key",
    // "api_key", "apiKey", "…secret…", "…token…", "…password…") by "***".
    static nlohmann::json redacted(nlohmann::json config);

private:
    const DbConnection& m_connection;
};

} // namespace bfs
