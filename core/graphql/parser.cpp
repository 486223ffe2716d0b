#include "parser.h"

#include "directive_location.h"
#include "lexer.h"
#include "utf8.h"

#include <vector>

namespace subscope::graphql {

namespace {

// Every list type and non-null marker counts one level, and TypeRef holds at most 64.
constexpr uint32_t MaxTypeModifiers = 64;

} // namespace

ParsedDocument::ParsedDocument(Source source)
    : m_source(std::move(source))
    , m_arena(size_t(m_source.body().size()) * 6 + 512)
{}

class Parser
{
public:
    Parser(ParsedDocument &document, const ParseLimits &limits)
        : m_arena(document.m_arena)
        , m_lexer(document.m_source.view(), document.m_arena)
        , m_limits(limits)
    {}

    const ast::Document *parseDocument()
    {
        auto *document = make<ast::Document>(ast::Kind::Document, 0);
        expectToken(TokenKind::StartOfFile);
        const size_t mark = m_scratch.size();
        do {
            m_scratch.push_back(parseDefinition());
        } while (!expectOptionalToken(TokenKind::EndOfFile));
        document->definitions = takeList<ast::Definition>(mark);
        document->end = m_lastEnd;
        return document;
    }

private:
    // --- tokens ---

    void advance()
    {
        m_lastEnd = m_token.end;
        if (m_hasLookahead) {
            m_token = m_lookahead;
            m_hasLookahead = false;
        } else {
            m_token = nextSignificant(m_token.end);
        }
        if (m_limits.maxTokens && m_token.kind != TokenKind::EndOfFile &&
            ++m_tokenCount > m_limits.maxTokens)
            throw SyntaxError{m_token.start, "Document contains more than " +
                                                 std::to_string(m_limits.maxTokens) +
                                                 " tokens. Parsing aborted."};
    }

    Token nextSignificant(uint32_t from)
    {
        if (m_token.kind == TokenKind::EndOfFile) return m_token;
        Token token = m_lexer.readToken(from);
        while (token.kind == TokenKind::Comment)
            token = m_lexer.readToken(token.end);
        return token;
    }

    const Token &lookahead()
    {
        if (!m_hasLookahead) {
            m_lookahead = nextSignificant(m_token.end);
            m_hasLookahead = true;
        }
        return m_lookahead;
    }

    bool peek(TokenKind kind) const { return m_token.kind == kind; }

    Token expectToken(TokenKind kind)
    {
        const Token token = m_token;
        if (token.kind == kind) {
            advance();
            return token;
        }
        fail(token.start,
             "Expected " + tokenKindDescription(kind) + ", found " + tokenDescription(token) + ".");
    }

    bool expectOptionalToken(TokenKind kind)
    {
        if (m_token.kind != kind) return false;
        advance();
        return true;
    }

    void expectKeyword(std::string_view keyword)
    {
        if (m_token.kind == TokenKind::Name && m_token.value == keyword) {
            advance();
            return;
        }
        fail(m_token.start,
             "Expected '" + std::string(keyword) + "', found " + tokenDescription(m_token) + ".");
    }

    bool expectOptionalKeyword(std::string_view keyword)
    {
        if (m_token.kind != TokenKind::Name || m_token.value != keyword) return false;
        advance();
        return true;
    }

    [[noreturn]] void unexpected(const Token &token)
    {
        fail(token.start, "Unexpected " + tokenDescription(token) + ".");
    }
    [[noreturn]] void unexpected() { unexpected(m_token); }

    [[noreturn]] void fail(uint32_t offset, std::string message)
    {
        throw SyntaxError{offset, "Syntax Error: " + message};
    }

    // Counts one level of nesting for as long as it lives.
    class Nesting
    {
    public:
        Nesting(Parser &parser, uint32_t offset)
            : m_parser(parser)
        {
            const uint32_t limit = parser.m_limits.maxDepth;
            if (limit && ++parser.m_depth > limit)
                throw SyntaxError{offset, "Document nesting is deeper than the limit of " +
                                              std::to_string(limit) + " levels."};
        }
        ~Nesting() { --m_parser.m_depth; }

    private:
        Parser &m_parser;
    };

    // --- nodes ---

    template <class T> T *make(ast::Kind kind, uint32_t start)
    {
        T *node = m_arena.make<T>();
        node->kind = kind;
        node->start = start;
        node->end = m_lastEnd;
        return node;
    }

