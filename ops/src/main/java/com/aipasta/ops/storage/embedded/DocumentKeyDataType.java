package com.aipasta.ops.storage.embedded;

import de.bwaldvogel.mongo.bson.ObjectId;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;

/**
 * How a collection's keys, its documents' {@code _id}s, are written to the file: an ObjectId (every event's) as its
 * twelve bytes behind a tag that {@link ObjectDataType} never writes, anything else as that type writes it. That type
 * wrote an ObjectId with Java serialization, an object stream and its class descriptor per key, at every commit for
 * every key of every page the commit changed, and read it back the same way whenever a page was read from the file.
 * Keys written that way by earlier versions are still read. Keys are ordered as that type orders them, so the pages of
 * a file written before keep their order.
 */
final class DocumentKeyDataType extends BasicDataType<Object> {

    /** Outside every tag of {@link ObjectDataType} and the one {@link DocumentDataType} writes. */
    private static final byte OBJECT_ID = 121;
    private static final int OBJECT_ID_BYTES = 12;
    /**
     * What an ObjectId key counts for in its page's memory, by which MVStore splits pages (at 16 KB): a page of events
     * holds one event. H2's type counted such a key at 10,000 bytes until it first wrote one and at its serialized size
     * after; counted at its own 48 bytes (four events a page), the embedded server's threads took more CPU and the
     * platform collected young garbage twice as often under load (README, "The embedded server's bookkeeping").
     */
    private static final int OBJECT_ID_MEMORY = 10_000;

    private final ObjectDataType others = new ObjectDataType();

    @Override
    public int compare(Object a, Object b) {
        if (a instanceof ObjectId first && b instanceof ObjectId second) {
            return first.compareTo(second);
        }
        if (a instanceof String first && b instanceof String second) {
            return first.compareTo(second);
        }
        return others.compare(a, b);
    }

    @Override
    public int getMemory(Object key) {
        return key instanceof ObjectId ? OBJECT_ID_MEMORY : others.getMemory(key);
    }

    @Override
    public void write(WriteBuffer buffer, Object key) {
        if (key instanceof ObjectId id) {
            buffer.put(OBJECT_ID).put(id.toByteArray());
        } else {
            others.write(buffer, key);
        }
    }

    @Override
    public Object read(ByteBuffer buffer) {
        if (buffer.get(buffer.position()) != OBJECT_ID) {
            return others.read(buffer);
        }
        buffer.get();
        byte[] id = new byte[OBJECT_ID_BYTES];
        buffer.get(id);
        return new ObjectId(id);
    }

    @Override
    public Object[] createStorage(int size) {
        return new Object[size];
    }
}
