// Editor support for the explorer's GraphQL editor: completion on incomplete text, diagnostics at
// token ranges, the outline of operations, graphql-js's print() and the check of the variables.
#include "graphql/editor_support.h"
#include "graphql/request.h"
#include "support/test_schemas.h"

#include <QRandomGenerator>
#include <QTest>

using namespace subscope;
using namespace subscope::graphql;
using Kind = CompletionItem::Kind;

namespace {

// Completion at the '|' of `marked`, which is removed from the text.
Completion completeAt(const Schema &schema, const char *marked)
{
    std::string text(marked);
    const size_t cursor = text.find('|');
    if (cursor == std::string::npos) qFatal("no cursor in %s", marked);
    text.erase(cursor, 1);
    return complete(schema, text, uint32_t(cursor));
}

QStringList labels(const Completion &completion)
{
    QStringList out;
    for (const CompletionItem &item : completion.items)
        out << QString::fromStdString(item.label);
    return out;
}

QStringList labelsAt(const Schema &schema, const char *marked)
{
    return labels(completeAt(schema, marked));
}

const CompletionItem *find(const Completion &completion, std::string_view label)
{
    for (const CompletionItem &item : completion.items)
        if (item.label == label) return &item;
    return nullptr;
}

QString text(const std::string &s)
{
    return QString::fromStdString(s);
}

QStringList messages(const std::vector<std::string> &list)
{
    QStringList out;
    for (const std::string &s : list)
        out << text(s);
    return out;
}

QStringList serverMessages(const Schema &schema, const char *document, const char *variables,
                           const std::optional<std::string> &operationName = std::nullopt)
{
    JsonValue values;
    if (!JsonValue::fromJson(variables, &values)) qFatal("bad JSON %s", variables);
    QStringList out;
    for (const GraphQLError &error : checkRequest(schema, document, values, operationName).errors)
        out << error.messageText();
    return out;
}

const char *const SubscriptionWithVariables = "subscription S($id: String!, $flag: Boolean) {\n"
                                              "  myModelUpdated(id: $id, subscribe: $flag) { id }\n"
                                              "}";

} // namespace

class TestEditorSupport : public QObject
{
    Q_OBJECT

private slots:
    void fieldsOfTheParentType()
    {
        const Completion c = completeAt(test::demoSchema(), "subscription { | }");
        QCOMPARE(labels(c),
                 QStringList({"myModelCreated", "myModelUpdated", "myModelDeleted",
                              "myModelCreatedUpdateDelete", "myCustomEvent", "__typename"}));
        const CompletionItem *created = find(c, "myModelCreated");
        QVERIFY(created);
        QCOMPARE(created->kind, Kind::Field);
        QCOMPARE(text(created->detail), QStringLiteral("MyModelType"));
        QCOMPARE(text(find(c, "__typename")->detail), QStringLiteral("String!"));
        QCOMPARE(c.prefix, std::string());
        QCOMPARE(c.prefixStart, 15u);

        QCOMPARE(labelsAt(test::demoSchema(), "subscription { myModelCreated { | } }"),
                 QStringList({"id", "name", "age", "__typename"}));
        QCOMPARE(
            text(find(completeAt(test::demoSchema(), "subscription { myModelCreated { | "), "id")
                     ->detail),
            QStringLiteral("ID!"));
        // The query type also has the introspection entry points.
        QCOMPARE(labelsAt(test::demoSchema(), "{ | }"),
                 QStringList({"base", "getMyModel", "__typename", "__schema", "__type"}));
        // Right after a field a sibling may start; after a nested selection too.
        QVERIFY(labelsAt(test::demoSchema(), "subscription { myModelCreated { id | } }")
                    .contains("age"));
        QVERIFY(labelsAt(test::demoSchema(), "subscription { myModelCreated { id } | }")
                    .contains("myCustomEvent"));
        QVERIFY(labelsAt(test::demoSchema(), "subscription { myModelCreated(subscribe: true) | }")
                    .contains("myModelDeleted"));
    }

