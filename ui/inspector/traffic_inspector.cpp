#include "traffic_inspector.h"

#include "editor/highlighters.h"

#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QPlainTextEdit>
#include <QSaveFile>
#include <QScrollBar>
#include <QSplitter>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace subscope::ui {

QStringList TrafficInspector::messageTypes()
{
    return {QStringLiteral("open"),
            QStringLiteral("connection_init"),
            QStringLiteral("connection_ack"),
            QStringLiteral("connection_error"),
            QStringLiteral("ping"),
            QStringLiteral("pong"),
            QStringLiteral("ka"),
            QStringLiteral("subscribe"),
            QStringLiteral("start"),
            QStringLiteral("next"),
            QStringLiteral("data"),
            QStringLiteral("error"),
            QStringLiteral("complete"),
            QStringLiteral("stop"),
            QStringLiteral("connection_terminate"),
            QStringLiteral("close"),
            QStringLiteral("(binary)"),
            QStringLiteral("(not JSON)"),
            QStringLiteral("(no type)")};
}

TrafficInspector::TrafficInspector(TrafficModel &model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *bar = new QHBoxLayout;
    m_filterText = new QLineEdit(this);
    m_filterText->setObjectName(QStringLiteral("inspectorFilter"));
    m_filterText->setPlaceholderText(tr("Filter: text in the frames (Ctrl+F)"));
    m_filterText->setClearButtonEnabled(true);
    m_type = new QComboBox(this);
    m_type->setObjectName(QStringLiteral("inspectorTypeFilter"));
    m_type->addItem(tr("All types"));
    m_type->addItems(messageTypes());
    m_connection = new QComboBox(this);
    m_connection->setObjectName(QStringLiteral("inspectorConnectionFilter"));
    m_connection->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_connection->setMinimumContentsLength(24);
    m_direction = new QComboBox(this);
    m_direction->setObjectName(QStringLiteral("inspectorDirectionFilter"));
    m_direction->addItem(tr("Both directions"));
    m_direction->addItem(m_model.directionText(FrameDirection::ClientToServer));
    m_direction->addItem(m_model.directionText(FrameDirection::ServerToClient));
    m_pause = new QToolButton(this);
    m_pause->setObjectName(QStringLiteral("inspectorPauseButton"));
    m_pause->setText(tr("Pause"));
    m_pause->setCheckable(true);
    m_pause->setToolTip(tr("Stop recording frames (they are counted, not kept)"));
    m_clear = new QToolButton(this);
    m_clear->setObjectName(QStringLiteral("inspectorClearButton"));
    m_clear->setText(tr("Clear"));
    m_export = new QToolButton(this);
    m_export->setObjectName(QStringLiteral("inspectorExportButton"));
    m_export->setText(tr("Export"));
    m_export->setPopupMode(QToolButton::InstantPopup);
    auto *exportMenu = new QMenu(m_export);
    exportMenu->addAction(tr("All frames as JSONL…"), this, [this] { exportWithDialog(false); });
    exportMenu->addAction(tr("Selected frames as JSONL…"), this,
                          [this] { exportWithDialog(true); });
    m_export->setMenu(exportMenu);
    m_counts = new QLabel(this);
    m_counts->setObjectName(QStringLiteral("inspectorCounts"));
    bar->addWidget(m_filterText, 2);
    bar->addWidget(m_type);
    bar->addWidget(m_connection, 1);
    bar->addWidget(m_direction);
    bar->addWidget(m_pause);
    bar->addWidget(m_clear);
    bar->addWidget(m_export);
    layout->addLayout(bar);

    auto *split = new QSplitter(Qt::Horizontal, this);
    m_view = new QTreeView(split);
    m_view->setObjectName(QStringLiteral("inspectorView"));
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true); // what keeps hundreds of thousands of rows fast
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAllColumnsShowFocus(true);
    m_view->setModel(&m_model);
    const QFontMetrics metrics(m_view->font());
    const auto width = [&](const QString &sample) {
        return metrics.horizontalAdvance(sample) + 16;
    };
    m_view->setColumnWidth(TrafficModel::NumberColumn, width(QStringLiteral("0000000")));
    m_view->setColumnWidth(TrafficModel::TimeColumn, width(QStringLiteral("00:00:00.000")));
    m_view->setColumnWidth(TrafficModel::ConnectionColumn,
                           width(QStringLiteral("server · socket 12 · 127.0.0.1")));
    m_view->setColumnWidth(TrafficModel::DirectionColumn, width(QStringLiteral("C → S")));
    m_view->setColumnWidth(TrafficModel::SubprotocolColumn,
                           width(QStringLiteral("graphql-transport-ws")));
    m_view->setColumnWidth(TrafficModel::TypeColumn, width(QStringLiteral("connection_init")));
    m_view->setColumnWidth(TrafficModel::OperationColumn, width(QStringLiteral("0000")));
    m_view->setColumnWidth(TrafficModel::SizeColumn, width(QStringLiteral("00,000")));
    m_view->header()->setStretchLastSection(true);
    m_detail = new QPlainTextEdit(split);
    m_detail->setObjectName(QStringLiteral("inspectorDetail"));
    m_detail->setReadOnly(true);
    m_detail->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_detail->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_detail->setPlaceholderText(tr("Select a frame to see it whole"));
    attachHighlighter(m_detail->document(), SyntaxLanguage::Json);
    split->addWidget(m_view);
    split->addWidget(m_detail);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    layout->addWidget(split, 1);
    layout->addWidget(m_counts);

    m_filterDelay.setSingleShot(true);
    m_filterDelay.setInterval(200);
    connect(&m_filterDelay, &QTimer::timeout, this, &TrafficInspector::applyFilter);
    connect(m_filterText, &QLineEdit::textChanged, this, [this] { m_filterDelay.start(); });
    connect(m_filterText, &QLineEdit::returnPressed, this, &TrafficInspector::applyFilter);
    for (QComboBox *combo : {m_type, m_connection, m_direction})
        connect(combo, &QComboBox::currentIndexChanged, this, &TrafficInspector::applyFilter);
    connect(m_pause, &QToolButton::toggled, &m_model, &TrafficModel::setPaused);
    connect(m_clear, &QToolButton::clicked, &m_model, &TrafficModel::clear);
    connect(&m_model, &TrafficModel::connectionsChanged, this,
            &TrafficInspector::refreshConnections);
    connect(&m_model, &TrafficModel::countsChanged, this, &TrafficInspector::showCounts);
    connect(&m_model, &QAbstractItemModel::rowsAboutToBeInserted, this, [this] {
        const QScrollBar *bar = m_view->verticalScrollBar();
        m_follow = bar->value() == bar->maximum();
    });
    connect(&m_model, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_follow) m_view->scrollToBottom();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &TrafficInspector::showDetail);
    connect(&m_model, &QAbstractItemModel::modelReset, this, &TrafficInspector::showDetail);
    refreshConnections();
    showCounts();
}

