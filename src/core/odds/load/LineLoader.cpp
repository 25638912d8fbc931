#include "LineLoader.h"

#include "util/FaultPoint.h"

#include "odds/load/LineWriter.h"
#include "odds/load/NdjsonExport.h"
#include "odds/load/OddsSnapshotParser.h"
#include "odds/load/StagedBatchQueue.h"
#include "storage/SqliteHandle.h"
#include "storage/Workspace.h"
#include "storage/WorkspaceLock.h"
#include "util/FaultPoint.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QScopeGuard>

#include <algorithm>
#include <tuple>

#include <cerrno>
#include <cstring>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace bfs {

namespace {

constexpr std::size_t QueueCapacity = 4; // stages waiting for the writer (~5 MB each)
constexpr qint64 StageRows = 16384; // rows per stage handed to the writer
constexpr qint64 CommitIntervalMs = 2000;
constexpr std::size_t BulkMinFiles = 50;

struct Fingerprint {
    qint64 size = -1;
    qint64 mtimeMs = -1;
};

// loaded_files as path → (size, mtime), and betting_lines' CREATE statement.
std::optional<QHash<QString, Fingerprint>> readLoadedFiles(
    const QString& databasePath, std::string& tableSql, QString& error)
{
    auto db = SqliteHandle::open(databasePath, SqliteHandle::Mode::ReadWriteCreate, error);
    if (!db)
        return std::nullopt;
    const auto sql = LineWriter::tableSql(db.get(), error);
    if (!sql)
        return std::nullopt;
    tableSql = *sql;
    SqliteStatement select(db.get(), "SELECT path, size, mtime_ms FROM loaded_files");
    if (!select) {
        error = QStringLiteral("cannot read loaded_files: %1").arg(db.lastError());
        return std::nullopt;
    }
    QHash<QString, Fingerprint> loaded;
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(select.get())) == SQLITE_ROW) {
        const auto* path = reinterpret_cast<const char*>(sqlite3_column_text(select.get(), 0));
        Fingerprint print;
        print.size = sqlite3_column_int64(select.get(), 1);
        print.mtimeMs
            = sqlite3_column_type(select.get(), 2) == SQLITE_NULL ? -1 : sqlite3_column_int64(select.get(), 2);
        loaded.insert(QString::fromUtf8(path), print);
    }
    if (rc != SQLITE_DONE) {
        error = QStringLiteral("cannot read loaded_files: %1").arg(db.lastError());
        return std::nullopt;
    }
    return loaded;
}

// A file's rows in the order of the unique key (event_id and snapshot_time are the
// file's own); rows with equal keys keep their order, so the first is still the one kept.
void sortByKey(std::vector<BettingLine>& lines)
{
    std::stable_sort(lines.begin(), lines.end(), [](const BettingLine& a, const BettingLine& b) {
        return std::tie(a.bookmaker, a.market, a.playerLookup, a.point)
            < std::tie(b.bookmaker, b.market, b.playerLookup, b.point);
    });
}

struct DirEntry {
    QString name;
    bool isDir = false;
    bool isFile = false;
    qint64 size = 0;
    qint64 mtimeMs = 0; // as QFileInfo::lastModified() gives it
};

// A folder's entries but ".", ".." and hidden ones (as QDir lists them), each with what
// lstat() says of it: a symbolic link is neither a folder nor a file, so nothing under raw/
// leads the load outside the workspace (the raw/ folder itself may be a link). POSIX, not QDir + QFileInfo: QFileInfo's
// modification time is a conversion to local time per file, and a season is thousands
// of files (a load with nothing new: 0.06 → 0.037 s). An unreadable folder lists nothing.
std::vector<DirEntry> listFolder(const QString& path)
{
    std::vector<DirEntry> entries;
    DIR* folder = opendir(QFile::encodeName(path).constData());
    if (!folder)
        return entries;
    while (const dirent* entry = readdir(folder)) {
        if (entry->d_name[0] == '.')
            continue;
        struct stat info;
        if (fstatat(dirfd(folder), entry->d_name, &info, AT_SYMLINK_NOFOLLOW) != 0)
            continue;
#ifdef __APPLE__
        const timespec& modified = info.st_mtimespec;
#else
        const timespec& modified = info.st_mtim;
#endif
        DirEntry& item = entries.emplace_back();
        item.name = QFile::decodeName(entry->d_name);
        item.isDir = S_ISDIR(info.st_mode);
        item.isFile = S_ISREG(info.st_mode);
        item.size = qint64(info.st_size);
        item.mtimeMs = qint64(modified.tv_sec) * 1000 + modified.tv_nsec / 1000000;
    }
    closedir(folder);
    return entries;
}