    template <class T> ast::List<T> takeList(size_t mark)
    {
        ast::List<T> list;
        list.count = uint32_t(m_scratch.size() - mark);
        T **items = m_arena.allocateArray<T *>(list.count);
        for (uint32_t i = 0; i < list.count; ++i)
            items[i] = static_cast<T *>(m_scratch[mark + i]);
        list.items = items;
        m_scratch.resize(mark);
        return list;
    }

    ast::Name parseName()
    {
        const Token token = expectToken(TokenKind::Name);
        return {token.value, token.start};
    }

    // --- document ---

    bool peekDescription() const { return peek(TokenKind::String) || peek(TokenKind::BlockString); }

    ast::Definition *parseDefinition()
    {
        if (peek(TokenKind::BraceL)) return parseOperationDefinition();
        const bool hasDescription = peekDescription();
        const Token keyword = hasDescription ? lookahead() : m_token;
        if (keyword.kind == TokenKind::Name) {
            const std::string_view v = keyword.value;
            if (v == "schema") return parseSchemaDefinition();
            if (v == "scalar" || v == "type" || v == "interface" || v == "union" || v == "enum" ||
                v == "input")
                return parseTypeDefinition(v);
            if (v == "directive") return parseDirectiveDefinition();
            if (hasDescription)
                fail(m_token.start, "Unexpected description, descriptions are supported only on "
                                    "type definitions.");
            if (v == "query" || v == "mutation" || v == "subscription")
                return parseOperationDefinition();
            if (v == "fragment") return parseFragmentDefinition();
            if (v == "extend") return parseTypeSystemExtension();
        }
        unexpected(keyword);
    }

    ast::OperationDefinition *parseOperationDefinition()
    {
        const uint32_t start = m_token.start;
        if (peek(TokenKind::BraceL)) {
            ast::SelectionSet *selectionSet = parseSelectionSet();
            auto *op = make<ast::OperationDefinition>(ast::Kind::OperationDefinition, start);
            op->operation = ast::OperationType::Query;
            op->selectionSet = selectionSet;
            return op;
        }
        const ast::OperationType operation = parseOperationType();
        ast::Name name;
        if (peek(TokenKind::Name)) name = parseName();
        auto variables = parseVariableDefinitions();
        auto directives = parseDirectives(false);
        ast::SelectionSet *selectionSet = parseSelectionSet();
        auto *op = make<ast::OperationDefinition>(ast::Kind::OperationDefinition, start);
        op->operation = operation;
        op->name = name;
        op->variableDefinitions = variables;
        op->directives = directives;
        op->selectionSet = selectionSet;
        return op;
    }

    ast::OperationType parseOperationType()
    {
        const Token token = expectToken(TokenKind::Name);
        if (token.value == "query") return ast::OperationType::Query;
        if (token.value == "mutation") return ast::OperationType::Mutation;
        if (token.value == "subscription") return ast::OperationType::Subscription;
        unexpected(token);
    }

    ast::List<ast::VariableDefinition> parseVariableDefinitions()
    {
        const size_t mark = m_scratch.size();
        if (expectOptionalToken(TokenKind::ParenL)) {
            do {
                m_scratch.push_back(parseVariableDefinition());
            } while (!expectOptionalToken(TokenKind::ParenR));
        }
        return takeList<ast::VariableDefinition>(mark);
    }

    ast::VariableDefinition *parseVariableDefinition()
    {
        const uint32_t start = m_token.start;
        ast::Variable *variable = parseVariable();
        expectToken(TokenKind::Colon);
        ast::Type *type = parseTypeReference();
        ast::Value *defaultValue = nullptr;
        if (expectOptionalToken(TokenKind::Equals)) defaultValue = parseValueLiteral(true);
        auto directives = parseDirectives(true);
        auto *definition = make<ast::VariableDefinition>(ast::Kind::VariableDefinition, start);
        definition->variable = variable;
        definition->type = type;
        definition->defaultValue = defaultValue;
        definition->directives = directives;
        return definition;
    }

    ast::Variable *parseVariable()
    {
        const uint32_t start = m_token.start;
        expectToken(TokenKind::Dollar);
        const ast::Name name = parseName();
        auto *variable = make<ast::Variable>(ast::Kind::Variable, start);
        variable->name = name;
        return variable;
    }

