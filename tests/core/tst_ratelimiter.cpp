// RateLimiter on a simulated clock: the grant times themselves, not wall time. No one-second
// window holds more than the rate (the first second included), requests that come together
// go together up to the rate, the sustained rate is the configured one, the fixed gap holds,
// and a cancelled wait returns false.
// Team mode: two instances taking their slots from one shared bucket stay within one rate
// together, and an unreachable bucket leaves each pacing itself.
#include "odds/api/RateLimiter.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

using namespace bfs;

namespace {

// A clock that only moves when the limiter sleeps.
struct SimulatedClock {
    double time = 0;
    RateLimiter::Clock clock()
    {
        return { [this] { return time; }, [this](double seconds) { time += seconds; } };
    }
};

int busiestSecond(const std::vector<double>& grants)
{
    int most = 0;
    for (std::size_t first = 0; first < grants.size(); ++first) {
        int inWindow = 0;
        for (std::size_t i = first; i < grants.size() && grants[i] < grants[first] + 1.0 - 1e-9; ++i)
            ++inWindow;
        most = std::max(most, inWindow);
    }
    return most;
}

// When each of `count` requests in a row was let through, each asking as soon as the one before
// went; `pick(i)` is the limiter request i goes through. Shorter when one was refused.
template <typename Pick> std::vector<double> grantTimes(const SimulatedClock& clock, int count, Pick pick)
{
    std::vector<double> grants;
    for (int i = 0; i < count && pick(i).acquire(); ++i)
        grants.push_back(clock.time);
    return grants;
}

std::vector<double> grantTimes(RateLimiter& limiter, const SimulatedClock& clock, int count)
{
    return grantTimes(clock, count, [&limiter](int) -> RateLimiter& { return limiter; });
}

// The team database's one GCRA bucket (TeamLink::takeSlots) on the simulated clock: the next
// `count` slots, one every `interval` s over every instance, as offsets from now.
struct TeamBucket {
    SimulatedClock* clock = nullptr;
    double tat = 0;
    std::optional<QList<double>> take(int count, double interval)
    {
        QList<double> offsets;
        for (int i = 0; i < count; ++i) {
            const double slot = std::max(clock->time, tat);
            tat = slot + interval;
            offsets.append(slot - clock->time);
        }
        return offsets;
    }
};

} // namespace

