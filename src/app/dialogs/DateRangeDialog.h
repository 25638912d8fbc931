#pragma once

#include <QDate>
#include <QDialog>
#include <QList>
#include <QString>

#include <memory>
#include <utility>

namespace Ui {
class DateRangeDialog;
}

namespace bfs::app {

// The date-range dialog of a backfill run: two calendars, season presets and
// validation (the last date may not precede the first; at most ten years; a note when
// the range starts before player props exist, 2023-05-03). OK is only enabled for a
// usable range. A range with no MLB games at all is called off-season.
class DateRangeDialog final : public QDialog {
    Q_OBJECT
public:
    struct Preset {
        QString name;
        QDate start;
        QDate end;
    };
    static QList<Preset> presets(QDate today = QDate::currentDate());

    // The MLB calendar as far as a range needs it: games from mid-March (opening series)
    // to the first days of November (World Series); none in between.
    static bool isOffSeason(QDate date);
    static bool isOffSeason(QDate start, QDate end); // every date of the range
    // The default range of a first run: the last seven days before today that have
    // games — the past week in season, the regular season's last week otherwise.
    static std::pair<QDate, QDate> lastGameStretch(QDate today = QDate::currentDate());

    explicit DateRangeDialog(QDate start, QDate end, QWidget* parent = nullptr);
    ~DateRangeDialog() override;

    QDate start() const;
    QDate end() const;
    void setRange(QDate start, QDate end);
    void applyPreset(int index); // index into presets()
    QString errorText() const; // empty when the range is usable
    bool isAcceptable() const;

private:
    void validate();

    std::unique_ptr<Ui::DateRangeDialog> m_ui;
};

} // namespace bfs::app
