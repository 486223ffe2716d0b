#include "highlighters.h"

#include "theme/appearance.h"
#include "theme/tones.h"

#include <QGuiApplication>
#include <QPalette>
#include <QSet>

#ifdef SUBSCOPE_HAVE_KSYNTAXHIGHLIGHTING
#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>
#endif

namespace subscope::ui {

namespace {

QTextCharFormat format(QColor colour, bool bold = false, bool italic = false)
{
    QTextCharFormat f;
    f.setForeground(colour);
    if (bold) f.setFontWeight(QFont::Bold);
    f.setFontItalic(italic);
    return f;
}

// Colours for a light and for a dark base.
struct Formats
{
    explicit Formats(bool dark)
        : keyword(format(dark ? QColor(0xc3, 0x9b, 0xd3) : QColor(0x8e, 0x44, 0xad), true))
        , type(format(dark ? QColor(0x85, 0xc1, 0xe9) : QColor(0x1f, 0x61, 0x8d)))
        , variable(format(dark ? QColor(0xf1, 0x94, 0x8a) : QColor(0xb0, 0x3a, 0x2e)))
        , directive(format(dark ? QColor(0xf7, 0xdc, 0x6f) : QColor(0x9a, 0x7d, 0x0a)))
        , string(format(dark ? QColor(0x82, 0xe0, 0xaa) : QColor(0x1e, 0x84, 0x49)))
        , number(format(dark ? QColor(0xf0, 0xb2, 0x7a) : QColor(0xaf, 0x60, 0x1a)))
        , comment(format(dark ? QColor(0x95, 0xa5, 0xa6) : QColor(0x7f, 0x8c, 0x8d), false, true))
        , key(format(dark ? QColor(0x85, 0xc1, 0xe9) : QColor(0x1f, 0x61, 0x8d), true))
    {}
    QTextCharFormat keyword, type, variable, directive, string, number, comment, key;
};

// The formats for the application's palette as it is now.
const Formats &formats()
{
    static const Formats light(false);
    static const Formats dark(true);
    return isDarkPalette() ? dark : light;
}

bool isNameStart(QChar c)
{
    return c == u'_' || (c.unicode() < 128 && c.isLetter());
}
bool isNameChar(QChar c)
{
    return isNameStart(c) || (c.unicode() < 128 && c.isDigit());
}

// From `i` (just after an opening quote) to just after the closing quote, or the line's end.
qsizetype stringEnd(const QString &text, qsizetype i)
{
    while (i < text.size()) {
        if (text[i] == u'\\') {
            i += 2;
            continue;
        }
        if (text[i++] == u'"') return i;
    }
    return text.size();
}

qsizetype numberEnd(const QString &text, qsizetype i)
{
    while (i < text.size() && (text[i].isDigit() || text[i] == u'.' || text[i] == u'e' ||
                               text[i] == u'E' || text[i] == u'+' || text[i] == u'-'))
        ++i;
    return i;
}

enum BlockState
{
    Normal = -1,
    InBlockString = 1
};

} // namespace

GraphqlHighlighter::GraphqlHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
{
    onApplicationPaletteChange(this, [this] { rehighlight(); });
}

void GraphqlHighlighter::highlightBlock(const QString &text)
{
    static const QSet<QString> keywords = {
        QStringLiteral("query"),     QStringLiteral("mutation"),  QStringLiteral("subscription"),
        QStringLiteral("fragment"),  QStringLiteral("on"),        QStringLiteral("true"),
        QStringLiteral("false"),     QStringLiteral("null"),      QStringLiteral("type"),
        QStringLiteral("input"),     QStringLiteral("enum"),      QStringLiteral("interface"),
        QStringLiteral("union"),     QStringLiteral("scalar"),    QStringLiteral("schema"),
        QStringLiteral("extend"),    QStringLiteral("directive"), QStringLiteral("implements"),
        QStringLiteral("repeatable")};
    const Formats &f = formats();
    const QString blockQuote = QStringLiteral("\"\"\"");
    qsizetype i = 0;
    setCurrentBlockState(Normal);
    if (previousBlockState() == InBlockString) {
        const qsizetype end = text.indexOf(blockQuote);
        if (end < 0) {
            setFormat(0, int(text.size()), f.string);
            setCurrentBlockState(InBlockString);
            return;
        }
        setFormat(0, int(end + 3), f.string);
        i = end + 3;
    }
    while (i < text.size()) {
        const QChar c = text[i];
        if (c == u'#') {
            setFormat(int(i), int(text.size() - i), f.comment);
            return;
        }
        if (text.mid(i, 3) == blockQuote) {
            const qsizetype end = text.indexOf(blockQuote, i + 3);
            if (end < 0) {
                setFormat(int(i), int(text.size() - i), f.string);
                setCurrentBlockState(InBlockString);
                return;
            }
            setFormat(int(i), int(end + 3 - i), f.string);
            i = end + 3;
        } else if (c == u'"') {
            const qsizetype end = stringEnd(text, i + 1);
            setFormat(int(i), int(end - i), f.string);
            i = end;
        } else if ((c == u'$' || c == u'@') && i + 1 < text.size() && isNameStart(text[i + 1])) {
            qsizetype end = i + 1;
            while (end < text.size() && isNameChar(text[end]))
                ++end;
            setFormat(int(i), int(end - i), c == u'$' ? f.variable : f.directive);
            i = end;
        } else if (isNameStart(c)) {
            qsizetype end = i;
            while (end < text.size() && isNameChar(text[end]))
                ++end;
            const QString word = text.mid(i, end - i);
            if (keywords.contains(word))
                setFormat(int(i), int(end - i), f.keyword);
            else if (word[0].isUpper())
                setFormat(int(i), int(end - i), f.type);
            i = end;
        } else if (c.isDigit() || (c == u'-' && i + 1 < text.size() && text[i + 1].isDigit())) {
            const qsizetype end = numberEnd(text, i + 1);
            setFormat(int(i), int(end - i), f.number);
            i = end;
        } else {
            ++i;
        }
    }
}

JsonHighlighter::JsonHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
{
    onApplicationPaletteChange(this, [this] { rehighlight(); });
}

void JsonHighlighter::highlightBlock(const QString &text)
{
    const Formats &f = formats();
    qsizetype i = 0;
    while (i < text.size()) {
        const QChar c = text[i];
        if (c == u'"') {
            const qsizetype end = stringEnd(text, i + 1);
            qsizetype next = end;
            while (next < text.size() && text[next].isSpace())
                ++next;
            const bool isKey = next < text.size() && text[next] == u':';
            setFormat(int(i), int(end - i), isKey ? f.key : f.string);
            i = end;
        } else if (c.isDigit() || c == u'-') {
            const qsizetype end = numberEnd(text, i + 1);
            setFormat(int(i), int(end - i), f.number);
            i = end;
        } else if (c.isLetter()) {
            qsizetype end = i;
            while (end < text.size() && text[end].isLetter())
                ++end;
            const QString word = text.mid(i, end - i);
            if (word == QLatin1String("true") || word == QLatin1String("false") ||
                word == QLatin1String("null"))
                setFormat(int(i), int(end - i), f.keyword);
            i = end;
        } else {
            ++i;
        }
    }
}

#ifdef SUBSCOPE_HAVE_KSYNTAXHIGHLIGHTING
namespace {
KSyntaxHighlighting::Repository &repository()
{
    static KSyntaxHighlighting::Repository repo;
    return repo;
}
} // namespace

QSyntaxHighlighter *attachHighlighter(QTextDocument *document, SyntaxLanguage language)
{
    const auto definition = repository().definitionForName(
        language == SyntaxLanguage::GraphQL ? QStringLiteral("GraphQL") : QStringLiteral("JSON"));
    if (!definition.isValid()) {
        if (language == SyntaxLanguage::GraphQL) return new GraphqlHighlighter(document);
        return new JsonHighlighter(document);
    }
    auto *highlighter = new KSyntaxHighlighting::SyntaxHighlighter(document);
    const auto useTheme = [highlighter] {
        highlighter->setTheme(repository().defaultTheme(
            isDarkPalette() ? KSyntaxHighlighting::Repository::DarkTheme
                            : KSyntaxHighlighting::Repository::LightTheme));
    };
    useTheme();
    highlighter->setDefinition(definition);
    onApplicationPaletteChange(highlighter, [highlighter, useTheme] {
        useTheme();
        highlighter->rehighlight();
    });
    return highlighter;
}

const char *highlighterEngine()
{
    return "KSyntaxHighlighting";
}
#else
QSyntaxHighlighter *attachHighlighter(QTextDocument *document, SyntaxLanguage language)
{
    if (language == SyntaxLanguage::GraphQL) return new GraphqlHighlighter(document);
    return new JsonHighlighter(document);
}

const char *highlighterEngine()
{
    return "Subscope";
}
#endif

} // namespace subscope::ui