    void fieldsThroughAliasesFragmentsAndUnions()
    {
        const Schema &schema = test::testSchema();
        QCOMPARE(labelsAt(schema, "subscription { c: personCreated { name friends(first: 1) { | "),
                 labelsAt(schema, "{ person(id: 1) { | } }"));
        QCOMPARE(labelsAt(schema, "{ pets { | } }"), QStringList({"__typename"}));
        QCOMPARE(labelsAt(schema, "{ pets { ... on Dog { | } } }"),
                 QStringList({"id", "name", "barkVolume", "__typename"}));
        QCOMPARE(labelsAt(schema, "{ node(id: 1) { ... @include(if: true) { | } } }"),
                 QStringList({"id", "__typename"}));
        QCOMPARE(labelsAt(schema, "fragment F on Cat @skip(if: false) { | }"),
                 QStringList({"id", "name", "meowVolume", "__typename"}));
        const Completion person = completeAt(schema, "{ person(id: 1) { | } }");
        QVERIFY(find(person, "age")->deprecated);
        QVERIFY(!find(person, "birthYear")->deprecated);
        // An unknown field has no known fields below it.
        QVERIFY(labelsAt(schema, "{ nope { | } }").isEmpty());
    }

    void prefixOfTheWordUnderTheCursor()
    {
        const Completion c = completeAt(test::demoSchema(), "subscription { myMo|");
        QCOMPARE(c.prefix, std::string("myMo"));
        QCOMPARE(c.prefixStart, 15u);
        QVERIFY(labels(c).contains("myModelCreated"));

        const Completion middle = completeAt(test::demoSchema(), "subscription { myMo|del }");
        QCOMPARE(middle.prefix, std::string("myMo"));
        QCOMPARE(middle.prefixStart, 15u);
        QCOMPARE(labels(middle), labels(c));

        const Completion keyword = completeAt(test::demoSchema(), "sub|");
        QCOMPARE(keyword.prefix, std::string("sub"));
        QCOMPARE(keyword.prefixStart, 0u);
        QVERIFY(labels(keyword).contains("subscription"));
    }

    void argumentsInsideParentheses()
    {
        const Schema &schema = test::demoSchema();
        const Completion c = completeAt(schema, "subscription { myModelUpdated(| }");
        QCOMPARE(labels(c), QStringList({"id", "subscripe", "subscribe"}));
        QCOMPARE(c.items[0].kind, Kind::Argument);
        QCOMPARE(text(c.items[0].detail), QStringLiteral("String"));
        QCOMPARE(text(c.items[2].detail), QStringLiteral("Boolean"));
        QCOMPARE(labelsAt(schema, "subscription { myModelUpdated(id: \"7\", | }"), labels(c));
        QCOMPARE(labelsAt(schema, "subscription { myModelUpdated(id: \"7\" sub|"), labels(c));
        // Directive arguments too.
        const Completion include = completeAt(schema, "{ base @include(| }");
        QCOMPARE(labels(include), QStringList({"if"}));
        QCOMPARE(text(include.items[0].detail), QStringLiteral("Boolean!"));
    }