    ast::SelectionSet *parseSelectionSet()
    {
        const uint32_t start = m_token.start;
        Nesting nesting(*this, start);
        expectToken(TokenKind::BraceL);
        const size_t mark = m_scratch.size();
        do {
            m_scratch.push_back(parseSelection());
        } while (!expectOptionalToken(TokenKind::BraceR));
        auto selections = takeList<ast::Selection>(mark);
        auto *set = make<ast::SelectionSet>(ast::Kind::SelectionSet, start);
        set->selections = selections;
        return set;
    }

    ast::Selection *parseSelection()
    {
        return peek(TokenKind::Spread) ? parseFragment() : parseField();
    }

    ast::Field *parseField()
    {
        const uint32_t start = m_token.start;
        const ast::Name nameOrAlias = parseName();
        ast::Name alias, name;
        if (expectOptionalToken(TokenKind::Colon)) {
            alias = nameOrAlias;
            name = parseName();
        } else {
            name = nameOrAlias;
        }
        auto arguments = parseArguments(false);
        auto directives = parseDirectives(false);
        ast::SelectionSet *selectionSet = peek(TokenKind::BraceL) ? parseSelectionSet() : nullptr;
        auto *field = make<ast::Field>(ast::Kind::Field, start);
        field->alias = alias;
        field->name = name;
        field->arguments = arguments;
        field->directives = directives;
        field->selectionSet = selectionSet;
        return field;
    }

    ast::List<ast::Argument> parseArguments(bool isConst)
    {
        const size_t mark = m_scratch.size();
        if (expectOptionalToken(TokenKind::ParenL)) {
            do {
                m_scratch.push_back(parseArgument(isConst));
            } while (!expectOptionalToken(TokenKind::ParenR));
        }
        return takeList<ast::Argument>(mark);
    }

    ast::Argument *parseArgument(bool isConst)
    {
        const uint32_t start = m_token.start;
        const ast::Name name = parseName();
        expectToken(TokenKind::Colon);
        ast::Value *value = parseValueLiteral(isConst);
        auto *argument = make<ast::Argument>(ast::Kind::Argument, start);
        argument->name = name;
        argument->value = value;
        return argument;
    }

    ast::Selection *parseFragment()
    {
        const uint32_t start = m_token.start;
        expectToken(TokenKind::Spread);
        const bool hasTypeCondition = expectOptionalKeyword("on");
        if (!hasTypeCondition && peek(TokenKind::Name)) {
            const ast::Name name = parseFragmentName();
            auto directives = parseDirectives(false);
            auto *spread = make<ast::FragmentSpread>(ast::Kind::FragmentSpread, start);
            spread->name = name;
            spread->directives = directives;
            return spread;
        }
        ast::NamedType *typeCondition = hasTypeCondition ? parseNamedType() : nullptr;
        auto directives = parseDirectives(false);
        ast::SelectionSet *selectionSet = parseSelectionSet();
        auto *fragment = make<ast::InlineFragment>(ast::Kind::InlineFragment, start);
        fragment->typeCondition = typeCondition;
        fragment->directives = directives;
        fragment->selectionSet = selectionSet;
        return fragment;
    }

    ast::FragmentDefinition *parseFragmentDefinition()
    {
        const uint32_t start = m_token.start;
        expectKeyword("fragment");
        const ast::Name name = parseFragmentName();
        expectKeyword("on");
        ast::NamedType *typeCondition = parseNamedType();
        auto directives = parseDirectives(false);
        ast::SelectionSet *selectionSet = parseSelectionSet();
        auto *fragment = make<ast::FragmentDefinition>(ast::Kind::FragmentDefinition, start);
        fragment->name = name;
        fragment->typeCondition = typeCondition;
        fragment->directives = directives;
        fragment->selectionSet = selectionSet;
        return fragment;
    }

    ast::Name parseFragmentName()
    {
        if (m_token.value == "on") unexpected();
        return parseName();
    }

    // --- values ---