void TrafficInspector::focusFilter()
{
    m_filterText->setFocus(Qt::ShortcutFocusReason);
    m_filterText->selectAll();
}

void TrafficInspector::applyFilter()
{
    m_filterDelay.stop();
    TrafficFilter filter;
    filter.text = m_filterText->text().trimmed();
    if (m_type->currentIndex() > 0) filter.type = m_type->currentText();
    if (m_connection->currentIndex() > 0)
        filter.connection = uint32_t(m_connection->currentIndex() - 1);
    if (m_direction->currentIndex() > 0)
        filter.direction = m_direction->currentIndex() == 1 ? FrameDirection::ClientToServer
                                                            : FrameDirection::ServerToClient;
    m_model.setFilter(filter);
    m_view->scrollToBottom();
}

void TrafficInspector::refreshConnections()
{
    const QSignalBlocker block(m_connection);
    const int current = m_connection->currentIndex();
    m_connection->clear();
    m_connection->addItem(tr("All connections"));
    m_connection->addItems(m_model.connectionNames());
    m_connection->setCurrentIndex(std::max(0, current));
}

void TrafficInspector::showCounts()
{
    const QLocale locale;
    QString text = tr("%1 frames recorded · %2 shown · %3")
                       .arg(locale.toString(qulonglong(m_model.recordedCount())),
                            locale.toString(m_model.rowCount()),
                            locale.formattedDataSize(qint64(m_model.memoryBytes())));
    if (m_model.notRecordedCount())
        text += tr(" · %1 not recorded (%2)")
                    .arg(locale.toString(qulonglong(m_model.notRecordedCount())),
                         m_model.isPaused()
                             ? tr("paused")
                             : tr("capture full at %1: Clear to go on")
                                   .arg(locale.toString(qulonglong(m_model.capacity()))));
    else if (m_model.isPaused())
        text += tr(" · paused");
    m_counts->setText(text);
}

void TrafficInspector::showDetail()
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    const int record = current.isValid() ? m_model.recordAt(current.row()) : -1;
    m_detail->setPlainText(record >= 0 ? m_model.detailText(size_t(record)) : QString());
}

bool TrafficInspector::exportTo(const QString &path, bool selectionOnly)
{
    std::vector<int> records;
    if (selectionOnly) {
        for (const QModelIndex &index : m_view->selectionModel()->selectedRows())
            records.push_back(m_model.recordAt(index.row()));
        std::sort(records.begin(), records.end());
        if (records.empty()) {
            m_counts->setText(tr("Select the frames to export first"));
            return false;
        }
    }
    QSaveFile file(path);
    QString error;
    const bool ok = file.open(QIODevice::WriteOnly) && m_model.exportJsonl(file, records, &error) &&
                    file.commit();
    if (!ok) {
        m_counts->setText(
            tr("Could not write %1: %2").arg(path, error.isEmpty() ? file.errorString() : error));
        return false;
    }
    m_counts->setText(tr("Wrote %1 frames to %2")
                          .arg(selectionOnly ? records.size() : m_model.recordedCount())
                          .arg(path));
    return true;
}

void TrafficInspector::exportWithDialog(bool selectionOnly)
{
    const QString path = QFileDialog::getSaveFileName(
        this, selectionOnly ? tr("Export the selected frames") : tr("Export all frames"),
        QStringLiteral("subscope-traffic.jsonl"), tr("JSON Lines (*.jsonl);;All files (*)"));
    if (!path.isEmpty()) exportTo(path, selectionOnly);
}

} // namespace subscope::ui
