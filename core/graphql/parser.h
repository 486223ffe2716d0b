#pragma once

#include "arena.h"
#include "ast.h"
#include "error.h"
#include "source.h"

#include <memory>
#include <optional>

namespace subscope::graphql {

// Limits against hostile documents. Over a limit the parse fails with a GraphQL error naming it.
struct ParseLimits
{
    qsizetype maxBytes = 64 * 1024; // document size in bytes of UTF-8
    uint32_t maxTokens = 10000;
    uint32_t maxDepth = 64; // nesting of selection sets, list and object values, list types

    static ParseLimits none() { return {0, 0, 0}; } // 0 disables a limit; for schema files
};

// A parsed document: its source, its syntax tree and the arena both live as long as this object.
class ParsedDocument
{
public:
    const Source &source() const { return m_source; }
    const ast::Document &root() const { return *m_root; }
    SourceLocation location(uint32_t offset) const { return m_source.location(offset); }
    SourceLocation location(const ast::Node &node) const { return m_source.location(node.start); }

private:
    friend class Parser;
    friend struct ParseResult parse(QByteArray, const struct ParseLimits &, const QString &);
    explicit ParsedDocument(Source source);

    Source m_source;
    Arena m_arena;
    const ast::Document *m_root = nullptr;
};

struct ParseResult
{
    std::unique_ptr<ParsedDocument> document; // null when parsing failed
    std::optional<GraphQLError> error;        // the first syntax error, or the limit exceeded
    uint32_t errorOffset = 0; // where that error is: a byte offset into the text as read
};

// Parses executable and type-system definitions (the whole October 2021 grammar). Input that is
// not valid UTF-8 is read with replacement characters.
ParseResult parse(QByteArray text, const ParseLimits &limits = {},
                  const QString &sourceName = QStringLiteral("GraphQL request"));

} // namespace subscope::graphql
