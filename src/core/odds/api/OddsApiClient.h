#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>
#include <optional>

namespace bfs {

// One HTTP answer of the Odds API, with the quota headers and the API's error fields.
struct ApiResponse {
    int status = 0; // HTTP status; 0 when no response arrived
    QByteArray body; // byte for byte
    std::optional<qint64> remaining, used, last; // x-requests-* headers
    std::optional<int> retryAfterSeconds;
    bool timedOut = false;
    QString transportError; // connection refused, reset…; never contains the key
    bool unreachable = false; // no connection to the server at all (refused, host not found, no network)
    QString errorCode; // "INVALID_KEY" from an error body
    QString message; // the API's message from an error body
    double seconds = 0;

    // "401 INVALID_KEY: API key is not valid…", "timeout after 30 s", "HTTP 500".
    QString describe() const;
};

// Synchronous client of the two historical endpoints (odds-api.md). Each backfill worker
// owns one: a libcurl handle and its kept-alive connection, used only on the worker's thread,
// which sends the request and reads the answer itself (no HTTP thread to hop through, no
// event loop to spin), so concurrency is the worker count and a request costs little more
// than the server's answer time. Redirects are followed unless they lead from https to http;
// gzip/deflate answers are decoded; http_proxy/https_proxy/no_proxy are honoured. The key goes
// into the query string only; every URL or message that leaves this class shows apiKey=***.
class OddsApiClient {
public:
    OddsApiClient(QString baseUrl, QString apiKey, int timeoutMs);
    ~OddsApiClient();
    OddsApiClient(const OddsApiClient&) = delete;
    OddsApiClient& operator=(const OddsApiClient&) = delete;

    QUrl eventsUrl(const QString& sport, const QDateTime& at) const;
    QUrl oddsUrl(const QString& sport, const QString& eventId, const QDateTime& at, const QStringList& markets,
        const QStringList& regions, const QStringList& bookmakers, const QString& oddsFormat) const;

    // Blocks the calling thread until the answer, an error or the timeout.
    ApiResponse get(const QUrl& url);

    // Masks the key wherever it appears (URLs, the HTTP library's error strings).
    QString redact(const QString& text) const;
    static QString redactUrl(const QUrl& url);
    static constexpr qint64 MaxBodyBytes = 64 * 1024 * 1024; // a bigger answer fails the request
    // False for an id no request can carry as one path segment: empty, "." or "..".
    static bool isRequestableId(const QString& eventId);
    // libcurl's one-time set-up (TLS included, about a millisecond): programs call it at start so
    // that a run's first requests do not wait for it; the first client calls it otherwise.
    static void initialiseHttp();

private:
    QString m_base;
    QString m_key;
    struct Transfer;
    std::unique_ptr<Transfer> m_transfer; // the curl handle, kept for its connection
};

} // namespace bfs