    ast::Value *parseValueLiteral(bool isConst)
    {
        const Token token = m_token;
        switch (token.kind) {
        case TokenKind::BracketL:
            return parseList(isConst);
        case TokenKind::BraceL:
            return parseObject(isConst);
        case TokenKind::Int: {
            advance();
            auto *value = make<ast::IntValue>(ast::Kind::IntValue, token.start);
            value->value = token.value;
            return value;
        }
        case TokenKind::Float: {
            advance();
            auto *value = make<ast::FloatValue>(ast::Kind::FloatValue, token.start);
            value->value = token.value;
            return value;
        }
        case TokenKind::String:
        case TokenKind::BlockString:
            return parseStringLiteral();
        case TokenKind::Name: {
            advance();
            if (token.value == "true" || token.value == "false") {
                auto *value = make<ast::BooleanValue>(ast::Kind::BooleanValue, token.start);
                value->value = token.value == "true";
                return value;
            }
            if (token.value == "null")
                return make<ast::NullValue>(ast::Kind::NullValue, token.start);
            auto *value = make<ast::EnumValue>(ast::Kind::EnumValue, token.start);
            value->value = token.value;
            return value;
        }
        case TokenKind::Dollar:
            if (isConst) {
                expectToken(TokenKind::Dollar);
                if (m_token.kind == TokenKind::Name)
                    fail(token.start, "Unexpected variable '$" + std::string(m_token.value) +
                                          "' in constant value.");
                unexpected(token);
            }
            return parseVariable();
        default:
            unexpected();
        }
    }

    ast::StringValue *parseStringLiteral()
    {
        const Token token = m_token;
        advance();
        auto *value = make<ast::StringValue>(ast::Kind::StringValue, token.start);
        value->value = token.value;
        value->block = token.kind == TokenKind::BlockString;
        return value;
    }

    ast::ListValue *parseList(bool isConst)
    {
        const uint32_t start = m_token.start;
        Nesting nesting(*this, start);
        expectToken(TokenKind::BracketL);
        const size_t mark = m_scratch.size();
        while (!expectOptionalToken(TokenKind::BracketR))
            m_scratch.push_back(parseValueLiteral(isConst));
        auto values = takeList<ast::Value>(mark);
        auto *list = make<ast::ListValue>(ast::Kind::ListValue, start);
        list->values = values;
        return list;
    }

    ast::ObjectValue *parseObject(bool isConst)
    {
        const uint32_t start = m_token.start;
        Nesting nesting(*this, start);
        expectToken(TokenKind::BraceL);
        const size_t mark = m_scratch.size();
        while (!expectOptionalToken(TokenKind::BraceR))
            m_scratch.push_back(parseObjectField(isConst));
        auto fields = takeList<ast::ObjectField>(mark);
        auto *object = make<ast::ObjectValue>(ast::Kind::ObjectValue, start);
        object->fields = fields;
        return object;
    }

    ast::ObjectField *parseObjectField(bool isConst)
    {
        const uint32_t start = m_token.start;
        const ast::Name name = parseName();
        expectToken(TokenKind::Colon);
        ast::Value *value = parseValueLiteral(isConst);
        auto *field = make<ast::ObjectField>(ast::Kind::ObjectField, start);
        field->name = name;
        field->value = value;
        return field;
    }

    ast::List<ast::Directive> parseDirectives(bool isConst)
    {
        const size_t mark = m_scratch.size();
        while (peek(TokenKind::At))
            m_scratch.push_back(parseDirective(isConst));
        return takeList<ast::Directive>(mark);
    }

    ast::Directive *parseDirective(bool isConst)
    {
        const uint32_t start = m_token.start;
        expectToken(TokenKind::At);
        const ast::Name name = parseName();
        auto arguments = parseArguments(isConst);
        auto *directive = make<ast::Directive>(ast::Kind::Directive, start);
        directive->name = name;
        directive->arguments = arguments;
        return directive;
    }

    // --- types ---

    ast::Type *parseTypeReference()
    {
        const uint32_t start = m_token.start;
        ast::Type *type;
        if (expectOptionalToken(TokenKind::BracketL)) {
            Nesting nesting(*this, start);
            countTypeModifier(start);
            ast::Type *inner = parseTypeReference();
            expectToken(TokenKind::BracketR);
            auto *list = make<ast::ListType>(ast::Kind::ListType, start);
            list->type = inner;
            type = list;
        } else {
            type = parseNamedType();
        }
        if (expectOptionalToken(TokenKind::Bang)) {
            countTypeModifier(start);
            auto *nonNull = make<ast::NonNullType>(ast::Kind::NonNullType, start);
            nonNull->type = type;
            return nonNull;
        }
        return type;
    }

