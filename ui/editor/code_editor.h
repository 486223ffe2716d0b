#pragma once

#include <QPlainTextEdit>
#include <QTimer>

namespace subscope::ui {

// A problem in an editor's text: underlined, with its message as the tooltip.
struct TextProblem
{
    qsizetype position = 0; // in QString units
    qsizetype length = 1;
    QString message; // "line:column: message" style text is built by the view
    int line = 0;    // 1-based; 0 when unknown
    int column = 0;
};

// A monospace plain-text editor that checks its text a moment after each change (check()) and
// underlines the problems found.
class CodeEditor : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit CodeEditor(QWidget *parent = nullptr);

    const QList<TextProblem> &problems() const { return m_problems; }
    // Runs the check now instead of after the typing pause.
    void checkNow();
    // "2:5: message" for each problem, for a status line.
    QStringList problemLines() const;

signals:
    void problemsChanged();

protected:
    virtual QList<TextProblem> check() = 0;
    bool event(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void showProblems();

    QTimer m_checkDelay;
    QList<TextProblem> m_problems;
};

} // namespace subscope::ui