    void valuesOfTheExpectedType()
    {
        const Schema &demo = test::demoSchema();
        QCOMPARE(labelsAt(demo, "subscription { myModelCreated(subscribe: | }"),
                 QStringList({"true", "false", "null"}));
        QCOMPARE(labelsAt(demo, "{ base @skip(if: |) }"), QStringList({"true", "false"}));
        QCOMPARE(labelsAt(demo, "subscription { myModelUpdated(id: |) }"), QStringList({"null"}));

        const Schema &schema = test::testSchema();
        const Completion mood = completeAt(schema, "{ echo(mood: |) }");
        QCOMPARE(labels(mood), QStringList({"HAPPY", "SAD", "GRUMPY", "null"}));
        QCOMPARE(mood.items[0].kind, Kind::EnumValue);
        QCOMPARE(text(mood.items[0].detail), QStringLiteral("Mood"));
        QVERIFY(mood.items[2].deprecated);
        QCOMPARE(mood.items[3].kind, Kind::Keyword);
        QCOMPARE(completeAt(schema, "{ echo(mood: SA|) }").prefix, std::string("SA"));
        // Items of a list, and a single item where a list is expected.
        QCOMPARE(labelsAt(schema, "{ echo(b: true, list: [1, |"), QStringList({"null"}));
        QCOMPARE(labelsAt(schema, "{ people(filter: {tags: [|]}) { id } }"), QStringList());
        QCOMPARE(labelsAt(schema, "{ people(filter: {mood: |}) { id } }"),
                 QStringList({"HAPPY", "SAD", "GRUMPY", "null"}));
    }

    void inputFieldsInsideObjectValues()
    {
        const Schema &schema = test::testSchema();
        const Completion c = completeAt(schema, "{ people(filter: { | }) { id } }");
        QCOMPARE(labels(c), QStringList({"name", "mood", "range", "tags", "old"}));
        QCOMPARE(c.items[0].kind, Kind::InputField);
        QCOMPARE(text(c.items[3].detail), QStringLiteral("[String!]"));
        QVERIFY(c.items[4].deprecated);
        QCOMPARE(labelsAt(schema, "{ people(filter: {name: \"a\", range: {|"),
                 QStringList({"from", "to"}));
        QCOMPARE(labelsAt(schema, "{ people(filter: {range: {from: 1}, |"), labels(c));
    }

    void variablesDeclaredByTheOperation()
    {
        const Schema &demo = test::demoSchema();
        const char *header = "subscription S($flag: Boolean!, $id: [String] = [\"a\"]) ";
        const Completion c =
            completeAt(demo, (std::string(header) + "{ myModelUpdated(subscribe: |) }").c_str());
        QCOMPARE(labels(c), QStringList({"true", "false", "null", "$flag", "$id"}));
        QCOMPARE(c.items[3].kind, Kind::Variable);
        QCOMPARE(text(c.items[3].detail), QStringLiteral("Boolean!"));
        QCOMPARE(text(c.items[4].detail), QStringLiteral("[String]"));

        const std::string typed = std::string(header) + "{ myModelUpdated(id: $f|) }";
        const Completion dollar = completeAt(demo, typed.c_str());
        QCOMPARE(dollar.prefix, std::string("$f"));
        QCOMPARE(dollar.prefixStart, uint32_t(typed.find('$', typed.find("id: "))));
        QCOMPARE(labels(dollar), QStringList({"$flag", "$id"}));
        QCOMPARE(completeAt(demo, (std::string(header) + "{ myModelUpdated(id: $|").c_str()).prefix,
                 std::string("$"));
        // Not in another operation, nor in default values, nor in fragments.
        QCOMPARE(labelsAt(demo, (std::string(header) + "{ base } query { x(a: |").c_str()),
                 QStringList());
        QCOMPARE(labelsAt(demo, "query ($a: Boolean, $b: Boolean = |"),
                 QStringList({"true", "false", "null"}));
        QCOMPARE(
            labelsAt(demo, "query ($a: Boolean) { base } fragment F on Query { base @skip(if: |"),
            QStringList({"true", "false"}));
    }

