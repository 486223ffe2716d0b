// Each of the specified validation rules (W12), with graphql-core 3.2's messages and locations,
// on tests/data/test-schema.graphql. An expected list is "message@line:col,line:col | ...".
#include "graphql/parser.h"
#include "graphql/validation/validate.h"
#include "support/test_schemas.h"

#include <QElapsedTimer>
#include <QTest>

using namespace subscope;
using namespace subscope::graphql;

namespace {

QString errorsOf(const QByteArray &document, const ValidateOptions &options = {})
{
    ParseResult parsed = parse(document);
    if (parsed.error) return QStringLiteral("syntax: ") + parsed.error->messageText();
    QStringList out;
    for (const GraphQLError &e : validate(test::testSchema(), *parsed.document, options)) {
        QStringList locations;
        for (const SourceLocation &l : e.locations)
            locations << QStringLiteral("%1:%2").arg(l.line).arg(l.column);
        out << e.messageText() + (locations.isEmpty()
                                      ? QString()
                                      : QLatin1Char('@') + locations.join(QLatin1Char(',')));
    }
    return out.join(QStringLiteral(" | "));
}

} // namespace

#define RULE_TEST(name)                                                                            \
    void name##_data();                                                                            \
    void name()                                                                                    \
    {                                                                                              \
        QFETCH(QByteArray, document);                                                              \
        QFETCH(QString, expected);                                                                 \
        QCOMPARE(errorsOf(document), expected);                                                    \
    }

class TestValidation : public QObject
{
    Q_OBJECT

private slots:
    RULE_TEST(executableDefinitions)
    RULE_TEST(uniqueOperationNames)
    RULE_TEST(loneAnonymousOperation)
    RULE_TEST(singleFieldSubscriptions)
    RULE_TEST(knownTypeNames)
    RULE_TEST(fragmentsOnCompositeTypes)
    RULE_TEST(variablesAreInputTypes)
    RULE_TEST(scalarLeafs)
    RULE_TEST(fieldsOnCorrectType)
    RULE_TEST(uniqueFragmentNames)
    RULE_TEST(knownFragmentNames)
    RULE_TEST(noUnusedFragments)
    RULE_TEST(possibleFragmentSpreads)
    RULE_TEST(noFragmentCycles)
    RULE_TEST(uniqueVariableNames)
    RULE_TEST(noUndefinedVariables)
    RULE_TEST(noUnusedVariables)
    RULE_TEST(knownDirectives)
    RULE_TEST(uniqueDirectivesPerLocation)
    RULE_TEST(knownArgumentNames)
    RULE_TEST(uniqueArgumentNames)
    RULE_TEST(valuesOfCorrectType)
    RULE_TEST(providedRequiredArguments)
    RULE_TEST(variablesInAllowedPosition)
    RULE_TEST(overlappingFieldsCanBeMerged)
    RULE_TEST(uniqueInputFieldNames)

    void errorsComeInDocumentOrderAcrossRules()
    {
        // Rules run in one pass: an error of a later rule on an earlier node comes first.
        QCOMPARE(
            errorsOf("query ($x: Nope) { nope person(id: 1) { name } }"),
            QStringLiteral("Unknown type 'Nope'. Did you mean 'Node'?@1:12 | Cannot query field "
                           "'nope' on type 'Query'. Did you mean 'node' or 'now'?@1:20 | "
                           "Variable '$x' is never used.@1:8"));
    }

    void errorLimit()
    {
        QByteArray many = "{";
        for (int i = 0; i < 150; ++i)
            many += " nope" + QByteArray::number(i);
        many += " }";
        const QStringList errors = errorsOf(many).split(QStringLiteral(" | "));
        QCOMPARE(errors.size(), 101);
        QCOMPARE(
            errors.last(),
            QStringLiteral("Too many validation errors, error limit reached. Validation aborted."));
    }

    void nestingThroughFragmentsIsLimited()
    {
        // 100 fragments, each spreading the next: valid for graphql-js, but every rule that
        // follows spreads would recurse 100 deep. Refused before the rules run.
        QByteArray text = "{ person(id: 1) { ...F0 } }";
        for (int i = 0; i < 100; ++i)
            text += " fragment F" + QByteArray::number(i) + " on Person { friends { ...F" +
                    QByteArray::number(i + 1) + " } }";
        text += " fragment F100 on Person { id }";
        QVERIFY(
            errorsOf(text).startsWith(QStringLiteral("Document nesting is deeper than the limit of "
                                                     "64 levels (counting fragment spreads).")));
        ValidateOptions unlimited;
        unlimited.maxDepth = 0;
        QCOMPARE(errorsOf(text, unlimited), QString());
    }