    void countTypeModifier(uint32_t offset)
    {
        // Reset by every top-level type reference (see TypeModifierScope).
        if (++m_typeModifiers > MaxTypeModifiers)
            throw SyntaxError{offset, "Type reference has more than " +
                                          std::to_string(MaxTypeModifiers) +
                                          " list and non-null modifiers."};
    }

    ast::NamedType *parseNamedType()
    {
        const uint32_t start = m_token.start;
        const ast::Name name = parseName();
        auto *type = make<ast::NamedType>(ast::Kind::NamedType, start);
        type->name = name;
        return type;
    }

    // --- type system ---

    ast::StringValue *parseDescription()
    {
        return peekDescription() ? parseStringLiteral() : nullptr;
    }

    ast::SchemaDefinition *parseSchemaDefinition()
    {
        const uint32_t start = m_token.start;
        ast::StringValue *description = parseDescription();
        expectKeyword("schema");
        auto directives = parseDirectives(true);
        const size_t mark = m_scratch.size();
        expectToken(TokenKind::BraceL);
        do {
            m_scratch.push_back(parseOperationTypeDefinition());
        } while (!expectOptionalToken(TokenKind::BraceR));
        auto operationTypes = takeList<ast::OperationTypeDefinition>(mark);
        auto *schema = make<ast::SchemaDefinition>(ast::Kind::SchemaDefinition, start);
        schema->description = description;
        schema->directives = directives;
        schema->operationTypes = operationTypes;
        return schema;
    }

    ast::OperationTypeDefinition *parseOperationTypeDefinition()
    {
        const uint32_t start = m_token.start;
        const ast::OperationType operation = parseOperationType();
        expectToken(TokenKind::Colon);
        ast::NamedType *type = parseNamedType();
        auto *definition =
            make<ast::OperationTypeDefinition>(ast::Kind::OperationTypeDefinition, start);
        definition->operation = operation;
        definition->type = type;
        return definition;
    }

    ast::List<ast::NamedType> parseImplementsInterfaces()
    {
        const size_t mark = m_scratch.size();
        if (expectOptionalKeyword("implements")) {
            expectOptionalToken(TokenKind::Amp);
            do {
                m_scratch.push_back(parseNamedType());
            } while (expectOptionalToken(TokenKind::Amp));
        }
        return takeList<ast::NamedType>(mark);
    }

    ast::List<ast::FieldDefinition> parseFieldsDefinition()
    {
        const size_t mark = m_scratch.size();
        if (expectOptionalToken(TokenKind::BraceL)) {
            do {
                m_scratch.push_back(parseFieldDefinition());
            } while (!expectOptionalToken(TokenKind::BraceR));
        }
        return takeList<ast::FieldDefinition>(mark);
    }

    ast::FieldDefinition *parseFieldDefinition()
    {
        const uint32_t start = m_token.start;
        ast::StringValue *description = parseDescription();
        const ast::Name name = parseName();
        auto arguments = parseInputValueDefinitions(TokenKind::ParenL, TokenKind::ParenR);
        expectToken(TokenKind::Colon);
        ast::Type *type = parseTopLevelTypeReference();
        auto directives = parseDirectives(true);
        auto *field = make<ast::FieldDefinition>(ast::Kind::FieldDefinition, start);
        field->description = description;
        field->name = name;
        field->arguments = arguments;
        field->type = type;
        field->directives = directives;
        return field;
    }

    ast::List<ast::InputValueDefinition> parseInputValueDefinitions(TokenKind open, TokenKind close)
    {
        const size_t mark = m_scratch.size();
        if (expectOptionalToken(open)) {
            do {
                m_scratch.push_back(parseInputValueDefinition());
            } while (!expectOptionalToken(close));
        }
        return takeList<ast::InputValueDefinition>(mark);
    }