class TestRateLimiter : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void noSecondHoldsMoreThanTheRate_data()
    {
        QTest::addColumn<double>("rate");
        QTest::addColumn<int>("perSecond"); // the most that may start in one second
        QTest::newRow("30/s, the API's limit") << 30.0 << 30;
        QTest::newRow("5/s") << 5.0 << 5;
        QTest::newRow("1000/s") << 1000.0 << 1000;
        QTest::newRow("2.5/s: two per second, never three") << 2.5 << 2;
    }

    void noSecondHoldsMoreThanTheRate()
    {
        QFETCH(double, rate);
        QFETCH(int, perSecond);
        SimulatedClock simulated;
        RateLimiter limiter(rate, 0, simulated.clock());
        const std::vector<double> grants = grantTimes(limiter, simulated, perSecond * 4 + 1);
        QCOMPARE(grants.size(), std::size_t(perSecond * 4 + 1));
        QCOMPARE(busiestSecond(grants), perSecond);
        // …and the sustained pace is that many a second: the last of 4 × perSecond + 1 starts at 4 s.
        QVERIFY2(std::abs(grants.back() - 4.0) < 1e-6, qPrintable(QString::number(grants.back())));
    }

    void underABindingRateRequestsAreEvenlySpaced()
    {
        // At the API's 30/s there is no burst: one request every 1/30 s from the first on.
        SimulatedClock simulated;
        RateLimiter limiter(30, 0, simulated.clock());
        const std::vector<double> grants = grantTimes(limiter, simulated, 90);
        QCOMPARE(grants.size(), std::size_t(90));
        for (std::size_t i = 0; i < grants.size(); ++i)
            QVERIFY2(std::abs(grants[i] - i / 30.0) < 1e-6, qPrintable(QString::number(i)));
    }

    void requestsThatComeTogetherGoTogether()
    {
        // 32 workers asking at once under a rate of 1000/s: none waits for the others; the
        // 33rd waits for the pace.
        SimulatedClock simulated;
        RateLimiter limiter(1000, 0, simulated.clock());
        for (int i = 0; i < 32; ++i) {
            QVERIFY(limiter.acquire());
            QCOMPARE(simulated.time, 0.0);
        }
        QVERIFY(limiter.acquire());
        QVERIFY(simulated.time > 0);
    }

    void belowOnePerSecondOneRequestPerInterval()
    {
        SimulatedClock simulated;
        RateLimiter limiter(0.5, 0, simulated.clock());
        const std::vector<double> grants = grantTimes(limiter, simulated, 4);
        QCOMPARE(grants.size(), std::size_t(4));
        for (int i = 0; i < 4; ++i)
            QVERIFY(std::abs(grants[i] - 2.0 * i) < 1e-6);
    }

    void fixedGapBetweenRequests()
    {
        SimulatedClock simulated;
        RateLimiter limiter(1000, 250, simulated.clock());
        const std::vector<double> grants = grantTimes(limiter, simulated, 5);
        QCOMPARE(grants.size(), std::size_t(5));
        for (std::size_t i = 1; i < grants.size(); ++i)
            QVERIFY(grants[i] - grants[i - 1] >= 0.25 - 1e-9);
    }

    void idleTimeIsNotSavedUpForABurst()
    {
        SimulatedClock simulated;
        RateLimiter limiter(10, 0, simulated.clock());
        QVERIFY(limiter.acquire());
        simulated.time += 60; // a minute without requests
        const std::vector<double> grants = grantTimes(limiter, simulated, 30);
        QCOMPARE(grants.size(), std::size_t(30));
        QVERIFY(busiestSecond(grants) <= 10);
    }

    void instancesSharingOneBucketStayWithinOneRate()
    {
        SimulatedClock simulated;
        TeamBucket bucket { &simulated };
        RateLimiter first(30, 0, simulated.clock()), second(30, 0, simulated.clock());
        for (RateLimiter* limiter : { &first, &second })
            limiter->shareSlots([&bucket](int count, double interval) { return bucket.take(count, interval); });
        const std::vector<double> grants = grantTimes(simulated, 240, [&](int i) -> RateLimiter& {
            return i % 3 == 0 ? second : first; // uneven turns, as workers come
        });
        QCOMPARE(grants.size(), std::size_t(240));
        QVERIFY2(busiestSecond(grants) <= 31, qPrintable(QString::number(busiestSecond(grants))));
    }

    void anUnreachableBucketLeavesEachInstancePacingItself()
    {
        SimulatedClock simulated;
        RateLimiter limiter(10, 0, simulated.clock());
        limiter.shareSlots([](int, double) { return std::optional<QList<double>>(); });
        const std::vector<double> grants = grantTimes(limiter, simulated, 40);
        QCOMPARE(grants.size(), std::size_t(40));
        QVERIFY(busiestSecond(grants) <= 10);
        QVERIFY(std::abs(grants.back() - 39 / 10.0) < 1e-6);
    }

    void a429WithoutRetryAfterHalvesThePaceThenItComesBack()
    {
        SimulatedClock simulated;
        RateLimiter limiter(30, 0, simulated.clock());
        std::vector<double> restored;
        limiter.onPaceRestored([&restored](double rate) { restored.push_back(rate); });
        QVERIFY(limiter.acquire());
        QCOMPARE(limiter.slowDown(), std::optional<double>(15));
        QCOMPARE(limiter.slowDown(), std::optional<double>()); // the same burst of 429s: one signal
        const std::vector<double> grants = grantTimes(limiter, simulated, 46);
        QCOMPARE(grants.size(), std::size_t(46));
        QCOMPARE(busiestSecond(grants), 15);
        simulated.time += 1;
        QCOMPARE(limiter.slowDown(), std::optional<double>(7.5));
        QCOMPARE(limiter.rate(), 7.5);

        // No 429 for the hold time: one step back up per hold, never past the configured rate.
        const double slowedAt = simulated.time;
        while (simulated.time < slowedAt + 3 * RateLimiter::SlowDownHoldSeconds)
            QVERIFY(limiter.acquire());
        QCOMPARE(restored, (std::vector<double> { 15, 30 }));
        QCOMPARE(limiter.rate(), 30.0);
        const std::vector<double> restoredGrants = grantTimes(limiter, simulated, 90);
        QCOMPARE(restoredGrants.size(), std::size_t(90));
        QCOMPARE(busiestSecond(restoredGrants), 30);
    }

    void thePaceNeverGoesBelowOnePerSecond()
    {
        SimulatedClock simulated;
        RateLimiter limiter(2, 0, simulated.clock());
        QCOMPARE(limiter.slowDown(), std::optional<double>(1));
        simulated.time += 2;
        QCOMPARE(limiter.slowDown(), std::optional<double>());
        QCOMPARE(limiter.rate(), 1.0);
    }

    void cancelledWaitReturnsFalse()
    {
        SimulatedClock simulated;
        RateLimiter limiter(1, 0, simulated.clock());
        QVERIFY(limiter.acquire());
        int asked = 0;
        QVERIFY(!limiter.acquire([&asked] { return ++asked > 2; }));
        QVERIFY(simulated.time < 1.0); // it stopped waiting before the slot came
    }
};

QTEST_GUILESS_MAIN(TestRateLimiter)
#include "tst_ratelimiter.moc"
