#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QString>

#include <cstdint>
#include <memory>
#include <vector>

namespace subscope::ui {

enum class FrameDirection : uint8_t
{
    ClientToServer,
    ServerToClient,
};

enum class FrameKind : uint8_t
{
    Opened, // bytes: the peer (server side) or the URL (panel side)
    Text,
    Binary,
    Closed, // bytes: the close reason; closeCode set
};

// One recorded frame. Kept small (40 bytes): the inspector holds hundreds of thousands.
struct FrameRecord
{
    qint64 timeUs = 0; // since the epoch
    uint32_t chunk = 0;
    uint32_t offset = 0;
    uint32_t size = 0;
    uint32_t connection = 0; // index into the model's connections
    FrameDirection direction = FrameDirection::ClientToServer;
    FrameKind kind = FrameKind::Text;
    uint16_t closeCode = 0;
    // Read from the frame on first need (filtering, showing): indexes into the store's names.
    mutable uint32_t type = 0; // 0: not read yet
    mutable uint32_t id = 0;   // 0: none
};

// The inspector's frames: records in a vector, their bytes copied into large chunks (one
// allocation per 4 MiB instead of one per frame), their type and operation id read lazily and
// interned.
class FrameStore
{
public:
    FrameStore();

    // Copies `bytes`; the record's chunk, offset and size are set here.
    void append(FrameRecord record, QByteArrayView bytes);
    void clear();

    size_t size() const { return m_records.size(); }
    const FrameRecord &at(size_t index) const { return m_records[index]; }
    QByteArrayView bytes(size_t index) const;
    // The message type ("subscribe", "open", "close", "(binary)", ...) and operation id.
    const QString &type(size_t index) const;
    const QString &operationId(size_t index) const;
    // Bytes held: chunks and records (what the inspector costs).
    size_t memoryBytes() const;

private:
    void dissect(const FrameRecord &record) const;
    uint32_t intern(const QString &name) const;

    static constexpr size_t ChunkBytes = 4 * 1024 * 1024;
    std::vector<FrameRecord> m_records;
    std::vector<std::unique_ptr<char[]>> m_chunks;
    std::vector<size_t> m_chunkSizes;
    size_t m_used = 0;                    // in the last chunk
    mutable std::vector<QString> m_names; // [0] is ""
    mutable QHash<QString, uint32_t> m_nameIndex;
};

} // namespace subscope::ui
