#include "editor_support.h"

#include "json_value.h"
#include "lexer.h"
#include "parser.h"
#include "printer.h"
#include "request.h"
#include "validation/validate.h"
#include "values.h"

#include <algorithm>

namespace subscope::graphql {

namespace {

QByteArray toByteArray(std::string_view text)
{
    return QByteArray(text.data(), qsizetype(text.size()));
}

// ------------------------------------------------------------------------------------------------
// Lexing text that may be broken anywhere (the user is typing)

struct LexedText
{
    std::vector<Token> tokens;  // the significant tokens (no comments); string values dropped
    bool endsInLiteral = false; // the text ends inside a string, comment, number or unreadable text
};

uint32_t skipIgnored(std::string_view text, uint32_t position)
{
    while (position < text.size()) {
        const char c = text[position];
        if (c == ' ' || c == '\t' || c == ',' || c == '\n' || c == '\r')
            ++position;
        else if (text.substr(position, 3) == "\xEF\xBB\xBF")
            position += 3;
        else
            break;
    }
    return position;
}

// Where a string literal the lexer refused (a bad escape, no closing quote) ends, or npos when it
// runs to the end of the text.
size_t brokenStringEnd(std::string_view text, size_t start)
{
    const std::string_view triple = "\"\"\"";
    if (text.substr(start, 3) == triple) {
        for (size_t i = start + 3; i < text.size(); ++i) {
            if (text.substr(i, 4) == "\\\"\"\"")
                i += 3;
            else if (text.substr(i, 3) == triple)
                return i + 3;
        }
        return std::string_view::npos;
    }
    for (size_t i = start + 1; i < text.size(); ++i) {
        if (text[i] == '\\')
            ++i;
        else if (text[i] == '"')
            return i + 1;
        else if (text[i] == '\n' || text[i] == '\r')
            return i;
    }
    return std::string_view::npos;
}

// Reads every token the engine's lexer can read; an unreadable string counts as a string, any
// other unreadable character is skipped.
LexedText lexTolerant(std::string_view text)
{
    LexedText result;
    Arena arena;
    Lexer lexer(text, arena);
    const auto size = uint32_t(text.size());
    uint32_t position = 0;
    while (position < size) {
        try {
            Token token = lexer.readToken(position);
            if (token.kind == TokenKind::EndOfFile) break;
            position = token.end;
            if (token.kind == TokenKind::Comment) {
                result.endsInLiteral = token.end == size;
                continue;
            }
            if (token.kind == TokenKind::String || token.kind == TokenKind::BlockString)
                token.value = {}; // it lives in the arena
            result.tokens.push_back(token);
        } catch (const SyntaxError &error) {
            const uint32_t start = skipIgnored(text, position);
            const size_t end = start < size && text[start] == '"'
                                   ? brokenStringEnd(text, start)
                                   : std::max(error.offset, start) + 1;
            if (end >= size) {
                result.endsInLiteral = true;
                break;
            }
            if (text[start] == '"')
                result.tokens.push_back({TokenKind::String, start, uint32_t(end), {}});
            position = uint32_t(end);
        }
    }
    if (!result.tokens.empty()) {
        const Token &last = result.tokens.back();
        if ((last.kind == TokenKind::Int || last.kind == TokenKind::Float) && last.end == size)
            result.endsInLiteral = true;
    }
    return result;
}

// ------------------------------------------------------------------------------------------------
// Completion items

CompletionItem item(CompletionItem::Kind kind, std::string label, std::string detail = {},
                    const std::optional<std::string> &documentation = {}, bool deprecated = false)
{
    return {kind, std::move(label), std::move(detail), documentation.value_or(std::string()),
            deprecated};
}

CompletionItem fieldItem(const FieldDefinition &field)
{
    return item(CompletionItem::Kind::Field, field.name, field.type.toString(), field.description,
                field.deprecation.deprecated);
}

CompletionItem inputValueItem(CompletionItem::Kind kind, const InputValue &value)
{
    return item(kind, value.name, value.type.toString(), value.description,
                value.deprecation.deprecated);
}

CompletionItem typeItem(const NamedType &type)
{
    return item(CompletionItem::Kind::Type, type.name, typeKindName(type.kind), type.description);
}

std::string argumentsSignature(const std::vector<InputValue> &arguments)
{
    std::string out;
    for (const InputValue &argument : arguments)
        out += (out.empty() ? "(" : ", ") + argument.name + ": " + argument.type.toString();
    return out.empty() ? out : out + ')';
}

bool isIntrospectionName(std::string_view name)
{
    return name.substr(0, 2) == "__";
}

// A fragment definition found in the document: `fragment Name on Type`.
struct FragmentInfo
{
    std::string name;
    std::string typeCondition;
};

std::vector<FragmentInfo> fragmentsOf(std::string_view document)
{
    std::vector<FragmentInfo> fragments;
    const std::vector<Token> tokens = lexTolerant(document).tokens;
    int depth = 0;
    auto isName = [&](size_t i, std::string_view value = {}) {
        return i < tokens.size() && tokens[i].kind == TokenKind::Name &&
               (value.empty() || tokens[i].value == value);
    };
    for (size_t i = 0; i < tokens.size(); ++i) {
        if (tokens[i].kind == TokenKind::BraceL) ++depth;
        if (tokens[i].kind == TokenKind::BraceR && depth > 0) --depth;
        if (depth == 0 && isName(i, "fragment") && isName(i + 1) && isName(i + 2, "on") &&
            isName(i + 3))
            fragments.push_back(
                {std::string(tokens[i + 1].value), std::string(tokens[i + 3].value)});
    }
    return fragments;
}

// ------------------------------------------------------------------------------------------------
// The context at the cursor: a stack of grammar contexts fed with the tokens before it

enum class Context : uint8_t
{
    Document,
    Skip, // a type-system definition
    Operation,
    VariableDefinitions,
    SelectionSet,
    Arguments,
    Value,
    ListValue,
    ObjectValue,
    Directive,
    FragmentDefinition,
};

enum class Step : uint8_t
{
    Start,
    // variable definitions
    VariableName,
    VariableColon,
    Type, // expecting '[' or a type name
    InType,
    AfterType,
    // selection set
    AfterField,
    AfterAlias,
    AfterSpread,
    TypeCondition, // also in fragment definitions
    FragmentHeader,
    AfterFragmentSpread,
    // arguments, object value: after a name
    Colon,
    // value
    AfterDollar,
    // directive, fragment definition
    AfterName,
    Done,
};

struct Frame
{
    explicit Frame(Context context, const NamedType *type = nullptr)
        : context(context)
        , type(type)
    {}