// The whole file into `bytes`, whose memory is reused from file to file (QFile::readAll
// allocates and faults in a new buffer per file).
bool readWhole(const QString& path, QByteArray& bytes, QString& error)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        error = QString::fromLocal8Bit(std::strerror(errno));
        return false;
    }
    qsizetype size = 0;
    bool ok = true;
    for (;;) {
        if (bytes.size() - size < 65536)
            bytes.resize(std::max<qsizetype>(bytes.size() * 2, 1 << 20));
        const ssize_t got = ::read(fd, bytes.data() + size, std::size_t(bytes.size() - size));
        if (got > 0) {
            size += got;
        } else if (got == 0) {
            break;
        } else if (errno != EINTR) {
            error = QString::fromLocal8Bit(std::strerror(errno));
            ok = false;
            break;
        }
    }
    ::close(fd);
    bytes.truncate(size);
    return ok;
}

bool isEventOddsFile(const QString& name)
{
    return name.endsWith(QLatin1String(".json")) && name != QLatin1String("events.json");
}

} // namespace

class LineLoader::Worker final : public JobWorker {
public:
    explicit Worker(LineLoader& loader)
        : m_loader(loader)
        , m_stage(loader.m_tableSql)
    {
    }

    UnitOutcome run(qint64 unit, UnitContext& context) override
    {
        const UnitOutcome outcome = m_loader.stageFile(unit, m_stage, context);
        if (outcome == UnitOutcome::Done && m_stage.rows() >= StageRows && !m_loader.pushStage(m_stage, context))
            return UnitOutcome::Interrupted; // parsed but not stored: stays unloaded
        return outcome;
    }

    void flush(UnitContext& context) override
    {
        if (m_stage.files() > 0)
            m_loader.pushStage(m_stage, context);
    }

private:
    LineLoader& m_loader;
    LineStage m_stage;
};

UnitOutcome LineLoader::stageFile(qint64 index, LineStage& stage, UnitContext& context)
{
    const RawOddsFile& file = m_files[std::size_t(index)];
    thread_local QByteArray bytes; // one buffer per thread, grown to the largest file
    if (bytes.capacity() > (16 << 20))
        bytes = QByteArray(); // not kept for the thread's life after an outsized file
    QString error;
    if (!readWhole(file.absolutePath, bytes, error)) {
        addFailure(file.relativePath, QStringLiteral("cannot read: %1").arg(error));
        return UnitOutcome::Failed;
    }
    OddsSnapshot snapshot;
    const OddsSnapshotParser parser(m_options.format, file.sport);
    if (!parser.parse(bytes, snapshot, error)) {
        addFailure(file.relativePath, error);
        return UnitOutcome::Failed;
    }
    sortByKey(snapshot.lines);
    if (!stage.add(file, snapshot, error)) {
        context.abortJob(error); // SQLite itself failed (out of memory): nothing more can be staged
        return UnitOutcome::Interrupted;
    }
    return UnitOutcome::Done;
}

bool LineLoader::pushStage(LineStage& stage, UnitContext& context)
{
    StagedBatch batch;
    QString error;
    if (!stage.take(batch, error)) {
        context.abortJob(error);
        return false;
    }
    return m_queue->push(std::move(batch), [&context] { return context.isCanceled(); });
}

bool LineLoader::helpParse(LineStage& stage, UnitContext& context)
{
    const qint64 unit = context.takeUnit(); // from the workers' own queue
    if (unit < 0)
        return false;
    const UnitOutcome outcome = stageFile(unit, stage, context);
    context.finishUnit(unit, outcome);
    return outcome != UnitOutcome::Interrupted;
}

LineLoader::LineLoader(const Workspace& workspace, LoadOptions options)
    : m_workspaceDir(workspace.dir())
    , m_record(workspace, QStringLiteral("load"))
    , m_rawDir(workspace.rawDir())
    , m_databasePath(workspace.databasePath())
    , m_options(options)
{
}

LineLoader::~LineLoader()
{
    stopWriter();
}

void LineLoader::stopWriter()
{
    if (m_queue)
        m_queue->close();
    if (m_writer.joinable())
        m_writer.join();
}

