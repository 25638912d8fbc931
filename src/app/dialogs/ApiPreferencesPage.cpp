#include "ApiPreferencesPage.h"

#include "SecretStore.h"
#include "settings/AppSettings.h"
#include "ui_ApiPreferencesPage.h"

#include <QRegularExpression>
#include <QUrl>

namespace bfs::app {

namespace {
QStringList commaList(const QString& text)
{
    QStringList items;
    for (const QString& part : text.split(u',', Qt::SkipEmptyParts)) {
        if (const QString item = part.trimmed(); !item.isEmpty())
            items << item;
    }
    return items;
}
} // namespace

ApiPreferencesPage::ApiPreferencesPage(QWidget* parent)
    : PreferencesPage(parent)
    , m_ui(std::make_unique<Ui::ApiPreferencesPage>())
{
    m_ui->setupUi(this);
    m_ui->oddsFormatCombo->addItem(tr("American (−110, +150)"), QStringLiteral("american"));
    m_ui->oddsFormatCombo->addItem(tr("Decimal (1.91, 2.50)"), QStringLiteral("decimal"));
    connect(m_ui->leadRadio, &QRadioButton::toggled, this, [this](bool lead) {
        m_ui->leadSpin->setEnabled(lead);
        m_ui->oddsTimeEdit->setEnabled(!lead);
    });
    connect(m_ui->apiKeyEdit, &QLineEdit::textEdited, this, [this] { m_keyEdited = true; });
    m_ui->keyStatusLabel->setText(SecretStore::isAvailable()
            ? tr("The key is kept in the system keychain (for this session only when no keychain answers). "
                 "ODDS_API_KEY in the environment also works.")
            : tr("This build has no keychain support: the key is kept for this session only. ODDS_API_KEY in the "
                 "environment also works."));
}

ApiPreferencesPage::~ApiPreferencesPage() = default;

void ApiPreferencesPage::load(const AppSettings& s)
{
    m_ui->baseUrlEdit->setText(s.apiBaseUrl());
    m_ui->sportEdit->setText(s.sport());
    m_ui->marketsEdit->setText(s.markets().join(QStringLiteral(", ")));
    m_ui->regionsEdit->setText(s.regions());
    m_ui->bookmakersEdit->setText(s.bookmakers());
    m_ui->oddsFormatCombo->setCurrentIndex(std::max(0, m_ui->oddsFormatCombo->findData(s.oddsFormat())));
    m_ui->eventsTimeEdit->setTime(QTime::fromString(s.eventsTime(), QStringLiteral("HH:mm")));
    m_ui->leadSpin->setValue(s.leadMinutes());
    const QTime oddsTime = QTime::fromString(s.oddsTime(), QStringLiteral("HH:mm"));
    m_ui->fixedRadio->setChecked(oddsTime.isValid());
    m_ui->leadRadio->setChecked(!oddsTime.isValid());
    m_ui->oddsTimeEdit->setTime(oddsTime.isValid() ? oddsTime : QTime(22, 0));
    // The stored key is never shown; typing a new one replaces it.
    m_ui->apiKeyEdit->clear();
    m_keyEdited = false;
}

void ApiPreferencesPage::save(AppSettings& s) const
{
    s.setApiBaseUrl(m_ui->baseUrlEdit->text().trimmed());
    s.setSport(m_ui->sportEdit->text().trimmed());
    s.setMarkets(commaList(m_ui->marketsEdit->text()));
    s.setRegions(commaList(m_ui->regionsEdit->text()).join(u','));
    s.setBookmakers(commaList(m_ui->bookmakersEdit->text()).join(u','));
    s.setOddsFormat(m_ui->oddsFormatCombo->currentData().toString());
    s.setEventsTime(m_ui->eventsTimeEdit->time().toString(QStringLiteral("HH:mm")));
    s.setLeadMinutes(m_ui->leadSpin->value());
    s.setOddsTime(
        m_ui->fixedRadio->isChecked() ? m_ui->oddsTimeEdit->time().toString(QStringLiteral("HH:mm")) : QString());
    m_keyWarning.clear();
    QString error;
    if (m_keyEdited && !SecretStore::write(Secret::ApiKey, m_ui->apiKeyEdit->text().trimmed(), &error))
        m_keyWarning = tr("The system keychain did not store the API key (%1). It is kept in memory for this session "
                          "only: enter it again after a restart, or set ODDS_API_KEY.")
                           .arg(error);
}

QString ApiPreferencesPage::validate() const
{
    const QUrl url(m_ui->baseUrlEdit->text().trimmed(), QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") || url.host().isEmpty())
        return tr("API base URL: '%1' is not an http(s) URL").arg(m_ui->baseUrlEdit->text());
    static const QRegularExpression key(QStringLiteral("^[a-z0-9_]+$"));
    if (!key.match(m_ui->sportEdit->text().trimmed()).hasMatch())
        return tr("Sport: '%1' is not a sport key such as baseball_mlb").arg(m_ui->sportEdit->text());
    const QStringList markets = commaList(m_ui->marketsEdit->text());
    if (markets.isEmpty())
        return tr("Markets: name at least one market, e.g. pitcher_strikeouts");
    for (const QString& market : markets) {
        if (!key.match(market).hasMatch())
            return tr("Markets: '%1' is not a market key").arg(market);
    }
    if (commaList(m_ui->regionsEdit->text()).isEmpty() && commaList(m_ui->bookmakersEdit->text()).isEmpty())
        return tr("Regions: name a region (us) or at least one bookmaker");
    return {};
}

} // namespace bfs::app
