// normalizePlayerName: the `player_lookup` both sides of a match are keyed by (evaluation.md).
#include "evaluation/NameNormalizer.h"

#include <QTest>

using namespace bfs;

class TestNameNormalizer final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void normalizes_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("lookup");
        // The spec's own examples.
        QTest::newRow("accents") << QStringLiteral("José Berríos") << QStringLiteral("joseberrios");
        QTest::newRow("jr-with-dot") << QStringLiteral("Lance McCullers Jr.") << QStringLiteral("lancemccullers");
        QTest::newRow("initials-with-dots") << QStringLiteral("A.J. Puk") << QStringLiteral("ajpuk");
        QTest::newRow("middle-initial") << QStringLiteral("Luis L. Ortiz") << QStringLiteral("luislortiz");
        // Accents and other marks.
        QTest::newRow("tilde") << QStringLiteral("Martín Pérez") << QStringLiteral("martinperez");
        QTest::newRow("enye") << QStringLiteral("Yusei Kikuchi Núñez") << QStringLiteral("yuseikikuchinunez");
        QTest::newRow("umlaut") << QStringLiteral("Jürgen Müller") << QStringLiteral("jurgenmuller");
        QTest::newRow("decomposed-input")
            << QStringLiteral("Jose\u0301 Berri\u0301os") << QStringLiteral("joseberrios");
        // Suffixes, with and without punctuation, any case.
        QTest::newRow("jr-no-dot") << QStringLiteral("Lance McCullers Jr") << QStringLiteral("lancemccullers");
        QTest::newRow("jr-comma") << QStringLiteral("Lance McCullers, Jr.") << QStringLiteral("lancemccullers");
        QTest::newRow("sr") << QStringLiteral("Ken Griffey Sr.") << QStringLiteral("kengriffey");
        QTest::newRow("ii") << QStringLiteral("Michael Lorenzen II") << QStringLiteral("michaellorenzen");
        QTest::newRow("iii") << QStringLiteral("Hector Neris III") << QStringLiteral("hectorneris");
        QTest::newRow("iv") << QStringLiteral("John Smith IV") << QStringLiteral("johnsmith");
        QTest::newRow("upper-case-suffix") << QStringLiteral("LANCE MCCULLERS JR.") << QStringLiteral("lancemccullers");
        // A suffix only counts as a whole token: "Junior", "Ivan", "Iiro" stay.
        QTest::newRow("junior-is-a-name") << QStringLiteral("Junior Fernandez") << QStringLiteral("juniorfernandez");
        QTest::newRow("ivan-is-a-name") << QStringLiteral("Ivan Nova") << QStringLiteral("ivannova");
        QTest::newRow("v-is-not-a-suffix") << QStringLiteral("John Smith V") << QStringLiteral("johnsmithv");
        // Initials written in different ways meet.
        QTest::newRow("initials-spaced") << QStringLiteral("A. J. Puk") << QStringLiteral("ajpuk");
        QTest::newRow("initials-bare") << QStringLiteral("AJ Puk") << QStringLiteral("ajpuk");
        QTest::newRow("cj") << QStringLiteral("C.J. Abrams") << QStringLiteral("cjabrams");
        // Punctuation, digits, white space and case.
        QTest::newRow("apostrophe") << QStringLiteral("Logan O'Hoppe") << QStringLiteral("loganohoppe");
        QTest::newRow("hyphen") << QStringLiteral("Hyun-Jin Ryu") << QStringLiteral("hyunjinryu");
        QTest::newRow("curly-apostrophe") << QStringLiteral("Travis d\u2019Arnaud") << QStringLiteral("travisdarnaud");
        QTest::newRow("digits-dropped") << QStringLiteral("Player 2") << QStringLiteral("player");
        QTest::newRow("extra-white-space") << QStringLiteral("  Gerrit \t Cole  ") << QStringLiteral("gerritcole");
        QTest::newRow("mixed-case") << QStringLiteral("gErRiT cOlE") << QStringLiteral("gerritcole");
        QTest::newRow("non-breaking-space") << QStringLiteral("Gerrit\u00a0Cole") << QStringLiteral("gerritcole");
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("only-suffix") << QStringLiteral("Jr.") << QString();
    }
    void normalizes()
    {
        QFETCH(QString, name);
        QFETCH(QString, lookup);
        QCOMPARE(normalizePlayerName(name), lookup);
    }
};

QTEST_GUILESS_MAIN(TestNameNormalizer)
#include "tst_namenormalizer.moc"
