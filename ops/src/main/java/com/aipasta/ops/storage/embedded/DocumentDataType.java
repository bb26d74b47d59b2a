package com.aipasta.ops.storage.embedded;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * How a collection's documents are written to the file: as BSON, the server's own encoding, behind a tag that
 * {@link ObjectDataType} never writes. H2's default type wrote each document with Java serialization, a new object
 * stream and its class descriptors per document, and each commit rewrites every document of every page it changed, so
 * that was most of a commit's time, during which no command can change anything. Documents written that way by
 * earlier versions are still read (and written as BSON when their page is next written).
 * <p>
 * Each collection has its own, since it estimates the memory a document takes from the size of those it wrote and
 * read last, for the cache of pages: one shared by all collections counted every event at the size of the tracking
 * tokens written between them, hundreds of kilobytes, and the cache then held a few thousand documents.
 */
final class DocumentDataType extends BasicDataType<Document> {

    /** Outside every tag of {@link ObjectDataType}, whose own tags are 0 to 19, 32 to 49 and 64 to 119. */
    private static final byte BSON = 120;
    /** A decoded document takes several times its BSON in memory, as the pages held in the cache count it. */
    private static final int MEMORY_PER_BSON_BYTE = 4;

    private final ObjectDataType javaSerialized = new ObjectDataType();
    private volatile int averageMemory = 1_000;

    DocumentDataType() {
    }

    @Override
    public int getMemory(Document document) {
        return averageMemory;
    }

    /**
     * A document holding a value BSON has no type for (none the server stores, but a commit that failed on one would
     * never write the file again) is written as before, by Java serialization.
     */
    @Override
    public void write(WriteBuffer buffer, Document document) {
        ByteBuf bson;
        try {
            bson = BsonScratch.encode(document);
        } catch (IllegalArgumentException notBson) {
            javaSerialized.write(buffer, document);
            return;
        }
        int length = bson.readableBytes();
        remember(length);
        buffer.put(BSON).put(bson.array(), bson.arrayOffset() + bson.readerIndex(), length);
    }

    @Override
    public Document read(ByteBuffer buffer) {
        if (buffer.get(buffer.position()) != BSON) {
            return (Document) javaSerialized.read(buffer);
        }
        buffer.get();
        int length = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt();
        remember(length);
        ByteBuffer bson = buffer.slice();
        bson.limit(length);
        buffer.position(buffer.position() + length);
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
    }

    private void remember(int bsonLength) {
        averageMemory = (bsonLength * MEMORY_PER_BSON_BYTE + 15 * averageMemory) / 16;
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }
}