    void typeNames()
    {
        const Schema &demo = test::demoSchema();
        const Completion conditions = completeAt(demo, "fragment F on |");
        QCOMPARE(labels(conditions),
                 QStringList({"MyModelType", "CustomType", "Query", "Subscription"}));
        QCOMPARE(conditions.items[0].kind, Kind::Type);
        QCOMPARE(text(conditions.items[0].detail), QStringLiteral("object"));
        // In an inline fragment: the types that can apply to the parent type.
        QCOMPARE(labelsAt(demo, "subscription { myModelCreated { ... on | } }"),
                 QStringList({"MyModelType"}));
        QCOMPARE(labelsAt(test::testSchema(), "{ pets { ... on | } }"),
                 QStringList({"Node", "Dog", "Cat", "Pet"}));

        // Variable definitions: input types only.
        const QStringList inputs = labelsAt(test::testSchema(), "query ($id: |");
        for (const char *name :
             {"String", "Boolean", "ID", "Int", "Float", "Mood", "Date", "Range", "PersonFilter"})
            QVERIFY2(inputs.contains(name), name);
        for (const char *name : {"Person", "Node", "Pet", "Query", "__TypeKind"})
            QVERIFY2(!inputs.contains(name), name);
        QCOMPARE(labelsAt(test::testSchema(), "query ($a: Int, $ids: [|"), inputs);
        QCOMPARE(
            text(find(completeAt(test::testSchema(), "query ($f: Per|"), "PersonFilter")->detail),
            QStringLiteral("input object"));
        QCOMPARE(labelsAt(demo, "query ($id: Int|"), labelsAt(demo, "query ($id: |"));
        QCOMPARE(labelsAt(demo, "query ($id|"), QStringList());
    }

    void directiveNamesAfterAt()
    {
        const Schema &demo = test::demoSchema();
        const Completion c = completeAt(demo, "{ base @| }");
        QCOMPARE(labels(c), QStringList({"include", "skip"}));
        QCOMPARE(c.items[0].kind, Kind::Directive);
        QCOMPARE(text(c.items[0].detail), QStringLiteral("(if: Boolean!)"));
        QVERIFY(!c.items[0].documentation.empty());
        QCOMPARE(completeAt(demo, "{ base @sk|").prefix, std::string("sk"));
        QCOMPARE(labelsAt(demo, "{ ...F @|"), QStringList({"include", "skip"}));
        QCOMPARE(labelsAt(demo, "query Q @|"), QStringList());
        QCOMPARE(labelsAt(demo, "query Q($a: Int @|"), QStringList());
        QCOMPARE(labelsAt(demo, "{ base @skip(if: true) @| }"), QStringList({"include", "skip"}));
    }

    void fragmentNamesAfterSpread()
    {
        const char *document = "subscription { myModelCreated { ...| } }\n"
                               "fragment Fields on MyModelType { id }\n"
                               "fragment Custom on CustomType { field1 }\n"
                               "fragment Unknown on Nope { a }";
        const Completion c = completeAt(test::demoSchema(), document);
        QCOMPARE(labels(c), QStringList({"Fields", "Unknown", "on"}));
        QCOMPARE(c.items[0].kind, Kind::Fragment);
        QCOMPARE(text(c.items[0].detail), QStringLiteral("MyModelType"));
        QCOMPARE(c.items[2].kind, Kind::Keyword);
    }

    void keywordsAtTopLevel()
    {
        QCOMPARE(labelsAt(test::demoSchema(), "|"),
                 QStringList({"query", "subscription", "fragment"}));
        QCOMPARE(labelsAt(test::testSchema(), "{ version }\n|"),
                 QStringList({"query", "mutation", "subscription", "fragment"}));
        QCOMPARE(completeAt(test::demoSchema(), "|").items[0].kind, Kind::Keyword);
        QCOMPARE(labelsAt(test::demoSchema(), "fragment F |"), QStringList({"on"}));
        // After type-system definitions too.
        QCOMPARE(labelsAt(test::demoSchema(), "type T { query: Int }\nscalar D\n|"),
                 QStringList({"query", "subscription", "fragment"}));
    }