    void hostileOverlapStaysFast()
    {
        // 5000 copies of one field: pairwise comparison, but each pair is cheap.
        QByteArray text = "{";
        for (int i = 0; i < 5000; ++i)
            text += " version";
        text += " }";
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(errorsOf(text), QString());
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
    }
};

void TestValidation::executableDefinitions_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QString>("expected");
    QTest::newRow("operations and fragments")
        << QByteArray("{ ...F } fragment F on Query { version }") << QString();
    QTest::newRow("type definition")
        << QByteArray("{ version } type T { a: Int }")
        << QStringLiteral("The 'T' definition is not executable.@1:13");
    QTest::newRow("schema and extension")
        << QByteArray("{ version } schema { query: Query } extend type Query { b: Int }")
        << QStringLiteral("The schema definition is not executable.@1:13 | The 'Query' definition "
                          "is not executable.@1:37");
    QTest::newRow("directive definition")
        << QByteArray("{ version } directive @d on FIELD")
        << QStringLiteral("The 'd' definition is not executable.@1:13");
}

void TestValidation::uniqueOperationNames_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QString>("expected");
    QTest::newRow("distinct") << QByteArray("query A { version } query B { version }") << QString();
    QTest::newRow("same name")
        << QByteArray("query A { version } mutation A { rename(id: 1, name: \"x\") { id } }")
        << QStringLiteral("There can be only one operation named 'A'.@1:7,1:30");
}

void TestValidation::loneAnonymousOperation_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QString>("expected");
    QTest::newRow("alone") << QByteArray("{ version } fragment F on Query { version }")
                           << QStringLiteral("Fragment 'F' is never used.@1:13");
    QTest::newRow("with another")
        << QByteArray("{ version } query B { version }")
        << QStringLiteral("This anonymous operation must be the only defined operation.@1:1");
}

void TestValidation::singleFieldSubscriptions_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QString>("expected");
    QTest::newRow("one field") << QByteArray("subscription { quiet }") << QString();
    QTest::newRow("two fields named")
        << QByteArray("subscription S { quiet noisy }")
        << QStringLiteral("Subscription 'S' must select only one top level field.@1:24");
    QTest::newRow("through a fragment")
        << QByteArray("subscription { ...F } fragment F on Subscription { quiet n: noisy }")
        << QStringLiteral("Anonymous Subscription must select only one top level field.@1:58");
    QTest::newRow("skipped second field")
        << QByteArray("subscription { quiet noisy @skip(if: true) }") << QString();
    QTest::newRow("introspection")
        << QByteArray("subscription { __typename }")
        << QStringLiteral(
               "Anonymous Subscription must not select an introspection top level field.@1:16");
}

void TestValidation::knownTypeNames_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QString>("expected");
    QTest::newRow("known") << QByteArray("query ($f: PersonFilter) { people(filter: $f) { id } }")
                           << QString();
    QTest::newRow("unknown with suggestion")
        << QByteArray("query ($f: PersonFiltr) { people(filter: $f) { id } }")
        << QStringLiteral(
               "Unknown type 'PersonFiltr'. Did you mean 'PersonFilter' or 'Person'?@1:12");
    QTest::newRow("in a fragment")
        << QByteArray("{ ...F } fragment F on Persn { id }")
        << QStringLiteral("Unknown type 'Persn'. Did you mean 'Person' or 'Pet'?@1:24");
    QTest::newRow("standard type in SDL is fine")
        << QByteArray("{ version } extend type Query { x: Float }")
        << QStringLiteral("The 'Query' definition is not executable.@1:13");
}