bool LineLoader::prepare(UnitContext& context, QString& error)
{
    // Two loads at once would each count the other's rows: the second is refused.
    m_lock = WorkspaceLock::acquire(m_workspaceDir, QStringLiteral("load"), error);
    if (!m_lock)
        return false;
    context.setStatus(QStringLiteral("scanning raw files"));
    const QFileInfo rawInfo(m_rawDir);
    if (!rawInfo.isDir() || !rawInfo.isReadable()) {
        error = QStringLiteral("cannot read the raw files folder %1").arg(m_rawDir);
        return false;
    }
    const auto loaded = readLoadedFiles(m_databasePath, m_tableSql, error);
    if (!loaded)
        return false;

    // raw/{sport}/{date}/{eventId}.json: three levels, listed once.
    qint64 found = 0;
    qint64 skipped = 0;
    bool canceled = false;
    for (const DirEntry& sport : listFolder(m_rawDir)) {
        if (!sport.isDir || canceled)
            continue;
        const QString sportPath = m_rawDir + u'/' + sport.name;
        const std::string sportKey = sport.name.toStdString();
        for (const DirEntry& date : listFolder(sportPath)) {
            if (!date.isDir)
                continue;
            const QString datePath = sportPath + u'/' + date.name;
            const QString relativeDate = QStringLiteral("raw/") + sport.name + u'/' + date.name + u'/';
            for (const DirEntry& entry : listFolder(datePath)) {
                if (!entry.isFile || !isEventOddsFile(entry.name))
                    continue;
                ++found;
                RawOddsFile file;
                file.absolutePath = datePath + u'/' + entry.name;
                file.relativePath = relativeDate + entry.name;
                file.sport = sportKey;
                file.size = entry.size;
                file.mtimeMs = entry.mtimeMs;
                const auto previous = loaded->constFind(file.relativePath);
                if (previous != loaded->cend()) {
                    if (previous->size == file.size && previous->mtimeMs == file.mtimeMs) {
                        ++skipped;
                        continue;
                    }
                    ++m_reloads;
                }
                m_files.push_back(std::move(file));
            }
            canceled = !context.checkpoint();
            if (canceled)
                break;
        }
    }
    // In the unique key's order (it starts with the event id, the file's name), so the
    // rows reach betting_lines nearly sorted by it: a bulk load's key then builds ~20 %
    // faster (bench/README.md).
    std::sort(m_files.begin(), m_files.end(), [](const RawOddsFile& a, const RawOddsFile& b) {
        const QStringView nameA = a.fileName(), nameB = b.fileName();
        return nameA != nameB ? nameA < nameB : a.relativePath < b.relativePath;
    });
    {
        QMutexLocker lock(&m_mutex);
        m_summary.filesFound = found;
        m_summary.filesSkipped = skipped;
    }

    // Bulk mode when this load is large against what is loaded already (see LineWriter).
    m_bulkWanted = m_files.size() >= BulkMinFiles && qint64(m_files.size()) * 4 >= qint64(loaded->size());
    m_queue = std::make_unique<StagedBatchQueue>(QueueCapacity);
    // The writer gets its own copy of the run's context: rows it stores are the job's
    // secondary progress, and a database failure aborts the whole run.
    m_writer = std::thread([this, writerContext = context] { writerLoop(writerContext); });
    context.setStatus(QStringLiteral("%1 files to load, %2 already loaded").arg(m_files.size()).arg(skipped));
    return m_record.begin(
        { { "workspace", m_workspaceDir.toStdString() },
            { "odds_format", oddsFormatName(m_options.format).toStdString() }, { "workers", context.workers() },
            { "ndjson",
                m_options.ndjsonPath.isEmpty() ? nlohmann::json()
                                               : nlohmann::json(m_options.ndjsonPath.toStdString()) } },
        error);
}

std::unique_ptr<JobWorker> LineLoader::createWorker(int)
{
    return std::make_unique<Worker>(*this);
}

QString LoadFailure::date() const
{
    return path.section(u'/', 2, 2);
}

nlohmann::json LoadSummary::toJson() const
{
    nlohmann::json failed = nlohmann::json::array();
    for (const LoadFailure& failure : failures)
        failed.push_back({ { "path", failure.path.toStdString() }, { "date", failure.date().toStdString() },
            { "error", failure.reason.toStdString() } });
    nlohmann::json refetch = nlohmann::json::array();
    for (const QString& date : refetchDates())
        refetch.push_back(date.toStdString());
    nlohmann::json json
        = { { "files_loaded", filesLoaded }, { "files_skipped", filesSkipped }, { "files_failed", filesFailed },
              { "files_found", filesFound }, { "rows_parsed", rowsParsed }, { "rows_inserted", rowsInserted },
              { "rows_total", rowsTotal }, { "failures", failed }, { "refetch_dates", refetch } };
    if (ndjsonRows)
        json["ndjson_rows"] = *ndjsonRows;
    return json;
}

QStringList LoadSummary::refetchDates() const
{
    QStringList dates;
    for (const LoadFailure& failure : failures)
        dates << failure.date();
    dates.removeAll(QString());
    dates.sort();
    dates.removeDuplicates();
    return dates;
}