    void nothingInsideStringsCommentsAndNumbers()
    {
        const Schema &demo = test::demoSchema();
        for (const char *marked :
             {"subscription { myModelUpdated(id: \"my|",
              "subscription { myModelUpdated(id: \"a|b\")", "{ base } # a comm|ent",
              "{ base(x: \"\"\"\nblock | string", "{ base(x: 12|", "{ base(x: \"bad \\q escape |",
              "{ base(x: 1.|"}) {
            const Completion c = completeAt(demo, marked);
            QVERIFY2(c.items.empty(), marked);
            QCOMPARE(c.prefix, std::string());
            QCOMPARE(c.prefixStart, uint32_t(std::string_view(marked).find('|')));
        }
        // After a closed string or comment, completion resumes.
        QCOMPARE(labelsAt(demo, "subscription { myModelUpdated(id: \"x\\\"y\" |"),
                 QStringList({"id", "subscripe", "subscribe"}));
        QCOMPARE(labelsAt(demo, "subscription { # the fields\n|"),
                 labelsAt(demo, "subscription { |"));
    }

    void recoversFromBrokenText()
    {
        const Schema &demo = test::demoSchema();
        const QStringList fields = {"id", "name", "age", "__typename"};
        QCOMPARE(labelsAt(demo, "subscription { myModelCreated(subscribe: ) { | } }"), fields);
        QCOMPARE(labelsAt(demo, "subscription { myModelCreated(subscribe: true { | } }"), fields);
        QCOMPARE(labelsAt(demo, "subscription { myModelCreated ? % { | } }"), fields);
        QCOMPARE(labelsAt(demo, "subscription { myModelUpdated(id: \"unterminated\n) { | } }"),
                 fields);
        QCOMPARE(labelsAt(demo, "query ($a: Int { base } subscription { myModelCreated { |"),
                 fields);
    }

    void neverCrashesOnAnyPrefix()
    {
        const Schema &demo = test::demoSchema();
        const std::vector<std::string> documents = {
            SubscriptionWithVariables,
            "query Q($a: [Int!]! = [1, 2] @skip(if: true), $b: PersonFilter = {name: \"x\", "
            "range: {from: 1}}) @dir { alias: person(id: $a) @include(if: $b) { ...F ... on "
            "Person { name } ... @skip(if: false) { id } } }\n"
            "fragment F on Person @x { friends(first: 1, after: \"\"\"blo\\\"\"\"ck\"\"\") { id } "
            "}\n"
            "type T implements A & B @d { f(a: Int = 1): [T!]! } extend schema { query: Q }",
            "}}}])))(((([[[{{{ $$$ @@@ ... ... on on : : = = ! ! | & \"\"\" \" \\ # \n",
            "{ a(b: \"x\\u12\") c(d: 1e) e(f: 0x1) g(h: -) \x01 \xff\xfe \xc3\xa9 \xe2\x80\xa8 }",
            "query($a:[[[[[[[[Int]]]]]]]]){a(b:[[[[[[[{c:[{d:{e:$a}}]}]]]]]]])}",
            "subscription{myModelCreated{id}}fragment f on MyModelType{...f}{__typename}",
        };
        for (const std::string &document : documents) {
            for (uint32_t cursor = 0; cursor <= document.size() + 1; ++cursor) {
                const Completion c = complete(demo, document, cursor);
                QVERIFY(c.prefixStart <= cursor);
                const std::string_view prefix = std::string_view(document).substr(0, cursor);
                diagnose(demo, prefix);
                listOperations(prefix);
                std::string error;
                prettify(prefix, &error);
                checkVariables(demo, prefix, prefix, std::nullopt);
            }
        }
        QVERIFY(complete(demo, {}, 0).items.size() == 3);
    }

    void neverCrashesOnRandomTokenSoup()
    {
        const char *pieces[] = {"{",
                                "}",
                                "(",
                                ")",
                                "[",
                                "]",
                                ":",
                                "$",
                                "@",
                                "...",
                                "=",
                                "!",
                                " on ",
                                "\"",
                                "\"\"\"",
                                "# c\n",
                                "1",
                                "2.5e",
                                "a",
                                "query ",
                                "id",
                                "\n",
                                "\\",
                                "fragment ",
                                "subscription ",
                                "myModelUpdated",
                                "include",
                                "\xc3"};
        QRandomGenerator random(42);
        for (int round = 0; round < 300; ++round) {
            std::string document;
            const int count = int(random.bounded(1, 40));
            for (int i = 0; i < count; ++i)
                document += pieces[random.bounded(int(std::size(pieces)))];
            for (uint32_t cursor = 0; cursor <= document.size(); ++cursor)
                complete(test::demoSchema(), document, cursor);
            diagnose(test::demoSchema(), document);
            prettify(document, nullptr);
        }
    }