void TestValidation::fragmentsOnCompositeTypes_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QString>("expected");
    QTest::newRow("object, interface, union")
        << QByteArray("{ node(id: 1) { ... on Entity { name } ... on Dog { id } } pets { ... on "
                      "Pet { __typename } } }")
        << QString();
    QTest::newRow("inline on scalar")
        << QByteArray("{ node(id: 1) { ... on String { id } } }")
        << QStringLiteral("Fragment cannot condition on non composite type 'String'.@1:24");
    QTest::newRow("fragment on enum")
        << QByteArray("{ ...F } fragment F on Mood { x }")
        << QStringLiteral("Fragment 'F' cannot condition on non composite type 'Mood'.@1:24");
}

void TestValidation::variablesAreInputTypes_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QString>("expected");
    QTest::newRow("input types")
        << QByteArray("query ($a: [Range!], $b: Mood, $c: Date) { echo(mood: $b, date: $c) "
                      "people(filter: {range: {to: 1}}) { id } x: echo(list: $a) }")
        << QStringLiteral("Variable '$a' of type '[Range!]' used in position expecting type "
                          "'[Int]'.@1:8,1:123");
    QTest::newRow("output type") << QByteArray("query ($p: [Person]) { version }")
                                 << QStringLiteral(
                                        "Variable '$p' cannot be non-input type '[Person]'.@1:12 | "
                                        "Variable '$p' is never used.@1:8");
}

void TestValidation::scalarLeafs_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QString>("expected");
    QTest::newRow("leaf without selection") << QByteArray("{ version }") << QString();
    QTest::newRow("leaf with selection")
        << QByteArray("{ version { x } }")
        << QStringLiteral("Field 'version' must not have a selection since type 'String!' has no "
                          "subfields.@1:11");
    QTest::newRow("object without selection")
        << QByteArray("{ people }")
        << QStringLiteral("Field 'people' of type '[Person!]!' must have a selection of subfields. "
                          "Did you mean 'people { ... }'?@1:3");
    QTest::newRow("enum with selection")
        << QByteArray("{ person(id: 1) { mood { x } } }")
        << QStringLiteral(
               "Field 'mood' must not have a selection since type 'Mood' has no subfields.@1:24");
}

void TestValidation::fieldsOnCorrectType_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QString>("expected");
    QTest::newRow("typo")
        << QByteArray("{ person(id: 1) { nmae } }")
        << QStringLiteral("Cannot query field 'nmae' on type 'Person'. Did you mean 'name'?@1:19");
    QTest::newRow("no suggestion")
        << QByteArray("{ zzzzzz }")
        << QStringLiteral("Cannot query field 'zzzzzz' on type 'Query'.@1:3");
    QTest::newRow("field of a member type on an interface")
        << QByteArray("{ node(id: 1) { name } }")
        << QStringLiteral("Cannot query field 'name' on type 'Node'. Did you mean to use an inline "
                          "fragment on 'Cat', 'Dog', 'Entity', or 'Person'?@1:17");
    QTest::newRow("field on a union")
        << QByteArray("{ pets { name } }")
        << QStringLiteral("Cannot query field 'name' on type 'Pet'. Did you mean to use an inline "
                          "fragment on 'Cat' or 'Dog'?@1:10");
    QTest::newRow("__typename anywhere")
        << QByteArray("{ __typename pets { __typename } }") << QString();
    QTest::newRow("__schema only on the query type")
        << QByteArray("{ person(id: 1) { __schema { types { name } } } }")
        << QStringLiteral("Cannot query field '__schema' on type 'Person'.@1:19");
}

void TestValidation::uniqueFragmentNames_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QString>("expected");
    QTest::newRow("twice")
        << QByteArray("{ ...F } fragment F on Query { version } fragment F on Query { now }")
        << QStringLiteral("There can be only one fragment named 'F'.@1:19,1:51");
}

void TestValidation::knownFragmentNames_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unknown") << QByteArray("{ ...Nope }")
                             << QStringLiteral("Unknown fragment 'Nope'.@1:6");
}

void TestValidation::noUnusedFragments_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QString>("expected");
    QTest::newRow("used through another")
        << QByteArray("{ ...A } fragment A on Query { ...B } fragment B on Query { version }")
        << QString();
    QTest::newRow("unused") << QByteArray("{ version } fragment U on Query { version }")
                            << QStringLiteral("Fragment 'U' is never used.@1:13");
}

