#pragma once

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <string_view>
#include <vector>

namespace subscope::graphql {

// 1-based line and column, computed exactly as graphql-core 3.2 (the Django server's engine)
// computes them: columns count Unicode code points, and the line is found with Python's
// str.splitlines() on the text before the position, so a position right after a line break is
// reported at the end of the previous line, and \v \f \x1c-\x1e U+0085 U+2028 U+2029 break lines.
struct SourceLocation
{
    int line = 0;
    int column = 0;
    friend bool operator==(const SourceLocation &, const SourceLocation &) = default;
};

// The text of a document or schema file (UTF-8) and its name for messages. Offsets everywhere in
// the engine are byte offsets into body(); location() turns them into line and column.
class Source
{
public:
    Source() = default;
    explicit Source(QByteArray body, QString name = QStringLiteral("GraphQL request"));

    const QByteArray &body() const { return m_body; }
    std::string_view view() const { return {m_body.constData(), size_t(m_body.size())}; }
    const QString &name() const { return m_name; }

    SourceLocation location(uint32_t offset) const;
    // Line and column as an editor shows them (lines end at \n, \r\n or \r), for schema files
    // and the explorer's editor.
    SourceLocation editorLocation(uint32_t offset) const;

private:
    struct LineBreak
    {
        uint32_t start;
        uint32_t end;
    };
    void indexLineBreaks() const;
    int codePoints(uint32_t from, uint32_t to) const;

    QByteArray m_body;
    QString m_name;
    mutable std::vector<LineBreak> m_breaks; // computed on first use
    mutable bool m_indexed = false;
};

} // namespace subscope::graphql