    void diagnosesSyntaxErrors()
    {
        const Schema &demo = test::demoSchema();
        const std::string unclosed = "subscription { myModelCreated { id }";
        std::vector<Diagnostic> d = diagnose(demo, unclosed);
        QCOMPARE(d.size(), size_t(1));
        QCOMPARE(text(d[0].message), QStringLiteral("Syntax Error: Expected Name, found <EOF>."));
        QCOMPARE(d[0].offset, uint32_t(unclosed.size()));
        QCOMPARE(d[0].length, 1u);
        QCOMPARE(d[0].line, 1u);
        QCOMPARE(d[0].column, uint32_t(unclosed.size() + 1));

        d = diagnose(demo, "subscription {\n  myModelCreated(subscribe: ) { id }\n}");
        QCOMPARE(d.size(), size_t(1));
        QCOMPARE(text(d[0].message), QStringLiteral("Syntax Error: Unexpected ')'."));
        QCOMPARE(d[0].offset, 43u);
        QCOMPARE(d[0].length, 1u);
        QCOMPARE(d[0].line, 2u);
        QCOMPARE(d[0].column, 29u);

        d = diagnose(demo, "{ base(a: \"x\") query }\nfoo");
        QCOMPARE(d.size(), size_t(1));
        QCOMPARE(text(d[0].message), QStringLiteral("Syntax Error: Unexpected Name 'foo'."));
        QCOMPARE(d[0].offset, 23u);
        QCOMPARE(d[0].length, 3u);
    }

    void diagnosesValidationErrorsAtTheirTokens()
    {
        const Schema &demo = test::demoSchema();
        const std::string document = "subscription {\n  myModelCreated { id nope }\n}";
        const std::vector<Diagnostic> d = diagnose(demo, document);
        QCOMPARE(d.size(), size_t(1));
        QCOMPARE(text(d[0].message),
                 QStringLiteral("Cannot query field 'nope' on type 'MyModelType'. Did you mean "
                                "'name'?"));
        QCOMPARE(d[0].offset, uint32_t(document.find("nope")));
        QCOMPARE(d[0].length, 4u);
        QCOMPARE(d[0].line, 2u);
        QCOMPARE(d[0].column, 23u);

        // The engine's messages, in its order; a variable is underlined with its '$'.
        const std::string variables = "query Q { base(x: $undefined) }\n{ getMyModel }";
        const std::vector<Diagnostic> many = diagnose(demo, variables);
        QStringList found;
        for (const Diagnostic &e : many)
            found << QStringLiteral("%1 @%2+%3").arg(text(e.message)).arg(e.offset).arg(e.length);
        const QStringList expected = {
            "Unknown argument 'x' on field 'Query.base'. @15+1",
            "Variable '$undefined' is not defined by operation 'Q'. @18+10",
            "This anonymous operation must be the only defined operation. @32+1",
            "Field 'getMyModel' of type '[MyModelType]' must have a selection of subfields. "
            "Did you mean 'getMyModel { ... }'? @34+10",
        };
        QCOMPARE(found, expected);
        // The messages the server answers.
        QStringList manyMessages;
        for (const Diagnostic &e : many)
            manyMessages << text(e.message);
        QCOMPARE(manyMessages, serverMessages(demo, variables.c_str(), "{}"));

        // Offsets count bytes, columns count code points (as graphql-core does).
        const std::string accented =
            "subscription { myModelUpdated(id: \"\xc3\xa9\xe2\x82\xac\") { zzz } }";
        const std::vector<Diagnostic> utf8 = diagnose(demo, accented);
        QCOMPARE(utf8.size(), size_t(1));
        QCOMPARE(utf8[0].offset, uint32_t(accented.find("zzz")));
        QCOMPARE(utf8[0].length, 3u);
        QCOMPARE(utf8[0].column, uint32_t(accented.find("zzz")) - 3 + 1);

        // A token at the start of a line: graphql-core reports it at the end of the line before.
        const std::string lineStart = "subscription {\nnope\n}";
        const std::vector<Diagnostic> quirk = diagnose(demo, lineStart);
        QCOMPARE(quirk.size(), size_t(1));
        QCOMPARE(quirk[0].offset, 15u);
        QCOMPARE(quirk[0].length, 4u);
        QCOMPARE(quirk[0].line, 1u);
        QCOMPARE(quirk[0].column, 15u);
    }

