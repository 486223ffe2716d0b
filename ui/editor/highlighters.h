#pragma once

#include <QSyntaxHighlighter>

namespace subscope::ui {

enum class SyntaxLanguage
{
    GraphQL,
    Json
};

// Colours a document: with KSyntaxHighlighting when Subscope was built with it (KF6), else with
// our own highlighters below. The highlighter belongs to the document.
QSyntaxHighlighter *attachHighlighter(QTextDocument *document, SyntaxLanguage language);
// Which engine attachHighlighter() uses: "KSyntaxHighlighting" or "Subscope".
const char *highlighterEngine();

// GraphQL executable documents and SDL: keywords, names, $variables, @directives, strings
// (block strings across lines), numbers, comments.
class GraphqlHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    explicit GraphqlHighlighter(QTextDocument *document);

protected:
    void highlightBlock(const QString &text) override;
};

// JSON: keys, strings, numbers, true / false / null.
class JsonHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    explicit JsonHighlighter(QTextDocument *document);

protected:
    void highlightBlock(const QString &text) override;
};

} // namespace subscope::ui