void TestValidation::possibleFragmentSpreads_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QString>("expected");
    QTest::newRow("overlapping") << QByteArray("{ pets { ... on Dog { id } ... on Node { id } } }")
                                 << QString();
    QTest::newRow("inline never") << QByteArray("{ person(id: 1) { ... on Dog { id } } }")
                                  << QStringLiteral(
                                         "Fragment cannot be spread here as objects of type "
                                         "'Person' can never be of type 'Dog'.@1:19");
    QTest::newRow("named never") << QByteArray("{ pets { ...P } } fragment P on Person { id }")
                                 << QStringLiteral(
                                        "Fragment 'P' cannot be spread here as objects of type "
                                        "'Pet' can never be of type 'Person'.@1:10");
}

void TestValidation::noFragmentCycles_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QString>("expected");
    QTest::newRow("self") << QByteArray("{ ...A } fragment A on Query { ...A }")
                          << QStringLiteral("Cannot spread fragment 'A' within itself.@1:32");
    QTest::newRow("via two")
        << QByteArray("{ ...A } fragment A on Query { ...B } fragment B on Query { ...C } fragment "
                      "C on Query { ...A }")
        << QStringLiteral("Cannot spread fragment 'A' within itself via 'B', 'C'.@1:32,1:61,1:90");
}

void TestValidation::uniqueVariableNames_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QString>("expected");
    QTest::newRow("twice") << QByteArray("query ($a: Int, $a: Int) { echo(i: $a) }")
                           << QStringLiteral("There can be only one variable named '$a'.@1:9,1:18");
}

void TestValidation::noUndefinedVariables_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QString>("expected");
    QTest::newRow("anonymous") << QByteArray("{ echo(i: $x) }")
                               << QStringLiteral("Variable '$x' is not defined.@1:11,1:1");
    QTest::newRow("named, in a fragment")
        << QByteArray("query Q { ...F } fragment F on Query { echo(s: $s) }")
        << QStringLiteral("Variable '$s' is not defined by operation 'Q'.@1:48,1:1");
}

void TestValidation::noUnusedVariables_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QString>("expected");
    QTest::newRow("used in a directive")
        << QByteArray("query ($b: Boolean!) { version @skip(if: $b) }") << QString();
    QTest::newRow("unused, named")
        << QByteArray("query Q($a: Int) { version }")
        << QStringLiteral("Variable '$a' is never used in operation 'Q'.@1:9");
}

void TestValidation::knownDirectives_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unknown") << QByteArray("{ version @nope }")
                             << QStringLiteral("Unknown directive '@nope'.@1:11");
    QTest::newRow("wrong place, lower case location")
        << QByteArray("query @skip(if: true) { version }")
        << QStringLiteral("Directive '@skip' may not be used on query.@1:7");
    QTest::newRow("fragment spread location")
        << QByteArray("{ ...F @deprecated } fragment F on Query { version }")
        << QStringLiteral("Directive '@deprecated' may not be used on fragment spread.@1:8");
    QTest::newRow("variable definition")
        << QByteArray("query ($v: Int @include(if: true)) { echo(i: $v) }")
        << QStringLiteral("Directive '@include' may not be used on variable definition.@1:16");
}

void TestValidation::uniqueDirectivesPerLocation_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QString>("expected");
    QTest::newRow("twice")
        << QByteArray("{ version @skip(if: true) @skip(if: false) }")
        << QStringLiteral(
               "The directive '@skip' can only be used once at this location.@1:11,1:27");
    QTest::newRow("different places")
        << QByteArray("{ version @skip(if: false) now @skip(if: false) }") << QString();
}

void TestValidation::knownArgumentNames_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QString>("expected");
    QTest::newRow("field")
        << QByteArray("{ person(idd: 1) { id } }")
        << QStringLiteral(
               "Unknown argument 'idd' on field 'Query.person'. Did you mean 'id'?@1:10 | "
               "Field 'person' argument 'id' of type 'ID!' is required, but it was not "
               "provided.@1:3");
    QTest::newRow("directive")
        << QByteArray("{ version @skip(iff: true) }")
        << QStringLiteral("Unknown argument 'iff' on directive '@skip'. Did you mean 'if'?@1:17 | "
                          "Directive '@skip' argument 'if' of type 'Boolean!' is required, but it "
                          "was not provided.@1:11");
}

