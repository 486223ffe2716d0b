#include "frame_store.h"

#include "protocol/frame_dissection.h"

#include <cstring>

namespace subscope::ui {

FrameStore::FrameStore()
{
    clear();
}

void FrameStore::clear()
{
    m_records = {};
    m_chunks.clear();
    m_chunkSizes.clear();
    m_used = 0;
    m_names = {QString()};
    m_nameIndex = {{QString(), 0}};
}

void FrameStore::append(FrameRecord record, QByteArrayView bytes)
{
    const size_t size = size_t(bytes.size());
    if (m_chunks.empty() || m_used + size > m_chunkSizes.back()) {
        const size_t chunk = std::max(ChunkBytes, size); // a huge frame gets a chunk of its own
        m_chunks.push_back(std::make_unique<char[]>(chunk));
        m_chunkSizes.push_back(chunk);
        m_used = 0;
    }
    if (size) std::memcpy(m_chunks.back().get() + m_used, bytes.data(), size);
    record.chunk = uint32_t(m_chunks.size() - 1);
    record.offset = uint32_t(m_used);
    record.size = uint32_t(size);
    record.type = 0;
    record.id = 0;
    m_used += size;
    m_records.push_back(record);
}

QByteArrayView FrameStore::bytes(size_t index) const
{
    const FrameRecord &r = m_records[index];
    return QByteArrayView(m_chunks[r.chunk].get() + r.offset, qsizetype(r.size));
}

uint32_t FrameStore::intern(const QString &name) const
{
    const auto it = m_nameIndex.constFind(name);
    if (it != m_nameIndex.constEnd()) return *it;
    m_names.push_back(name);
    m_nameIndex.insert(name, uint32_t(m_names.size() - 1));
    return uint32_t(m_names.size() - 1);
}

void FrameStore::dissect(const FrameRecord &record) const
{
    if (record.type) return;
    switch (record.kind) {
    case FrameKind::Opened:
        record.type = intern(QStringLiteral("open"));
        return;
    case FrameKind::Closed:
        record.type = intern(QStringLiteral("close"));
        return;
    case FrameKind::Binary:
        record.type = intern(QStringLiteral("(binary)"));
        return;
    case FrameKind::Text:
        break;
    }
    const protocol::FrameDissection d = protocol::dissectFrame(
        std::string_view(m_chunks[record.chunk].get() + record.offset, record.size));
    record.type = intern(QString::fromStdString(d.type));
    record.id = d.id.empty() ? 0 : intern(QString::fromStdString(d.id));
}

const QString &FrameStore::type(size_t index) const
{
    dissect(m_records[index]);
    return m_names[m_records[index].type];
}

const QString &FrameStore::operationId(size_t index) const
{
    dissect(m_records[index]);
    return m_names[m_records[index].id];
}

size_t FrameStore::memoryBytes() const
{
    size_t bytes = m_records.capacity() * sizeof(FrameRecord);
    for (size_t chunk : m_chunkSizes)
        bytes += chunk;
    return bytes;
}

} // namespace subscope::ui
