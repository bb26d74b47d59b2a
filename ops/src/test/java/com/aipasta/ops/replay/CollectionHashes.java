package com.aipasta.ops.replay;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A SHA-256 of every read-model collection that holds documents: its documents, each with its keys sorted, in sorted
 * order. An empty collection counts as absent, since both hold the same documents.
 */
public final class CollectionHashes {

    /** Documents per reply: the embedded server, unlike MongoDB, puts a whole collection in one reply otherwise. */
    private static final int READ_BATCH = 1_000;
    private static final Set<String> EVENT_STORE = Set.of("domainevents", "snapshotevents", "trackingtokens");

    private CollectionHashes() {
    }

    public static Map<String, String> of(MongoTemplate mongo) {
        Map<String, String> hashes = new TreeMap<>();
        for (String collection : mongo.getCollectionNames()) {
            if (EVENT_STORE.contains(collection)) {
                continue;
            }
            List<Document> documents = mongo.find(new Query().cursorBatchSize(READ_BATCH), Document.class, collection);
            if (!documents.isEmpty()) {
                hashes.put(collection, hash(documents));
            }
        }
        return hashes;
    }

    private static String hash(List<Document> documents) {
        MessageDigest digest = sha256();
        documents.stream()
                .map(document -> canonical(document).toString())
                .sorted()
                .forEach(text -> digest.update((text + "\n").getBytes(StandardCharsets.UTF_8)));
        return documents.size() + ":" + HexFormat.of().formatHex(digest.digest());
    }

    private static Object canonical(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((key, inner) -> sorted.put(String.valueOf(key), canonical(inner)));
            return sorted;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(CollectionHashes::canonical).toList();
        }
        return value;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