    Context context;
    Step step = Step::Start;
    // Selection set: the parent type; object value: the input type; fragment definition and
    // operation: the type of its selection set.
    const NamedType *type = nullptr;
    const NamedType *condition = nullptr;   // selection set: an inline fragment's type condition
    const FieldDefinition *field = nullptr; // selection set: the field just named
    const std::vector<InputValue> *arguments = nullptr; // arguments, directive
    TypeRef valueType; // value, list value (its items), arguments and object value (pending)
    DirectiveLocation location = DirectiveLocation::Field; // directive, operation
    bool allowVariables = true;
    uint32_t offset = 0; // value: where its '$' is; skip: the nesting of braces
};

struct DeclaredVariable
{
    std::string name;
    std::string typeText;
    TypeRef type;
    int listDepth = 0;
};

bool isCloser(TokenKind kind)
{
    return kind == TokenKind::ParenR || kind == TokenKind::BracketR || kind == TokenKind::BraceR;
}

bool startsValue(TokenKind kind)
{
    switch (kind) {
    case TokenKind::Dollar:
    case TokenKind::BracketL:
    case TokenKind::BraceL:
    case TokenKind::Name:
    case TokenKind::Int:
    case TokenKind::Float:
    case TokenKind::String:
    case TokenKind::BlockString:
        return true;
    default:
        return false;
    }
}

std::optional<ast::OperationType> operationKeyword(std::string_view word)
{
    if (word == "query") return ast::OperationType::Query;
    if (word == "mutation") return ast::OperationType::Mutation;
    if (word == "subscription") return ast::OperationType::Subscription;
    return std::nullopt;
}

DirectiveLocation operationLocation(ast::OperationType type)
{
    switch (type) {
    case ast::OperationType::Mutation:
        return DirectiveLocation::Mutation;
    case ast::OperationType::Subscription:
        return DirectiveLocation::Subscription;
    default:
        return DirectiveLocation::Query;
    }
}

// What a list value's items are; lenient (a list may be given where one item is expected).
TypeRef itemType(TypeRef type)
{
    const TypeRef nullable = type.nullable();
    return nullable.isList() ? nullable.ofType() : nullable;
}

const NamedType *compositeType(TypeRef type)
{
    const NamedType *named = type.named();
    return named && named->isCompositeType() ? named : nullptr;
}

TypeRef inputValueType(const std::vector<InputValue> *values, std::string_view name)
{
    if (!values) return {};
    for (const InputValue &value : *values)
        if (value.name == name) return value.type;
    return {};
}

class ContextMachine
{
public:
    ContextMachine(const Schema &schema, std::string_view text)
        : m_schema(schema)
        , m_text(text)
    {
        m_stack.push_back(Frame(Context::Document));
    }

    // Each pass consumes the token or pops a context; the document consumes every token.
    void feed(const Token &token)
    {
        while (!handle(token))
            m_stack.pop_back();
    }

