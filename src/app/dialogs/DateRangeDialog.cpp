#include "DateRangeDialog.h"

#include "ui_DateRangeDialog.h"

#include <QPushButton>

namespace bfs::app {

namespace {
const QDate PropsAvailableFrom(2023, 5, 3); // odds-api.md: player props snapshots start here
}

QList<DateRangeDialog::Preset> DateRangeDialog::presets(QDate today)
{
    QList<Preset> list;
    for (int year = today.year(); year >= 2023; --year) {
        const QDate start = year == 2023 ? PropsAvailableFrom : QDate(year, 3, 28);
        list.append({ tr("%1 regular season").arg(year), start, QDate(year, 9, 30) });
    }
    list.append({ tr("Last 7 days"), today.addDays(-7), today.addDays(-1) });
    list.append({ tr("Last 30 days"), today.addDays(-30), today.addDays(-1) });
    return list;
}

bool DateRangeDialog::isOffSeason(QDate date)
{
    const QDate opening(date.year(), 3, 18), lastGame(date.year(), 11, 5);
    return date < opening || date > lastGame;
}

bool DateRangeDialog::isOffSeason(QDate start, QDate end)
{
    if (!start.isValid() || !end.isValid() || end < start)
        return false;
    for (QDate d = start; d <= end; d = d.addDays(1)) {
        if (!isOffSeason(d))
            return false;
    }
    return true;
}

std::pair<QDate, QDate> DateRangeDialog::lastGameStretch(QDate today)
{
    const QDate yesterday = today.addDays(-1);
    if (!isOffSeason(yesterday) && yesterday.addDays(-6) >= QDate(yesterday.year(), 3, 18))
        return { yesterday.addDays(-6), yesterday };
    // The last completed regular season: this year's once it is over, last year's before opening day.
    const int year = yesterday >= QDate(yesterday.year(), 9, 30) ? yesterday.year() : yesterday.year() - 1;
    return { QDate(year, 9, 24), QDate(year, 9, 30) };
}

DateRangeDialog::DateRangeDialog(QDate start, QDate end, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::DateRangeDialog>())
{
    m_ui->setupUi(this);
    m_ui->presetCombo->addItem(tr("Custom range"));
    for (const Preset& p : presets())
        m_ui->presetCombo->addItem(p.name);
    connect(m_ui->presetCombo, &QComboBox::activated, this, [this](int index) { applyPreset(index - 1); });
    for (auto* calendar : { m_ui->startCalendar, m_ui->endCalendar }) {
        calendar->setGridVisible(true);
        calendar->setFirstDayOfWeek(Qt::Monday);
        connect(calendar, &QCalendarWidget::selectionChanged, this, [this] {
            m_ui->presetCombo->setCurrentIndex(0);
            validate();
        });
    }
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    setRange(start, end);
}

DateRangeDialog::~DateRangeDialog() = default;

QDate DateRangeDialog::start() const
{
    return m_ui->startCalendar->selectedDate();
}
QDate DateRangeDialog::end() const
{
    return m_ui->endCalendar->selectedDate();
}

void DateRangeDialog::setRange(QDate start, QDate end)
{
    const QSignalBlocker a(m_ui->startCalendar), b(m_ui->endCalendar);
    m_ui->startCalendar->setSelectedDate(start);
    m_ui->endCalendar->setSelectedDate(end);
    validate();
}

void DateRangeDialog::applyPreset(int index)
{
    const auto list = presets();
    if (index < 0 || index >= list.size())
        return;
    setRange(list[index].start, list[index].end);
    m_ui->presetCombo->setCurrentIndex(index + 1);
}

QString DateRangeDialog::errorText() const
{
    return m_ui->errorLabel->text();
}

bool DateRangeDialog::isAcceptable() const
{
    return m_ui->buttonBox->button(QDialogButtonBox::Ok)->isEnabled();
}

void DateRangeDialog::validate()
{
    const QDate s = start(), e = end();
    QString error;
    if (e < s)
        error
            = tr("The last date %1 is before the first date %2.").arg(e.toString(Qt::ISODate), s.toString(Qt::ISODate));
    else if (s.daysTo(e) > 3660)
        error = tr("The range spans more than ten years.");
    m_ui->errorLabel->setText(error);
    m_ui->errorLabel->setVisible(!error.isEmpty());
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(error.isEmpty());
    if (!error.isEmpty()) {
        m_ui->summaryLabel->clear();
        return;
    }
    QString summary
        = tr("%n day(s): %1 … %2", nullptr, int(s.daysTo(e) + 1)).arg(s.toString(Qt::ISODate), e.toString(Qt::ISODate));
    if (s < PropsAvailableFrom)
        summary += tr("\nNote: pitcher props snapshots exist from %1; earlier dates will come back empty.")
                       .arg(PropsAvailableFrom.toString(Qt::ISODate));
    if (isOffSeason(s, e))
        summary += tr("\nOff-season: MLB plays no games on these dates, so there are no events to fetch "
                      "(0 credits). Pick a preset for a season with games.");
    m_ui->summaryLabel->setText(summary);
}

} // namespace bfs::app
