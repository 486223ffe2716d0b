#pragma once

#include "ast.h"
#include "schema.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Editor support for the explorer's GraphQL editor: completion, diagnostics, the outline of
// operations, pretty-printing and a check of the variables. Pure functions over the engine; they
// take the document as UTF-8 text, offsets are byte offsets into it, and none of them throws.
namespace subscope::graphql {

struct CompletionItem
{
    enum class Kind
    {
        Field,
        Argument,
        Type,
        Variable,
        Directive,
        EnumValue,
        InputField,
        Fragment,
        Keyword
    };
    Kind kind;
    std::string label;         // what to insert, e.g. "myModelCreated", "$id"
    std::string detail;        // the type, e.g. "MyModelType!" or "Int"; for types their kind
                               // ("object", "input object", ...); for directives their arguments
                               // ("(if: Boolean!)"); for fragments their type condition
    std::string documentation; // the description, may be empty
    bool deprecated = false;
};

struct Completion
{
    std::vector<CompletionItem> items; // in schema order; the UI filters by prefix itself
    uint32_t prefixStart = 0; // byte offset where the word under the cursor starts (== cursor
                              // when none)
    std::string prefix;       // the partial word typed before the cursor
};

// What may be typed at `cursor` (a UTF-8 byte offset into `document`, clamped to its size):
// - fields of the parent type inside a selection set, then __typename (and __schema, __type on
//   the query type); also right after a field, where a sibling may start;
// - arguments of a field or directive inside its ( );
// - input fields inside an input object value { };
// - where a value is expected: the enum values of its type, true/false for Boolean, null when it
//   is nullable, and the "$variables" declared by the current operation (not in default values
//   or fragments). Labels of variables include the '$', and so does the prefix when a '$' was
//   typed: after "$i" the prefix is "$i";
// - composite type names after "on" (in an inline fragment those that can apply to the parent
//   type), input type names in variable definitions after ':' or '[';
// - directive names valid at that location after '@' (labels without '@');
// - names of the fragments defined anywhere in the document that can apply to the parent type,
//   and the keyword "on", after "...";
// - at top level the keywords query, mutation and subscription (those the schema has a root
//   type for) and fragment.
// Nothing is offered inside strings, comments and numbers. Works on incomplete text: the engine's
// lexer reads the text up to the cursor token by token (skipping what it cannot read) and a small
// stack of contexts follows the grammar.
Completion complete(const Schema &schema, std::string_view document, uint32_t cursor);

struct Diagnostic
{
    uint32_t offset = 0; // byte offset of the start of the underline
    uint32_t length = 1; // bytes (at least 1; the token at the error location, or 1 at end of text)
    uint32_t line = 0, column = 0; // 1-based, as the engine reports (graphql-core's rules)
    std::string message;           // the engine's message, exactly
};

// The syntax error (parser, with the server's limits), else the validation errors (all specified
// rules) of the document against the schema, each located at the token its first location points
// to; a '$', '@' or '...' token is underlined together with the name that follows it. Errors
// without a location (e.g. "Document is too large") are put at offset 0. Empty when the document
// is valid, and when it holds nothing but white space, commas and comments.
std::vector<Diagnostic> diagnose(const Schema &schema, std::string_view document);

struct OperationSummary
{
    std::optional<std::string> name;
    ast::OperationType type;
    uint32_t offset; // byte offset of the definition
};

// The operations of a document that parses (empty when it does not), in document order.
std::vector<OperationSummary> listOperations(std::string_view document);

// The document pretty-printed the way graphql-js 16's print() writes it: 2-space indent, one
// selection per line, arguments inline (on their own lines when the line would pass 80
// characters), block strings kept, no trailing newline. Type-system definitions are copied as
// written. Comments are lost. nullopt, with *error (when not null) set to the syntax error
// message, when the document does not parse.
std::optional<std::string> prettify(std::string_view document, std::string *error);

// Checks a variables JSON text against the operation's variable definitions (the operation chosen
// as graphql-core does: operationName, or the only one). Returns the engine's coercion error
// messages (graphql-core wording, the same as the server would answer), or a JSON syntax error
// message ("Variables are not valid JSON: ..."), or "Variables must be a JSON object."; JSON null
// and empty text count as {}. Empty when fine, or when the document does not parse or no
// operation can be chosen (the editor shows that separately).
std::vector<std::string> checkVariables(const Schema &schema, std::string_view document,
                                        std::string_view variablesJson,
                                        const std::optional<std::string> &operationName);

} // namespace subscope::graphql