    void complete(Completion &completion, const std::vector<FragmentInfo> &fragments) const;

private:
    bool handle(const Token &token)
    {
        Frame &frame = m_stack.back();
        switch (frame.context) {
        case Context::Document:
            return onDocument(token);
        case Context::Skip:
            return onSkip(frame, token);
        case Context::Operation:
            return onOperation(frame, token);
        case Context::VariableDefinitions:
            return onVariableDefinitions(frame, token);
        case Context::SelectionSet:
            return onSelectionSet(frame, token);
        case Context::Arguments:
            return onArguments(frame, token);
        case Context::Value:
            return onValue(frame, token);
        case Context::ListValue:
            return onListValue(frame, token);
        case Context::ObjectValue:
            return onObjectValue(frame, token);
        case Context::Directive:
            return onDirective(frame, token);
        case Context::FragmentDefinition:
            return onFragmentDefinition(frame, token);
        }
        return true;
    }

    // Invalidates references to frames: always the last thing a handler does.
    bool push(Frame frame)
    {
        frame.allowVariables = frame.allowVariables && m_stack.back().allowVariables;
        m_stack.push_back(frame);
        return true;
    }
    bool popAndConsume()
    {
        m_stack.pop_back();
        return true;
    }
    static Frame selectionSet(const NamedType *type) { return Frame(Context::SelectionSet, type); }
    static Frame directive(DirectiveLocation location)
    {
        Frame frame(Context::Directive);
        frame.location = location;
        return frame;
    }
    static Frame arguments(const std::vector<InputValue> *definitions)
    {
        Frame frame(Context::Arguments);
        frame.arguments = definitions;
        return frame;
    }
    static Frame value(TypeRef type, bool allowVariables = true)
    {
        Frame frame(Context::Value);
        frame.valueType = type;
        frame.allowVariables = allowVariables;
        return frame;
    }

    const FieldDefinition *lookupField(const NamedType *parent, std::string_view name) const
    {
        if (!parent) return nullptr;
        if (name == "__typename") return &m_schema.typeNameMetaField();
        if (parent == m_schema.queryType()) {
            if (name == "__schema") return &m_schema.schemaMetaField();
            if (name == "__type") return &m_schema.typeMetaField();
        }
        return parent->field(name);
    }

    bool onDocument(const Token &token)
    {
        if (token.kind == TokenKind::BraceL) {
            m_variables.clear();
            return push(selectionSet(m_schema.queryType()));
        }
        if (token.kind != TokenKind::Name) return true;
        m_variables.clear();
        if (const auto type = operationKeyword(token.value)) {
            Frame frame(Context::Operation, m_schema.rootType(*type));
            frame.location = operationLocation(*type);
            return push(frame);
        }
        if (token.value == "fragment") return push(Frame(Context::FragmentDefinition));
        return push(Frame(Context::Skip));
    }

    bool onSkip(Frame &frame, const Token &token)
    {
        if (token.kind == TokenKind::BraceL) ++frame.offset;
        if (token.kind == TokenKind::BraceR && frame.offset > 0 && --frame.offset == 0)
            return popAndConsume();
        const bool executableKeyword = token.kind == TokenKind::Name &&
                                       (operationKeyword(token.value) || token.value == "fragment");
        return frame.offset > 0 || !executableKeyword;
    }

    bool onOperation(Frame &frame, const Token &token)
    {
        switch (token.kind) {
        case TokenKind::ParenL:
            return push(Frame(Context::VariableDefinitions));
        case TokenKind::At:
            return push(directive(frame.location));
        case TokenKind::BraceL:
            frame = selectionSet(frame.type);
            return true;
        default:
            return !isCloser(token.kind);
        }
    }

    bool onVariableDefinitions(Frame &frame, const Token &token)
    {
        switch (frame.step) {
        case Step::VariableName:
            frame.step = Step::Start;
            if (token.kind != TokenKind::Name) break;
            m_pending = {};
            m_pending.name = std::string(token.value);
            frame.step = Step::VariableColon;
            return true;
        case Step::VariableColon:
            frame.step = token.kind == TokenKind::Colon ? Step::Type : Step::Start;
            if (token.kind == TokenKind::Colon) return true;
            break;
        case Step::Type:
        case Step::InType:
            if (readType(frame, token)) return true;
            m_variables.push_back(m_pending);
            frame.step = Step::AfterType;
            break;
        default:
            break;
        }
        switch (token.kind) {
        case TokenKind::Dollar:
            frame.step = Step::VariableName;
            return true;
        case TokenKind::Equals:
            return frame.step == Step::AfterType ? push(value(m_pending.type, false)) : true;
        case TokenKind::At:
            return push(directive(DirectiveLocation::VariableDefinition));
        case TokenKind::ParenR:
            return popAndConsume();
        default:
            return !isCloser(token.kind) && token.kind != TokenKind::BraceL;
        }
    }

    // Reads a token of a variable's type, e.g. [Int!]!; false when the type is complete.
    bool readType(Frame &frame, const Token &token)
    {
        DeclaredVariable &v = m_pending;
        if (frame.step == Step::Type && token.kind == TokenKind::BracketL) {
            v.typeText += '[';
            ++v.listDepth;
        } else if (frame.step == Step::Type && token.kind == TokenKind::Name) {
            v.typeText += token.value;
            v.type = TypeRef(m_schema.type(token.value));
            frame.step = Step::InType;
        } else if (frame.step == Step::InType && token.kind == TokenKind::Bang) {
            v.typeText += '!';
            v.type = TypeRef::nonNull(v.type);
        } else if (frame.step == Step::InType && token.kind == TokenKind::BracketR &&
                   v.listDepth > 0) {
            v.typeText += ']';
            v.type = TypeRef::listOf(v.type);
            --v.listDepth;
        } else {
            return false;
        }
        return true;
    }

