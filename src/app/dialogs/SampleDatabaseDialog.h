#pragma once

#include <QDialog>

#include <memory>

namespace Ui {
class SampleDatabaseDialog;
}

namespace bfs::app {

// Asks how many sample races to write, with which seed, and where. Refuses an empty
// path or a folder that does not exist; an existing file is only replaced after the
// user confirms.
class SampleDatabaseDialog final : public QDialog {
    Q_OBJECT
public:
    explicit SampleDatabaseDialog(QWidget* parent = nullptr);
    ~SampleDatabaseDialog() override;

    int races() const;
    quint64 seed() const;
    QString path() const;

    void accept() override;

private:
    std::unique_ptr<Ui::SampleDatabaseDialog> m_ui;
};

} // namespace bfs::app
