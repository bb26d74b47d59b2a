package com.aipasta.ops.storage.embedded;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Documents encoded as BSON only to be copied or measured, in a buffer each thread keeps from one to the next. A new
 * buffer for each, grown by doubling and copying, was a fifth of everything the platform allocated under load, most
 * of it the server measuring each tracking token it updated (hundreds of kilobytes) before and after.
 */
final class BsonScratch {

    private static final int INITIAL_CAPACITY = 64 * 1024;
    /** A buffer grown past this by a large document is let go at the thread's next encoding. */
    private static final int KEPT_CAPACITY = 1 << 20;
    private static final ThreadLocal<ByteBuf> BUFFER = ThreadLocal.withInitial(() -> Unpooled.buffer(INITIAL_CAPACITY));

    private BsonScratch() {
    }

    /**
     * The document's BSON, valid until this thread's next encoding; an {@link IllegalArgumentException} if it holds
     * a value BSON has no type for.
     */
    static ByteBuf encode(Document document) {
        ByteBuf buffer = BUFFER.get();
        if (buffer.capacity() > KEPT_CAPACITY) {
            buffer = Unpooled.buffer(INITIAL_CAPACITY);
            BUFFER.set(buffer);
        }
        BsonEncoder.encodeDocument(document, buffer.clear());
        return buffer;
    }

    /** The document's size in BSON, as {@code collStats} counts it. */
    static int size(Document document) {
        return encode(document).readableBytes();
    }
}
