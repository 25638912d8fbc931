#pragma once

#include <QWidget>

namespace bfs {
class AppSettings;
}

namespace bfs::app {

// One page of the Preferences dialog (Performance, API, …): loads its fields from
// AppSettings, checks them, and writes them back when the dialog is accepted.
class PreferencesPage : public QWidget {
    Q_OBJECT
public:
    using QWidget::QWidget;

    virtual void load(const AppSettings& settings) = 0;
    virtual void save(AppSettings& settings) const = 0;
    // Empty when every field is acceptable; otherwise a message naming the field.
    virtual QString validate() const { return {}; }
};

} // namespace bfs::app