    bool onSelectionSet(Frame &frame, const Token &token)
    {
        if (continueSelection(frame, token)) return true;
        switch (token.kind) {
        case TokenKind::Name:
            frame.field = lookupField(frame.type, token.value);
            frame.step = Step::AfterField;
            return true;
        case TokenKind::Spread:
            frame.step = Step::AfterSpread;
            frame.condition = nullptr;
            return true;
        case TokenKind::BraceL:
            frame.step = Step::Start;
            return push(selectionSet(nullptr));
        case TokenKind::BraceR:
            return popAndConsume();
        default:
            frame.step = Step::Start;
            return true;
        }
    }

    // The tokens that continue the selection begun before; false when a new one may begin.
    bool continueSelection(Frame &frame, const Token &token)
    {
        const TokenKind kind = token.kind;
        switch (frame.step) {
        case Step::AfterField:
            if (kind == TokenKind::Colon) frame.step = Step::AfterAlias;
            if (kind == TokenKind::ParenL)
                return push(arguments(frame.field ? &frame.field->arguments : nullptr));
            if (kind == TokenKind::At) return push(directive(DirectiveLocation::Field));
            if (kind == TokenKind::BraceL) {
                const NamedType *type = frame.field ? compositeType(frame.field->type) : nullptr;
                frame.step = Step::Start;
                return push(selectionSet(type));
            }
            return kind == TokenKind::Colon;
        case Step::AfterAlias:
            frame.step = Step::Start;
            return false;
        case Step::AfterSpread:
            if (kind == TokenKind::Name) {
                frame.step = token.value == "on" ? Step::TypeCondition : Step::AfterFragmentSpread;
                return true;
            }
            frame.step = Step::FragmentHeader;
            return continueSelection(frame, token);
        case Step::TypeCondition:
            frame.step = Step::FragmentHeader;
            if (kind != TokenKind::Name) return continueSelection(frame, token);
            frame.condition = m_schema.type(token.value);
            return true;
        case Step::FragmentHeader:
            if (kind == TokenKind::At) return push(directive(DirectiveLocation::InlineFragment));
            frame.step = Step::Start;
            if (kind != TokenKind::BraceL) return false;
            return push(selectionSet(frame.condition ? frame.condition : frame.type));
        case Step::AfterFragmentSpread:
            return kind == TokenKind::At && push(directive(DirectiveLocation::FragmentSpread));
        default:
            return false;
        }
    }

    bool onArguments(Frame &frame, const Token &token)
    {
        if (frame.step == Step::Colon && token.kind == TokenKind::Colon) {
            frame.step = Step::Start;
            return push(value(frame.valueType));
        }
        frame.step = Step::Start;
        switch (token.kind) {
        case TokenKind::Name:
            frame.valueType = inputValueType(frame.arguments, token.value);
            frame.step = Step::Colon;
            return true;
        case TokenKind::ParenR:
            return popAndConsume();
        default:
            return !isCloser(token.kind) && token.kind != TokenKind::BraceL;
        }
    }

    bool onValue(Frame &frame, const Token &token)
    {
        if (frame.step == Step::AfterDollar)
            return token.kind == TokenKind::Name && popAndConsume();
        switch (token.kind) {
        case TokenKind::Dollar:
            frame.step = Step::AfterDollar;
            frame.offset = token.start;
            return true;
        case TokenKind::BracketL:
            frame.context = Context::ListValue;
            frame.valueType = itemType(frame.valueType);
            return true;
        case TokenKind::BraceL: {
            const NamedType *named = frame.valueType.named();
            frame.context = Context::ObjectValue;
            frame.type = named && named->kind == TypeKind::InputObject ? named : nullptr;
            return true;
        }
        default:
            return startsValue(token.kind) && popAndConsume();
        }
    }

    bool onListValue(Frame &frame, const Token &token)
    {
        if (token.kind == TokenKind::BracketR) return popAndConsume();
        if (isCloser(token.kind)) return false;
        if (!startsValue(token.kind)) return true;
        push(value(frame.valueType));
        return onValue(m_stack.back(), token); // consumes every token that starts a value
    }

    bool onObjectValue(Frame &frame, const Token &token)
    {
        if (frame.step == Step::Colon && token.kind == TokenKind::Colon) {
            frame.step = Step::Start;
            return push(value(frame.valueType));
        }
        frame.step = Step::Start;
        switch (token.kind) {
        case TokenKind::Name:
            frame.valueType =
                inputValueType(frame.type ? &frame.type->inputFields : nullptr, token.value);
            frame.step = Step::Colon;
            return true;
        case TokenKind::BraceR:
            return popAndConsume();
        default:
            return !isCloser(token.kind);
        }
    }

