#include "RunHistory.h"

#include "storage/DbConnection.h"

#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

namespace bfs {

namespace {

QString now()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

nlohmann::json parseJson(const QString& text)
{
    if (text.isEmpty())
        return nlohmann::json::object();
    try {
        return nlohmann::json::parse(text.toStdString());
    } catch (const std::exception&) {
        return nlohmann::json::object();
    }
}

RunRecord fromQuery(const QSqlQuery& q)
{
    RunRecord run;
    run.id = q.value(0).toLongLong();
    run.kind = q.value(1).toString();
    run.config = parseJson(q.value(2).toString());
    run.startedAt = QDateTime::fromString(q.value(3).toString(), Qt::ISODateWithMs);
    run.endedAt = q.value(4).isNull() ? QDateTime() : QDateTime::fromString(q.value(4).toString(), Qt::ISODateWithMs);
    run.status = q.value(5).toString();
    run.summary = parseJson(q.value(6).toString());
    return run;
}

const QString SelectRuns
    = QStringLiteral("SELECT id, kind, config_json, started_at, ended_at, status, summary_json FROM runs");

} // namespace

RunHistory::RunHistory(const DbConnection& connection)
    : m_connection(connection)
{
}

nlohmann::json RunHistory::redacted(nlohmann::json config)
{
    if (config.is_object()) {
        for (auto& [key, value] : config.items()) {
            QString name = QString::fromStdString(key).toLower();
            name.remove(u'_').remove(u'-');
            if (name == u"key" || name.contains(QStringLiteral("apikey")) || name.contains(QStringLiteral("secret"))
                || name.contains(QStringLiteral("token")) || name.contains(QStringLiteral("password")))
                value = "***";
            else
                value = redacted(value);
        }
    } else if (config.is_array()) {
        for (auto& value : config)
            value = redacted(value);
    } else if (config.is_string()) {
        // A URL or a message may carry the key as a query parameter: apiKey=… → apiKey=***.
        static const QRegularExpression inUrl(QStringLiteral("(?<!\\w)((?:api[_-]?key|key|token)=)[^&#\\s\"']+"),
            QRegularExpression::CaseInsensitiveOption);
        // …and credentials in a URL's userinfo: scheme://user:password@host → scheme://user:***@host.
        static const QRegularExpression userinfo(
            QStringLiteral("([a-z][a-z0-9+.-]*://[^/@\\s:]*):[^/@\\s]*@"), QRegularExpression::CaseInsensitiveOption);
        QString text = QString::fromStdString(config.get<std::string>());
        const bool query = text.contains(u'='), credentials = text.contains(u'@');
        if (query)
            text.replace(inUrl, QStringLiteral("\\1***"));
        if (credentials)
            text.replace(userinfo, QStringLiteral("\\1:***@"));
        if (query || credentials)
            config = text.toStdString();
    }
    return config;
}

qint64 RunHistory::start(const QString& kind, nlohmann::json config, QString& error)
{
    QSqlQuery q(m_connection.db());
    q.prepare(QStringLiteral(
        "INSERT INTO runs (kind, config_json, started_at, status) VALUES (?, ?, ?, 'running') RETURNING id"));
    q.addBindValue(kind);
    q.addBindValue(QString::fromStdString(redacted(std::move(config)).dump()));
    q.addBindValue(now());
    if (!q.exec() || !q.next()) {
        error = QStringLiteral("cannot record the run: %1").arg(q.lastError().text());
        return 0;
    }
    return q.value(0).toLongLong();
}

bool RunHistory::finish(qint64 id, const QString& status, const nlohmann::json& summary, QString& error)
{
    QSqlQuery q(m_connection.db());
    q.prepare(QStringLiteral("UPDATE runs SET ended_at = ?, status = ?, summary_json = ? WHERE id = ?"));
    q.addBindValue(now());
    q.addBindValue(status);
    q.addBindValue(QString::fromStdString(redacted(summary).dump()));
    q.addBindValue(id);
    if (!q.exec()) {
        error = QStringLiteral("cannot record the end of run %1: %2").arg(id).arg(q.lastError().text());
        return false;
    }
    return true;
}

QList<RunRecord> RunHistory::list(const QString& kind, int limit) const
{
    QSqlQuery q(m_connection.db());
    q.prepare(SelectRuns + (kind.isEmpty() ? QString() : QStringLiteral(" WHERE kind = ?"))
        + QStringLiteral(" ORDER BY id DESC LIMIT ?"));
    if (!kind.isEmpty())
        q.addBindValue(kind);
    q.addBindValue(limit);
    QList<RunRecord> runs;
    if (q.exec()) {
        while (q.next())
            runs << fromQuery(q);
    }
    return runs;
}

std::optional<RunRecord> RunHistory::get(qint64 id) const
{
    QSqlQuery q(m_connection.db());
    q.prepare(SelectRuns + QStringLiteral(" WHERE id = ?"));
    q.addBindValue(id);
    if (q.exec() && q.next())
        return fromQuery(q);
    return std::nullopt;
}

std::optional<RunRecord> RunHistory::latest(const QString& kind) const
{
    const auto runs = list(kind, 1);
    return runs.isEmpty() ? std::nullopt : std::optional<RunRecord>(runs.first());
}

} // namespace bfs