QString LoadSummary::refetchAdvice() const
{
    const QStringList dates = refetchDates();
    if (dates.isEmpty())
        return {};
    return QStringLiteral("%1 file%2 could not be loaded; fetch %3 again with backfill --dates %4")
        .arg(failures.size())
        .arg(failures.size() == 1 ? QString() : QStringLiteral("s"),
            dates.size() == 1 ? QStringLiteral("its date") : QStringLiteral("their %1 dates").arg(dates.size()),
            dates.join(u','));
}

void LineLoader::addFailure(const QString& path, const QString& reason)
{
    QMutexLocker lock(&m_mutex);
    ++m_summary.filesFailed;
    m_summary.failures.append({ path, reason });
}

void LineLoader::writerLoop(UnitContext context)
{
    LineWriter writer;
    QString error;
    auto fail = [&](const QString& message) {
        writer.rollback();
        QString ignored;
        writer.finish(ignored); // a bulk load's committed rows get their key (or the next open() rebuilds it)
        {
            QMutexLocker lock(&m_mutex);
            m_writerError = message;
        }
        m_queue->close();
        context.abortJob(message);
    };
    if (!writer.open(m_databasePath, error))
        return fail(error);
    if (m_bulkWanted)
        writer.enableBulk();

    // Counted into the summary only once committed.
    qint64 pendingFiles = 0, pendingParsed = 0, pendingInserted = 0, pendingRows = 0;
    QElapsedTimer sinceCommit;
    auto counted = [&]() {
        QMutexLocker lock(&m_mutex);
        m_summary.filesLoaded += pendingFiles;
        m_summary.rowsParsed += pendingParsed;
        m_summary.rowsInserted += pendingInserted;
        pendingFiles = pendingParsed = pendingInserted = pendingRows = 0;
    };
    // Large transactions for speed; a time bound so a long load keeps what it has done if
    // the process is killed. A bulk load commits every batch: without the key, a commit
    // is just its rows (the key is rebuilt once, by finish()). A bulk load that reloads
    // changed files is one transaction instead, so that no reader ever sees the rows those
    // files repeat.
    auto commitDue = [&]() {
        if (!writer.inTransaction())
            return false;
        if (writer.isBulk())
            return m_reloads == 0;
        return pendingRows >= m_options.commitRows || sinceCommit.elapsed() >= CommitIntervalMs;
    };

    LineStage ownStage(m_tableSql);
    bool helping = true;
    bool closed = false;
    while (!closed) {
        // Paused: no parsing, but the time-bound commits below go on.
        const bool help = helping && !context.isPaused();
        std::optional<StagedBatch> batch = m_queue->pop(help ? 0 : 200, closed);
        if (!batch && help) {
            helping = !context.isCanceled() && helpParse(ownStage, context);
            if (ownStage.rows() >= StageRows || (!helping && ownStage.files() > 0)) {
                batch.emplace();
                if (!ownStage.take(*batch, error))
                    return fail(error);
            }
        }
        if (batch) {
            if (!writer.inTransaction()) {
                if (!writer.begin(error))
                    return fail(QStringLiteral("cannot start a transaction: %1").arg(error));
                sinceCommit.start();
            }
            const qint64 files = batch->files, rows = batch->rows;
            qint64 inserted = 0;
            if (!writer.write(std::move(*batch), inserted, error))
                return fail(error);
            pendingFiles += files;
            pendingParsed += rows;
            pendingInserted += inserted;
            pendingRows += rows;
            context.addItems(inserted);
        }
        if (commitDue()) {
            if (!writer.commit(error))
                return fail(QStringLiteral("cannot commit loaded rows: %1").arg(error));
            counted();
            faultPoint("load-commit");
        }
    }
    if (!writer.finish(error))
        return fail(QStringLiteral("cannot commit loaded rows: %1").arg(error));
    counted();
    const qint64 total = writer.committedRows();
    QMutexLocker lock(&m_mutex);
    m_summary.rowsTotal = total;
    if (writer.isBulk()) // rows appended before the key was rebuilt include duplicates
        m_summary.rowsInserted = total - writer.rowsBefore();
}

bool LineLoader::finish(UnitContext& context, QString& error)
{
    const auto unlock = qScopeGuard([this] { m_lock.reset(); }); // the next load may start once this returns
    context.setStatus(QStringLiteral("writing"));
    stopWriter(); // every parser has stopped: the writer drains the queue and commits
    QMutexLocker lock(&m_mutex);
    return finishLoad(
        context, m_options, m_summary, m_record, m_writerError,
        [this](QString& exportError) {
            return NdjsonExport::exportBettingLines(m_databasePath, m_options.ndjsonPath, exportError);
        },
        error);
}

LoadSummary LineLoader::summary() const
{
    QMutexLocker lock(&m_mutex);
    return m_summary;
}

} // namespace bfs