    bool onDirective(Frame &frame, const Token &token)
    {
        if (frame.step == Step::Start && token.kind == TokenKind::Name) {
            const DirectiveDefinition *definition = m_schema.directive(token.value);
            frame.arguments = definition ? &definition->arguments : nullptr;
            frame.step = Step::AfterName;
            return true;
        }
        if (frame.step == Step::AfterName && token.kind == TokenKind::ParenL) {
            frame.step = Step::Done;
            return push(arguments(frame.arguments));
        }
        return false;
    }

    bool onFragmentDefinition(Frame &frame, const Token &token)
    {
        const bool isName = token.kind == TokenKind::Name;
        if (frame.step == Step::Start && isName) {
            frame.step = Step::AfterName;
            return true;
        }
        if (frame.step == Step::AfterName && isName && token.value == "on") {
            frame.step = Step::TypeCondition;
            return true;
        }
        if (frame.step == Step::TypeCondition && isName) {
            frame.type = m_schema.type(token.value);
            frame.step = Step::FragmentHeader;
            return true;
        }
        frame.step = Step::FragmentHeader;
        if (token.kind == TokenKind::At)
            return push(directive(DirectiveLocation::FragmentDefinition));
        if (token.kind == TokenKind::BraceL) frame = selectionSet(frame.type);
        return !isCloser(token.kind);
    }

    void addFields(std::vector<CompletionItem> &items, const NamedType *parent) const;
    void addValues(std::vector<CompletionItem> &items, const Frame &frame) const;
    void addVariables(std::vector<CompletionItem> &items) const;
    void addTypes(std::vector<CompletionItem> &items, bool input, const NamedType *parent) const;
    void addFragments(std::vector<CompletionItem> &items, const NamedType *parent,
                      const std::vector<FragmentInfo> &fragments) const;
    void addKeywords(std::vector<CompletionItem> &items) const;
    void addDirectives(std::vector<CompletionItem> &items, DirectiveLocation location) const;