void TestValidation::uniqueArgumentNames_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QString>("expected");
    QTest::newRow("field") << QByteArray("{ echo(i: 1, i: 2) }")
                           << QStringLiteral("There can be only one argument named 'i'.@1:8,1:14");
    QTest::newRow("directive") << QByteArray("{ version @skip(if: true, if: false) }")
                               << QStringLiteral(
                                      "There can be only one argument named 'if'.@1:17,1:27");
}

void TestValidation::valuesOfCorrectType_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QString>("expected");
    QTest::newRow("every scalar") << QByteArray(
                                         "{ echo(s: \"x\", i: -2147483648, f: 1, b: true, id: 5, "
                                         "mood: HAPPY, date: {any: [1]}, list: 3, nested: [[1]]) }")
                                  << QString();
    QTest::newRow("wrong scalars")
        << QByteArray("{ echo(s: 1, i: 1.5, f: \"x\", b: 0, id: 1.0) }")
        << QStringLiteral("String cannot represent a non string value: 1@1:11 | Int cannot "
                          "represent non-integer value: 1.5@1:17 | "
                          "Float cannot represent non numeric value: \"x\"@1:25 | Boolean cannot "
                          "represent a non boolean value: 0@1:33 | "
                          "ID cannot represent a non-string and non-integer value: 1.0@1:40");
    QTest::newRow("int out of range")
        << QByteArray("{ echo(i: 2147483648) }")
        << QStringLiteral("Int cannot represent non 32-bit signed integer value: 2147483648@1:11");
    QTest::newRow("enum as string")
        << QByteArray("{ echo(mood: \"HAPPY\") }")
        << QStringLiteral("Enum 'Mood' cannot represent non-enum value: \"HAPPY\". Did you mean "
                          "the enum value 'HAPPY'?@1:14");
    QTest::newRow("unknown enum value")
        << QByteArray("{ echo(mood: HAPY) }")
        << QStringLiteral("Value 'HAPY' does not exist in 'Mood' enum. Did you mean the enum value "
                          "'HAPPY'?@1:14");
    QTest::newRow("null for non-null")
        << QByteArray("{ person(id: null) { id } }")
        << QStringLiteral("Expected value of type 'ID!', found null.@1:14");
    QTest::newRow("object for a scalar")
        << QByteArray("{ echo(i: {a: 1}) }")
        << QStringLiteral("Int cannot represent non-integer value: {a: 1}@1:11");
    QTest::newRow("list items") << QByteArray("{ echo(nested: [[1, null], \"x\"]) }")
                                << QStringLiteral(
                                       "Expected value of type 'Int!', found null.@1:21 | Int "
                                       "cannot represent non-integer value: \"x\"@1:28");
    QTest::newRow("input object fields")
        << QByteArray("{ people(filter: {nam: \"x\", range: {from: 1}}) { id } }")
        << QStringLiteral(
               "Field 'nam' is not defined by type 'PersonFilter'. Did you mean 'name'?@1:19 | "
               "Field 'Range.to' of required type 'Int!' was not provided.@1:36");
    QTest::newRow("scalar for an input object")
        << QByteArray("{ people(filter: 3) { id } }")
        << QStringLiteral("Expected value of type 'PersonFilter', found 3.@1:18");
}

void TestValidation::providedRequiredArguments_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QString>("expected");
    QTest::newRow("provided") << QByteArray("{ person(id: 1) { id } }") << QString();
    QTest::newRow("missing") << QByteArray("{ node { id } }")
                             << QStringLiteral("Field 'node' argument 'id' of type 'ID!' is "
                                               "required, but it was not provided.@1:3");
    QTest::newRow("default makes it optional")
        << QByteArray("subscription { personChanged(id: 1) { id } }") << QString();
    QTest::newRow("directive") << QByteArray("{ version @include }")
                               << QStringLiteral(
                                      "Directive '@include' argument 'if' of type 'Boolean!' is "
                                      "required, but it was not provided.@1:11");
}