    void noDiagnosticsForValidOrEmptyDocuments()
    {
        const Schema &demo = test::demoSchema();
        QVERIFY(diagnose(demo, "").empty());
        QVERIFY(diagnose(demo, "  \n\t, ").empty());
        QVERIFY(diagnose(demo, "# nothing yet\n").empty());
        QVERIFY(diagnose(demo, SubscriptionWithVariables).empty());
        QCOMPARE(diagnose(demo, "# a comment\n{").size(), size_t(1));
    }

    void listsOperations()
    {
        const std::string document = "query A { base }\n"
                                     "subscription { myModelCreated { id } }\n"
                                     "fragment F on Query { base }\n"
                                     "mutation M { x }";
        const std::vector<OperationSummary> ops = listOperations(document);
        QCOMPARE(ops.size(), size_t(3));
        QCOMPARE(ops[0].name, std::optional<std::string>("A"));
        QCOMPARE(ops[0].type, ast::OperationType::Query);
        QCOMPARE(ops[0].offset, 0u);
        QCOMPARE(ops[1].name, std::optional<std::string>());
        QCOMPARE(ops[1].type, ast::OperationType::Subscription);
        QCOMPARE(ops[1].offset, uint32_t(document.find("subscription")));
        QCOMPARE(ops[2].name, std::optional<std::string>("M"));
        QCOMPARE(ops[2].type, ast::OperationType::Mutation);
        QCOMPARE(ops[2].offset, uint32_t(document.find("mutation")));
        QVERIFY(listOperations("{ base").empty());
        QCOMPARE(listOperations("{ base }").size(), size_t(1));
    }

    void prettifiesAsGraphqlJsPrints()
    {
        // The expected texts are graphql-js 16.6's print(parse(document)).
        std::string error;
        const char *messy =
            "query   Q($id:String=\"x\" ,$b:[Boolean!]! @skip(if:true)){myModelUpdated(id:$id,"
            "subscribe:true){id,name ... on MyModelType{age} ...F @include(if:$b)}}\n"
            "fragment F on MyModelType @skip(if: false) {name}\n"
            "# a comment\n"
            "{base, getMyModel { id }}\n"
            "subscription  S { myCustomEvent(subscribe: true) { field1 field2 } }";
        QCOMPARE(text(prettify(messy, &error).value_or("?")),
                 QStringLiteral("query Q($id: String = \"x\", $b: [Boolean!]! @skip(if: true)) {\n"
                                "  myModelUpdated(id: $id, subscribe: true) {\n"
                                "    id\n    name\n    ... on MyModelType {\n      age\n    }\n"
                                "    ...F @include(if: $b)\n  }\n}\n\n"
                                "fragment F on MyModelType @skip(if: false) {\n  name\n}\n\n"
                                "{\n  base\n  getMyModel {\n    id\n  }\n}\n\n"
                                "subscription S {\n  myCustomEvent(subscribe: true) {\n    field1\n"
                                "    field2\n  }\n}"));
        QCOMPARE(text(prettify("{ a(long: \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\", other: "
                               "\"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\", x: {a: [1, 2], b: null, c: "
                               "ENUM}) { b } }",
                               &error)
                          .value_or("?")),
                 QStringLiteral("{\n  a(\n    long: \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"\n"
                                "    other: \"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\"\n"
                                "    x: {a: [1, 2], b: null, c: ENUM}\n  ) {\n    b\n  }\n}"));
        QCOMPARE(
            text(prettify("{ a(s: \"\"\"\n  multi\n    line\n\"\"\") { b(s: \"\"\"one\"\"\") } "
                          "alias: c }",
                          &error)
                     .value_or("?")),
            QStringLiteral("{\n  a(s: \"\"\"\n  multi\n    line\n  \"\"\") {\n"
                           "    b(s: \"\"\"one\"\"\")\n  }\n  alias: c\n}"));
        QCOMPARE(text(prettify("query { a }", &error).value_or("?")), QStringLiteral("{\n  a\n}"));
        QCOMPARE(text(prettify("type T { f: Int }  { a }", &error).value_or("?")),
                 QStringLiteral("type T { f: Int }\n\n{\n  a\n}"));

        QCOMPARE(prettify("{ a(", &error), std::optional<std::string>());
        QCOMPARE(text(error), QStringLiteral("Syntax Error: Expected Name, found <EOF>."));
        QCOMPARE(prettify("{", nullptr), std::optional<std::string>());
    }