    const Schema &m_schema;
    std::string_view m_text; // up to the cursor
    std::vector<Frame> m_stack;
    std::vector<DeclaredVariable> m_variables; // of the current operation
    DeclaredVariable m_pending;                // the variable being defined
};

void ContextMachine::complete(Completion &completion,
                              const std::vector<FragmentInfo> &fragments) const
{
    const Frame &frame = m_stack.back();
    auto &items = completion.items;
    switch (frame.context) {
    case Context::Document:
        return addKeywords(items);
    case Context::Skip: // after a type-system definition, where the next one may begin
        if (frame.offset == 0) addKeywords(items);
        return;
    case Context::SelectionSet:
        if (frame.step == Step::AfterSpread) return addFragments(items, frame.type, fragments);
        if (frame.step == Step::TypeCondition) return addTypes(items, false, frame.type);
        if (frame.step != Step::FragmentHeader) addFields(items, frame.type);
        return;
    case Context::VariableDefinitions:
        if (frame.step == Step::Type) addTypes(items, true, nullptr);
        return;
    case Context::Arguments:
        if (frame.step == Step::Start && frame.arguments)
            for (const InputValue &argument : *frame.arguments)
                items.push_back(inputValueItem(CompletionItem::Kind::Argument, argument));
        return;
    case Context::Value:
        if (frame.step == Step::AfterDollar) {
            completion.prefixStart = frame.offset;
            completion.prefix = std::string(m_text.substr(frame.offset));
            if (frame.allowVariables) addVariables(items);
            return;
        }
        return addValues(items, frame);
    case Context::ListValue:
        return addValues(items, frame);
    case Context::ObjectValue:
        if (frame.step == Step::Start && frame.type)
            for (const InputValue &field : frame.type->inputFields)
                items.push_back(inputValueItem(CompletionItem::Kind::InputField, field));
        return;
    case Context::Directive:
        if (frame.step == Step::Start) addDirectives(items, frame.location);
        return;
    case Context::FragmentDefinition:
        if (frame.step == Step::AfterName)
            items.push_back(item(CompletionItem::Kind::Keyword, "on"));
        if (frame.step == Step::TypeCondition) addTypes(items, false, nullptr);
        return;
    default:
        return;
    }
}

void ContextMachine::addFields(std::vector<CompletionItem> &items, const NamedType *parent) const
{
    if (!parent) return;
    for (const FieldDefinition &field : parent->fields)
        items.push_back(fieldItem(field));
    items.push_back(fieldItem(m_schema.typeNameMetaField()));
    if (parent == m_schema.queryType()) {
        items.push_back(fieldItem(m_schema.schemaMetaField()));
        items.push_back(fieldItem(m_schema.typeMetaField()));
    }
}

void ContextMachine::addValues(std::vector<CompletionItem> &items, const Frame &frame) const
{
    const TypeRef type = frame.valueType;
    if (const NamedType *named = type.named()) {
        for (const EnumValueDefinition &value : named->enumValues)
            items.push_back(item(CompletionItem::Kind::EnumValue, value.name, named->name,
                                 value.description, value.deprecation.deprecated));
        if (named->name == "Boolean") {
            items.push_back(item(CompletionItem::Kind::Keyword, "true", "Boolean"));
            items.push_back(item(CompletionItem::Kind::Keyword, "false", "Boolean"));
        }
        if (!type.isNonNull()) items.push_back(item(CompletionItem::Kind::Keyword, "null"));
    }
    if (frame.allowVariables) addVariables(items);
}

void ContextMachine::addVariables(std::vector<CompletionItem> &items) const
{
    for (const DeclaredVariable &variable : m_variables)
        items.push_back(
            item(CompletionItem::Kind::Variable, '$' + variable.name, variable.typeText));
}

// Input types, or the composite types that may be a type condition inside `parent`.
void ContextMachine::addTypes(std::vector<CompletionItem> &items, bool input,
                              const NamedType *parent) const
{
    for (const NamedType *type : m_schema.types()) {
        if (isIntrospectionName(type->name)) continue;
        const bool fits =
            input ? type->isInputType()
                  : type->isCompositeType() && (!parent || m_schema.doTypesOverlap(parent, type));
        if (fits) items.push_back(typeItem(*type));
    }
}

void ContextMachine::addFragments(std::vector<CompletionItem> &items, const NamedType *parent,
                                  const std::vector<FragmentInfo> &fragments) const
{
    for (const FragmentInfo &fragment : fragments) {
        const NamedType *type = m_schema.type(fragment.typeCondition);
        const bool applies =
            !parent || !type || !type->isCompositeType() || m_schema.doTypesOverlap(parent, type);
        if (applies)
            items.push_back(
                item(CompletionItem::Kind::Fragment, fragment.name, fragment.typeCondition));
    }
    items.push_back(item(CompletionItem::Kind::Keyword, "on"));
}

void ContextMachine::addKeywords(std::vector<CompletionItem> &items) const
{
    for (const auto type : {ast::OperationType::Query, ast::OperationType::Mutation,
                            ast::OperationType::Subscription})
        if (m_schema.rootType(type))
            items.push_back(item(CompletionItem::Kind::Keyword, ast::operationTypeName(type)));
    items.push_back(item(CompletionItem::Kind::Keyword, "fragment"));
}

void ContextMachine::addDirectives(std::vector<CompletionItem> &items,
                                   DirectiveLocation location) const
{
    for (const DirectiveDefinition *directive : m_schema.directives())
        if (directive->hasLocation(location))
            items.push_back(item(CompletionItem::Kind::Directive, directive->name,
                                 argumentsSignature(directive->arguments), directive->description));
}

// ------------------------------------------------------------------------------------------------
// Diagnostics

bool isBlank(std::string_view document)
{
    Arena arena;
    Lexer lexer(document, arena);
    try {
        Token token = lexer.readToken(0);
        while (token.kind == TokenKind::Comment)
            token = lexer.readToken(token.end);
        return token.kind == TokenKind::EndOfFile;
    } catch (const SyntaxError &) {
        return false;
    }
}

// The byte range to underline for an error at `offset`: the token there, with the name after a
// '$', '@' or '...'.
uint32_t underlineLength(std::string_view text, uint32_t offset)
{
    Arena arena;
    Lexer lexer(text, arena);
    try {
        const Token token = lexer.readToken(offset);
        if (token.start != offset || token.kind == TokenKind::EndOfFile) return 1;
        const bool prefix = token.kind == TokenKind::Dollar || token.kind == TokenKind::At ||
                            token.kind == TokenKind::Spread;
        if (prefix) {
            const Token name = lexer.readToken(token.end);
            if (name.kind == TokenKind::Name && name.start == token.end && name.value != "on")
                return name.end - offset;
        }
        return std::max<uint32_t>(1, token.end - token.start);
    } catch (const SyntaxError &) {
        return 1;
    }
}

Diagnostic diagnosticAt(std::string_view text, uint32_t offset, SourceLocation location,
                        std::string message)
{
    Diagnostic diagnostic;
    diagnostic.offset = std::min(offset, uint32_t(text.size()));
    diagnostic.length = underlineLength(text, diagnostic.offset);
    diagnostic.line = uint32_t(location.line);
    diagnostic.column = uint32_t(location.column);
    diagnostic.message = std::move(message);
    return diagnostic;
}

bool locatedBefore(const SourceLocation &a, const SourceLocation &b)
{
    return a.line != b.line ? a.line < b.line : a.column < b.column;
}

// The start of the token the engine locates at `location`. Locations grow with offsets, so the
// tokens can be searched by halves.
std::optional<uint32_t> tokenAt(const Source &source, const std::vector<Token> &tokens,
                                SourceLocation location)
{
    const auto it = std::partition_point(tokens.begin(), tokens.end(), [&](const Token &token) {
        return locatedBefore(source.location(token.start), location);
    });
    if (it == tokens.end() || !(source.location(it->start) == location)) return std::nullopt;
    return it->start;
}

std::vector<Diagnostic> validationDiagnostics(const Schema &schema, const ParsedDocument &document)
{
    const GraphQLErrors errors = validate(schema, document);
    if (errors.empty()) return {};
    const std::string_view text = document.source().view();
    const std::vector<Token> tokens = lexTolerant(text).tokens;
    std::vector<Diagnostic> diagnostics;
    for (const GraphQLError &error : errors) {
        std::optional<uint32_t> offset;
        SourceLocation location{1, 1};
        if (!error.locations.empty()) {
            location = error.locations.front();
            offset = tokenAt(document.source(), tokens, location);
        }
        diagnostics.push_back(diagnosticAt(text, offset.value_or(0), location, error.message));
    }
    return diagnostics;
}

// ------------------------------------------------------------------------------------------------
// Printing, as graphql-js 16's print() does

std::string join(const std::vector<std::string> &parts, std::string_view separator)
{
    std::string out;
    for (const std::string &part : parts) {
        if (part.empty()) continue;
        if (!out.empty()) out += separator;
        out += part;
    }
    return out;
}

std::string wrap(std::string_view start, const std::string &text, std::string_view end = {})
{
    return text.empty() ? std::string() : std::string(start) + text + std::string(end);
}

std::string indent(const std::string &text)
{
    std::string out;
    for (char c : text) {
        out += c;
        if (c == '\n') out += "  ";
    }
    return wrap("  ", out);
}

std::string block(const std::vector<std::string> &items)
{
    return wrap("{\n", indent(join(items, "\n")), "\n}");
}

// The length JavaScript sees: UTF-16 code units.
size_t jsLength(std::string_view text)
{
    size_t length = 0;
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte & 0xC0) != 0x80) ++length;
        if (byte >= 0xF0) ++length; // a supplementary character is a surrogate pair
    }
    return length;
}