void TestValidation::variablesInAllowedPosition_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QString>("expected");
    QTest::newRow("same type") << QByteArray("query ($id: ID!) { person(id: $id) { id } }")
                               << QString();
    QTest::newRow("nullable into non-null")
        << QByteArray("query ($id: ID) { person(id: $id) { id } }")
        << QStringLiteral(
               "Variable '$id' of type 'ID' used in position expecting type 'ID!'.@1:8,1:30");
    QTest::newRow("nullable with a default")
        << QByteArray("query ($id: ID = 1) { person(id: $id) { id } }") << QString();
    QTest::newRow("location with a default")
        << QByteArray("query ($f: Int) { p: people(first: $f) { id } }") << QString();
    QTest::newRow("list of non-null into list")
        << QByteArray("query ($l: [Int!]!) { echo(list: $l) }") << QString();
    QTest::newRow("wrong scalar")
        << QByteArray("query ($s: String) { echo(i: $s) }")
        << QStringLiteral(
               "Variable '$s' of type 'String' used in position expecting type 'Int'.@1:8,1:30");
    QTest::newRow("inside an input object")
        << QByteArray("query ($t: String) { people(filter: {range: {to: $t}}) { id } }")
        << QStringLiteral(
               "Variable '$t' of type 'String' used in position expecting type 'Int!'.@1:8,1:50");
}

void TestValidation::overlappingFieldsCanBeMerged_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QString>("expected");
    QTest::newRow("same field twice") << QByteArray("{ version version }") << QString();
    QTest::newRow("alias clash")
        << QByteArray("{ x: version x: now }")
        << QStringLiteral(
               "Fields 'x' conflict because 'version' and 'now' are different fields. Use "
               "different aliases on the fields to fetch both if this was intentional.@1:3,1:14");
    QTest::newRow("different arguments")
        << QByteArray("{ echo(i: 1) echo(i: 2) }")
        << QStringLiteral(
               "Fields 'echo' conflict because they have differing arguments. Use different "
               "aliases on the fields to fetch both if this was intentional.@1:3,1:14");
    QTest::newRow("same arguments in another order")
        << QByteArray("{ echo(i: 1, s: \"a\") echo(s: \"a\", i: 1) }") << QString();
    QTest::newRow("subfields") << QByteArray(
                                      "{ person(id: 1) { n: name } person(id: 1) { n: id } }")
                               << QStringLiteral(
                                      "Fields 'person' conflict because subfields 'n' conflict "
                                      "because 'name' and 'id' are different fields. "
                                      "Use different aliases on the fields to fetch both if this "
                                      "was intentional.@1:3,1:19,1:29,1:45");
    QTest::newRow("mutually exclusive types")
        << QByteArray("{ pets { ... on Dog { v: barkVolume } ... on Cat { v: meowVolume } } }")
        << QString();
    QTest::newRow("conflicting return types")
        << QByteArray("{ node(id: 1) { ... on Dog { x: name } ... on Cat { x: meowVolume } } }")
        << QStringLiteral(
               "Fields 'x' conflict because they return conflicting types 'String' and 'Int'. Use "
               "different aliases on the fields to fetch both if this was intentional.@1:30,1:53");
    // Found by fuzz_graphql_request (tests/fuzz/regressions/): compared again at every level
    // of the nesting, without end, until the stack overflowed.
    QTest::newRow("fragment spread in a field of itself")
        << QByteArray("{ person(id: 1) { ...F } } fragment F on Person { friends { friends { "
                      "...F } } friends { ...F } }")
        // NoFragmentCycles' order is graphql-js's: the spreads of a fragment found depth-last.
        << QStringLiteral("Cannot spread fragment 'F' within itself.@1:90 | Cannot spread "
                          "fragment 'F' within itself.@1:71");
    QTest::newRow("through fragments")
        << QByteArray(
               "{ ...A ...B } fragment A on Query { x: version } fragment B on Query { x: now }")
        << QStringLiteral(
               "Fields 'x' conflict because 'version' and 'now' are different fields. Use "
               "different aliases on the fields to fetch both if this was intentional.@1:37,1:72");
}

void TestValidation::uniqueInputFieldNames_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QString>("expected");
    QTest::newRow("twice") << QByteArray("{ people(filter: {name: \"a\", name: \"b\"}) { id } }")
                           << QStringLiteral(
                                  "There can be only one input field named 'name'.@1:19,1:30");
    QTest::newRow("nested objects are separate")
        << QByteArray("{ people(filter: {range: {to: 1}, name: \"to\"}) { id } }") << QString();
}

QTEST_GUILESS_MAIN(TestValidation)
#include "tst_validation.moc"