    ast::InputValueDefinition *parseInputValueDefinition()
    {
        const uint32_t start = m_token.start;
        ast::StringValue *description = parseDescription();
        const ast::Name name = parseName();
        expectToken(TokenKind::Colon);
        ast::Type *type = parseTopLevelTypeReference();
        ast::Value *defaultValue = nullptr;
        if (expectOptionalToken(TokenKind::Equals)) defaultValue = parseValueLiteral(true);
        auto directives = parseDirectives(true);
        auto *input = make<ast::InputValueDefinition>(ast::Kind::InputValueDefinition, start);
        input->description = description;
        input->name = name;
        input->type = type;
        input->defaultValue = defaultValue;
        input->directives = directives;
        return input;
    }

    ast::Type *parseTopLevelTypeReference()
    {
        m_typeModifiers = 0;
        return parseTypeReference();
    }

    ast::EnumValueDefinition *parseEnumValueDefinition()
    {
        const uint32_t start = m_token.start;
        ast::StringValue *description = parseDescription();
        if (m_token.value == "true" || m_token.value == "false" || m_token.value == "null")
            fail(m_token.start,
                 tokenDescription(m_token) + " is reserved and cannot be used for an enum value.");
        const ast::Name name = parseName();
        auto directives = parseDirectives(true);
        auto *value = make<ast::EnumValueDefinition>(ast::Kind::EnumValueDefinition, start);
        value->description = description;
        value->name = name;
        value->directives = directives;
        return value;
    }

    // The parts of a type definition or extension after its name, by keyword.
    void parseTypeBody(std::string_view keyword, ast::TypeDefinition &type)
    {
        if (keyword == "type" || keyword == "interface") {
            type.interfaces = parseImplementsInterfaces();
            type.directives = parseDirectives(true);
            type.fields = parseFieldsDefinition();
        } else if (keyword == "union") {
            type.directives = parseDirectives(true);
            const size_t mark = m_scratch.size();
            if (expectOptionalToken(TokenKind::Equals)) {
                expectOptionalToken(TokenKind::Pipe);
                do {
                    m_scratch.push_back(parseNamedType());
                } while (expectOptionalToken(TokenKind::Pipe));
            }
            type.types = takeList<ast::NamedType>(mark);
        } else if (keyword == "enum") {
            type.directives = parseDirectives(true);
            const size_t mark = m_scratch.size();
            if (expectOptionalToken(TokenKind::BraceL)) {
                do {
                    m_scratch.push_back(parseEnumValueDefinition());
                } while (!expectOptionalToken(TokenKind::BraceR));
            }
            type.values = takeList<ast::EnumValueDefinition>(mark);
        } else if (keyword == "input") {
            type.directives = parseDirectives(true);
            type.inputFields = parseInputValueDefinitions(TokenKind::BraceL, TokenKind::BraceR);
        } else { // scalar
            type.directives = parseDirectives(true);
        }
    }

    static ast::Kind definitionKind(std::string_view keyword, bool extension)
    {
        using K = ast::Kind;
        if (keyword == "scalar")
            return extension ? K::ScalarTypeExtension : K::ScalarTypeDefinition;
        if (keyword == "type") return extension ? K::ObjectTypeExtension : K::ObjectTypeDefinition;
        if (keyword == "interface")
            return extension ? K::InterfaceTypeExtension : K::InterfaceTypeDefinition;
        if (keyword == "union") return extension ? K::UnionTypeExtension : K::UnionTypeDefinition;
        if (keyword == "enum") return extension ? K::EnumTypeExtension : K::EnumTypeDefinition;
        return extension ? K::InputObjectTypeExtension : K::InputObjectTypeDefinition;
    }

    ast::TypeDefinition *parseTypeDefinition(std::string_view keyword)
    {
        const uint32_t start = m_token.start;
        ast::StringValue *description = parseDescription();
        expectKeyword(keyword);
        ast::TypeDefinition body;
        body.name = parseName();
        parseTypeBody(keyword, body);
        auto *type = make<ast::TypeDefinition>(definitionKind(keyword, false), start);
        const uint32_t end = type->end;
        *type = body;
        type->kind = definitionKind(keyword, false);
        type->start = start;
        type->end = end;
        type->description = description;
        return type;
    }