template <class T, class F> std::vector<std::string> printEach(const ast::List<T> &nodes, F print)
{
    std::vector<std::string> out;
    for (const T *node : nodes)
        out.push_back(print(*node));
    return out;
}

class DocumentPrinter
{
public:
    explicit DocumentPrinter(std::string_view text)
        : m_text(text)
    {}

    std::string document(const ast::Document &document) const
    {
        return join(printEach(document.definitions,
                              [this](const ast::Definition &d) { return definition(d); }),
                    "\n\n");
    }

private:
    std::string definition(const ast::Definition &definition) const
    {
        if (definition.kind == ast::Kind::OperationDefinition)
            return operation(static_cast<const ast::OperationDefinition &>(definition));
        if (definition.kind == ast::Kind::FragmentDefinition)
            return fragment(static_cast<const ast::FragmentDefinition &>(definition));
        return std::string(m_text.substr(definition.start, definition.end - definition.start));
    }

    std::string operation(const ast::OperationDefinition &operation) const
    {
        const std::string variables =
            wrap("(",
                 join(printEach(operation.variableDefinitions,
                                [this](const ast::VariableDefinition &v) { return variable(v); }),
                      ", "),
                 ")");
        const std::string prefix =
            join({ast::operationTypeName(operation.operation),
                  std::string(operation.name.value) + variables, directives(operation.directives)},
                 " ");
        return (prefix == "query" ? std::string() : prefix + ' ') +
               selectionSet(operation.selectionSet);
    }

    std::string variable(const ast::VariableDefinition &definition) const
    {
        return '$' + std::string(definition.variable->name.value) + ": " +
               printType(*definition.type) +
               wrap(" = ", definition.defaultValue ? printValue(*definition.defaultValue) : "") +
               wrap(" ", directives(definition.directives));
    }

    std::string fragment(const ast::FragmentDefinition &fragment) const
    {
        return "fragment " + std::string(fragment.name.value) + " on " +
               std::string(fragment.typeCondition->name.value) + ' ' +
               wrap("", directives(fragment.directives), " ") + selectionSet(fragment.selectionSet);
    }

    std::string selectionSet(const ast::SelectionSet *set) const
    {
        if (!set) return {};
        return block(
            printEach(set->selections, [this](const ast::Selection &s) { return selection(s); }));
    }

    std::string selection(const ast::Selection &selection) const
    {
        if (selection.kind == ast::Kind::Field)
            return field(static_cast<const ast::Field &>(selection));
        if (selection.kind == ast::Kind::FragmentSpread)
            return "..." +
                   std::string(static_cast<const ast::FragmentSpread &>(selection).name.value) +
                   wrap(" ", directives(selection.directives));
        const auto &inlineFragment = static_cast<const ast::InlineFragment &>(selection);
        return join({"...",
                     inlineFragment.typeCondition
                         ? "on " + std::string(inlineFragment.typeCondition->name.value)
                         : std::string(),
                     directives(selection.directives), selectionSet(inlineFragment.selectionSet)},
                    " ");
    }

