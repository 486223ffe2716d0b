// Printing of values and types, as the messages of graphql-core show them.
#include "graphql/parser.h"
#include "graphql/printer.h"

#include <QTest>

using namespace subscope::graphql;

class TestPrinter : public QObject
{
    Q_OBJECT

private slots:
    void values_data()
    {
        QTest::addColumn<QByteArray>("literal");
        QTest::addColumn<QString>("printed");
        QTest::newRow("object") << QByteArray("{ x : 1 , y:[ 2,3 ] }")
                                << QStringLiteral("{x: 1, y: [2, 3]}");
        QTest::newRow("string") << QByteArray("\"a\\nb\\\"c\\u0001\\u0085\"")
                                << QStringLiteral("\"a\\nb\\\"c\\u0001\\u0085\"");
        QTest::newRow("block") << QByteArray("\"\"\"  x\n  y\"\"\"")
                               << QStringLiteral("\"\"\"\n  x\ny\n\"\"\"");
        QTest::newRow("enum, null, bool, variable")
            << QByteArray("[A, null, false, $v]") << QStringLiteral("[A, null, false, $v]");
        QTest::newRow("numbers as written")
            << QByteArray("[-0, 1.50, 2E+3]") << QStringLiteral("[-0, 1.50, 2E+3]");
    }

    void values()
    {
        QFETCH(QByteArray, literal);
        QFETCH(QString, printed);
        ParseResult r = parse("{ f(v: " + literal + ") }");
        QVERIFY(!r.error);
        const auto *op =
            static_cast<const ast::OperationDefinition *>(r.document->root().definitions[0]);
        const auto *field = static_cast<const ast::Field *>(op->selectionSet->selections[0]);
        QCOMPARE(QString::fromStdString(printValue(*field->arguments[0]->value)), printed);
    }

    void blockStrings()
    {
        QCOMPARE(printBlockString("one line"), std::string("\"\"\"one line\"\"\""));
        QCOMPARE(printBlockString("two\nlines"), std::string("\"\"\"\ntwo\nlines\n\"\"\""));
        QCOMPARE(printBlockString("ends with \""), std::string("\"\"\"\nends with \"\n\"\"\""));
        QCOMPARE(printBlockString("has \"\"\" inside"),
                 std::string("\"\"\"has \\\"\"\" inside\"\"\""));
        QVERIFY(isPrintableAsBlockString("fine"));
        QVERIFY(!isPrintableAsBlockString("\nleading newline"));
        QVERIFY(!isPrintableAsBlockString("trailing\n"));
        QVERIFY(!isPrintableAsBlockString("  all\n  indented"));
        QVERIFY(!isPrintableAsBlockString("cr\r"));
    }
};

QTEST_GUILESS_MAIN(TestPrinter)
#include "tst_printer.moc"
