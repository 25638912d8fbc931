#include "TeamLink.h"

#include "storage/PgConnection.h"

#include <chrono>

namespace bfs {

namespace {
constexpr const char* NowMs = "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)";
QByteArray sql(const char* text)
{
    return QByteArray(text).replace("NOW_MS", NowMs);
}
} // namespace

TeamLink::TeamLink(std::shared_ptr<PgPool> pool, QString owner, qint64 leaseMs)
    : m_pool(std::move(pool))
    , m_owner(std::move(owner))
    , m_leaseMs(leaseMs)
{
}

TeamLink::~TeamLink()
{
    stop();
}

bool TeamLink::start(Hooks hooks, QString& error)
{
    m_hooks = std::move(hooks);
    const PgPool::Handle db = m_pool->take(error);
    if (!db)
        return false;
    const auto now = db->exec(sql("SELECT NOW_MS"), {}, error);
    if (!now)
        return false;
    m_startedMs = now->number(0, 0);
    m_thread = std::thread([this] { loop(); });
    return true;
}

void TeamLink::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void TeamLink::loop()
{
    using namespace std::chrono;
    const auto renewEvery = milliseconds(std::max<qint64>(500, m_leaseMs / 3));
    auto nextRenewal = steady_clock::now() + renewEvery;
    std::unique_lock lock(m_mutex);
    while (!m_stopping) {
        // Twice a second: stops and the quota travel fast; leases every lease/3.
        m_wake.wait_for(lock, milliseconds(500), [this] { return m_stopping; });
        if (m_stopping)
            break;
        lock.unlock();
        if (steady_clock::now() >= nextRenewal) {
            QString error;
            if (!renewLeases(error) && m_hooks.log)
                m_hooks.log(QStringLiteral("cannot renew the leases in the team database: %1").arg(error));
            nextRenewal = steady_clock::now() + renewEvery;
        }
        shareRemaining();
        publishRequests();
        pollStop();
        lock.lock();
    }
}

bool TeamLink::renewLeases(QString& error)
{
    const PgPool::Handle db = m_pool->take(error);
    if (!db)
        return false;
    return db
        ->exec(sql("UPDATE partitions SET lease_until = NOW_MS + $2, renewed_at = NOW_MS "
                   "WHERE owner = $1 AND state = 'running'"),
            { m_owner.toUtf8(), QByteArray::number(m_leaseMs) }, error)
        .has_value();
}

std::optional<QList<double>> TeamLink::takeSlots(int count, double interval)
{
    QString error;
    const PgPool::Handle db = m_pool->take(error);
    if (!db)
        return std::nullopt;
    // The bucket's next free slot moves on by `count` intervals under the row's lock; the
    // slots [next − count·interval, next) are this instance's.
    const double span = count * interval * 1000;
    const auto row = db->exec(sql("INSERT INTO team_rate (name, next_slot_ms) VALUES ('odds-api', NOW_MS + $1::float8) "
                                  "ON CONFLICT (name) DO UPDATE SET next_slot_ms = "
                                  "GREATEST(team_rate.next_slot_ms, NOW_MS) + $1::float8 "
                                  "RETURNING next_slot_ms, NOW_MS"),
        { QByteArray::number(span, 'f', 3) }, error);
    if (!row)
        return std::nullopt;
    const double next = row->value(0, 0).toDouble(), now = row->value(0, 1).toDouble();
    QList<double> slots;
    for (int i = count; i >= 1; --i)
        slots.append((next - i * interval * 1000 - now) / 1000);
    return slots;
}

void TeamLink::announceStop(const QString& reason)
{
    QString error;
    if (const PgPool::Handle db = m_pool->take(error))
        db->exec(sql("INSERT INTO team_state (name, value, updated_ms) VALUES ('stop', $1, NOW_MS) "
                     "ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value, updated_ms = EXCLUDED.updated_ms"),
            { reason.toUtf8() }, error);
}

void TeamLink::shareRemaining()
{
    QString error;
    const PgPool::Handle db = m_pool->take(error);
    if (!db)
        return;
    const std::optional<qint64> local = m_hooks.localRemaining ? m_hooks.localRemaining() : std::nullopt;
    if (local && local != m_published) {
        if (db->exec(sql("INSERT INTO team_state (name, value, updated_ms) VALUES ('requests_remaining', $1, NOW_MS) "
                         "ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value, updated_ms = EXCLUDED.updated_ms"),
                { QByteArray::number(*local) }, error))
            m_published = local;
    }
    const auto row = db->exec("SELECT value FROM team_state WHERE name = 'requests_remaining'", {}, error);
    if (row && row->rows() == 1 && m_hooks.teamRemaining) {
        const qint64 team = row->number(0, 0);
        if (!local || team < *local)
            m_hooks.teamRemaining(team);
    }
}

void TeamLink::publishRequests()
{
    if (!m_hooks.requestsSent)
        return;
    QString error;
    if (const PgPool::Handle db = m_pool->take(error))
        db->exec(sql("INSERT INTO team_state (name, value, updated_ms) VALUES ($1, $2, NOW_MS) "
                     "ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value, updated_ms = EXCLUDED.updated_ms"),
            { requestsKey(m_owner), QByteArray::number(m_hooks.requestsSent()) }, error);
}

QByteArray TeamLink::requestsKey(const QString& owner)
{
    return "requests " + owner.toUtf8();
}

void TeamLink::pollStop()
{
    QString error;
    const PgPool::Handle db = m_pool->take(error);
    if (!db)
        return;
    const auto row = db->exec("SELECT value FROM team_state WHERE name = 'stop' AND updated_ms >= $1",
        { QByteArray::number(m_startedMs) }, error);
    if (row && row->rows() == 1 && m_hooks.stopped)
        m_hooks.stopped(row->text(0, 0));
}

} // namespace bfs