    std::string field(const ast::Field &field) const
    {
        const std::string prefix =
            wrap("", std::string(field.alias.value), ": ") + std::string(field.name.value);
        const std::vector<std::string> args = arguments(field.arguments);
        std::string line = prefix + wrap("(", join(args, ", "), ")");
        if (jsLength(line) > 80) line = prefix + wrap("(\n", indent(join(args, "\n")), "\n)");
        return join({line, directives(field.directives), selectionSet(field.selectionSet)}, " ");
    }

    static std::vector<std::string> arguments(const ast::List<ast::Argument> &arguments)
    {
        return printEach(arguments, [](const ast::Argument &a) {
            return std::string(a.name.value) + ": " + printValue(*a.value);
        });
    }

    static std::string directives(const ast::List<ast::Directive> &directives)
    {
        return join(printEach(directives,
                              [](const ast::Directive &d) {
                                  return '@' + std::string(d.name.value) +
                                         wrap("(", join(arguments(d.arguments), ", "), ")");
                              }),
                    " ");
    }

    std::string_view m_text;
};

bool isBlankJson(std::string_view text)
{
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

} // namespace

Completion complete(const Schema &schema, std::string_view document, uint32_t cursor)
{
    cursor = std::min(cursor, uint32_t(std::min<size_t>(document.size(), UINT32_MAX)));
    Completion completion;
    completion.prefixStart = cursor;
    try {
        const std::string_view text = document.substr(0, cursor);
        LexedText lexed = lexTolerant(text);
        if (lexed.endsInLiteral) return completion;
        if (!lexed.tokens.empty() && lexed.tokens.back().kind == TokenKind::Name &&
            lexed.tokens.back().end == cursor) {
            completion.prefixStart = lexed.tokens.back().start;
            completion.prefix = std::string(lexed.tokens.back().value);
            lexed.tokens.pop_back();
        }
        ContextMachine machine(schema, text);
        for (const Token &token : lexed.tokens)
            machine.feed(token);
        machine.complete(completion, fragmentsOf(document));
    } catch (...) {
        completion.items.clear();
    }
    return completion;
}

std::vector<Diagnostic> diagnose(const Schema &schema, std::string_view document)
{
    try {
        if (isBlank(document)) return {};
        const ParseResult parsed = parse(toByteArray(document));
        if (parsed.error) {
            const GraphQLError &error = *parsed.error;
            const SourceLocation location =
                error.locations.empty() ? Source(toByteArray(document)).location(parsed.errorOffset)
                                        : error.locations.front();
            return {diagnosticAt(document, parsed.errorOffset, location, error.message)};
        }
        return validationDiagnostics(schema, *parsed.document);
    } catch (...) {
        return {};
    }
}

std::vector<OperationSummary> listOperations(std::string_view document)
{
    std::vector<OperationSummary> operations;
    try {
        const ParseResult parsed = parse(toByteArray(document));
        if (!parsed.document) return {};
        for (const ast::Definition *definition : parsed.document->root().definitions) {
            if (definition->kind != ast::Kind::OperationDefinition) continue;
            const auto &operation = static_cast<const ast::OperationDefinition &>(*definition);
            std::optional<std::string> name;
            if (!operation.name.empty()) name = std::string(operation.name.value);
            operations.push_back({std::move(name), operation.operation, operation.start});
        }
    } catch (...) {
        return {};
    }
    return operations;
}

std::optional<std::string> prettify(std::string_view document, std::string *error)
{
    try {
        const ParseResult parsed = parse(toByteArray(document));
        if (!parsed.document) {
            if (error) *error = parsed.error ? parsed.error->message : std::string();
            return std::nullopt;
        }
        return DocumentPrinter(parsed.document->source().view()).document(parsed.document->root());
    } catch (...) {
        if (error) *error = "The document could not be printed.";
        return std::nullopt;
    }
}

std::vector<std::string> checkVariables(const Schema &schema, std::string_view document,
                                        std::string_view variablesJson,
                                        const std::optional<std::string> &operationName)
{
    try {
        const ParseResult parsed = parse(toByteArray(document));
        if (!parsed.document) return {};
        GraphQLError selectionError;
        const ast::OperationDefinition *operation =
            selectOperation(parsed.document->root(), operationName, &selectionError);
        if (!operation) return {};
        JsonValue variables = JsonValue::object();
        if (!isBlankJson(variablesJson)) {
            std::string jsonError;
            if (!JsonValue::fromJson(variablesJson, &variables, &jsonError))
                return {"Variables are not valid JSON: " + jsonError};
            if (variables.isNull()) variables = JsonValue::object();
            if (!variables.isObject()) return {"Variables must be a JSON object."};
        }
        std::vector<std::string> messages;
        for (const GraphQLError &e :
             coerceVariableValues(schema, *parsed.document, *operation, variables).errors)
            messages.push_back(e.message);
        return messages;
    } catch (...) {
        return {};
    }
}

} // namespace subscope::graphql