    void checksVariablesLikeTheServer()
    {
        const Schema &demo = test::demoSchema();
        const char *document = SubscriptionWithVariables;
        const QStringList missing = {"Variable '$id' of required type 'String!' was not provided."};
        QCOMPARE(messages(checkVariables(demo, document, "{}", std::nullopt)), missing);
        QCOMPARE(messages(checkVariables(demo, document, "", std::nullopt)), missing);
        QCOMPARE(messages(checkVariables(demo, document, " null ", std::nullopt)), missing);
        QCOMPARE(serverMessages(demo, document, "{}"), missing);

        const char *wrong = "{\"id\": 5, \"flag\": \"yes\"}";
        const QStringList wrongTypes = {
            "Variable '$id' got invalid value 5; String cannot represent a non string value: 5",
            "Variable '$flag' got invalid value 'yes'; Boolean cannot represent a non boolean "
            "value: 'yes'"};
        QCOMPARE(messages(checkVariables(demo, document, wrong, std::nullopt)), wrongTypes);
        QCOMPARE(serverMessages(demo, document, wrong), wrongTypes);

        QCOMPARE(messages(checkVariables(demo, document, "{\"id\": \"7\"}", std::nullopt)),
                 QStringList());
        QCOMPARE(messages(checkVariables(demo, document, "[1]", std::nullopt)),
                 QStringList({"Variables must be a JSON object."}));
        const QStringList bad = messages(checkVariables(demo, document, "{\"id\":", std::nullopt));
        QCOMPARE(bad.size(), 1);
        QVERIFY2(bad[0].startsWith("Variables are not valid JSON: "), qPrintable(bad[0]));

        // The operation is chosen as graphql-core chooses it.
        const std::string two = std::string(document) + "\nquery Q($n: Int) { base }";
        QCOMPARE(messages(checkVariables(demo, two, "{\"n\": true}", std::nullopt)), QStringList());
        QCOMPARE(messages(checkVariables(demo, two, "{\"n\": true}", "Q")),
                 QStringList({"Variable '$n' got invalid value True; Int cannot represent "
                              "non-integer value: True"}));
        QCOMPARE(messages(checkVariables(demo, two, "{}", "S")), missing);
        QCOMPARE(messages(checkVariables(demo, two, "{}", "Nope")), QStringList());
        // Nothing when the document does not parse: the editor shows that error.
        QCOMPARE(
            messages(checkVariables(demo, "subscription S($id: String!) {", "{}", std::nullopt)),
            QStringList());
    }
};

QTEST_GUILESS_MAIN(TestEditorSupport)
#include "tst_editor_support.moc"
