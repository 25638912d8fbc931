#include "NameNormalizer.h"

#include <QRegularExpression>
#include <QStringList>

namespace bfs {

namespace {
bool isSuffix(const QString& letters)
{
    return letters == u"jr" || letters == u"sr" || letters == u"ii" || letters == u"iii" || letters == u"iv";
}
} // namespace

QString normalizePlayerName(const QString& name)
{
    const QString decomposed = name.normalized(QString::NormalizationForm_KD);
    QString stripped;
    stripped.reserve(decomposed.size());
    for (const QChar c : decomposed) {
        const auto category = c.category();
        if (category == QChar::Mark_NonSpacing || category == QChar::Mark_SpacingCombining
            || category == QChar::Mark_Enclosing)
            continue;
        stripped.append(c.toLower());
    }
    QString result;
    result.reserve(stripped.size());
    for (const QString& token : stripped.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts)) {
        QString letters;
        for (const QChar c : token) {
            if (c >= u'a' && c <= u'z')
                letters.append(c);
        }
        if (!isSuffix(letters))
            result.append(letters);
    }
    return result;
}

} // namespace bfs