    ast::Definition *parseTypeSystemExtension()
    {
        const Token keyword = lookahead();
        if (keyword.kind != TokenKind::Name) unexpected(keyword);
        const std::string_view v = keyword.value;
        if (v == "schema") return parseSchemaExtension();
        if (v != "scalar" && v != "type" && v != "interface" && v != "union" && v != "enum" &&
            v != "input")
            unexpected(keyword);
        const uint32_t start = m_token.start;
        expectKeyword("extend");
        expectKeyword(v);
        ast::TypeDefinition body;
        body.name = parseName();
        parseTypeBody(v, body);
        if (body.interfaces.empty() && body.directives.empty() && body.fields.empty() &&
            body.types.empty() && body.values.empty() && body.inputFields.empty())
            unexpected();
        auto *type = make<ast::TypeDefinition>(definitionKind(v, true), start);
        const uint32_t end = type->end;
        *type = body;
        type->kind = definitionKind(v, true);
        type->start = start;
        type->end = end;
        return type;
    }

    ast::SchemaDefinition *parseSchemaExtension()
    {
        const uint32_t start = m_token.start;
        expectKeyword("extend");
        expectKeyword("schema");
        auto directives = parseDirectives(true);
        const size_t mark = m_scratch.size();
        if (expectOptionalToken(TokenKind::BraceL)) {
            do {
                m_scratch.push_back(parseOperationTypeDefinition());
            } while (!expectOptionalToken(TokenKind::BraceR));
        }
        auto operationTypes = takeList<ast::OperationTypeDefinition>(mark);
        if (directives.empty() && operationTypes.empty()) unexpected();
        auto *schema = make<ast::SchemaDefinition>(ast::Kind::SchemaExtension, start);
        schema->directives = directives;
        schema->operationTypes = operationTypes;
        return schema;
    }

    ast::DirectiveDefinition *parseDirectiveDefinition()
    {
        const uint32_t start = m_token.start;
        ast::StringValue *description = parseDescription();
        expectKeyword("directive");
        expectToken(TokenKind::At);
        const ast::Name name = parseName();
        auto arguments = parseInputValueDefinitions(TokenKind::ParenL, TokenKind::ParenR);
        const bool repeatable = expectOptionalKeyword("repeatable");
        expectKeyword("on");
        const size_t mark = m_scratch.size();
        expectOptionalToken(TokenKind::Pipe);
        do {
            const Token token = m_token;
            const ast::Name location = parseName();
            if (!directiveLocationFromName(location.value)) unexpected(token);
            m_scratch.push_back(m_arena.make<ast::Name>(location));
        } while (expectOptionalToken(TokenKind::Pipe));
        auto locations = takeList<ast::Name>(mark);
        auto *directive = make<ast::DirectiveDefinition>(ast::Kind::DirectiveDefinition, start);
        directive->description = description;
        directive->name = name;
        directive->arguments = arguments;
        directive->repeatable = repeatable;
        directive->locations = locations;
        return directive;
    }

    Arena &m_arena;
    Lexer m_lexer;
    const ParseLimits &m_limits;
    Token m_token; // the current token; starts as <SOF>
    Token m_lookahead;
    bool m_hasLookahead = false;
    uint32_t m_lastEnd = 0;
    uint32_t m_tokenCount = 0;
    uint32_t m_depth = 0;
    uint32_t m_typeModifiers = 0;
    std::vector<void *> m_scratch; // items of the lists being built, innermost last
};

ParseResult parse(QByteArray text, const ParseLimits &limits, const QString &sourceName)
{
    ParseResult result;
    if (limits.maxBytes && text.size() > limits.maxBytes) {
        result.error =
            GraphQLError{"Document is too large: " + std::to_string(text.size()) +
                             " bytes, the limit is " + std::to_string(limits.maxBytes) + " bytes.",
                         {}};
        return result;
    }
    if (!utf8::isValid(std::string_view(text.constData(), size_t(text.size()))))
        text = QString::fromUtf8(text).toUtf8();
    std::unique_ptr<ParsedDocument> document(
        new ParsedDocument(Source(std::move(text), sourceName)));
    try {
        Parser parser(*document, limits);
        document->m_root = parser.parseDocument();
    } catch (const SyntaxError &error) {
        result.error = GraphQLError{error.message, {document->location(error.offset)}};
        result.errorOffset = error.offset;
        return result;
    }
    result.document = std::move(document);
    return result;
}

const char *ast::operationTypeName(OperationType op)
{
    switch (op) {
    case OperationType::Query:
        return "query";
    case OperationType::Mutation:
        return "mutation";
    case OperationType::Subscription:
        return "subscription";
    }
    return "";
}

} // namespace subscope::graphql
