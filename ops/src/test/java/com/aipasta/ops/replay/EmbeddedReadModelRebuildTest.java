package com.aipasta.ops.replay;

import com.aipasta.ops.storage.QueryRecorder;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedReadModelRebuildTest extends ReadModelRebuildContract {

    @Override
    protected List<String> databaseSettings() {
        return List.of();
    }

    @Override
    protected Map<String, String> cliEnvironment(Path dataDir) {
        return Map.of("DATA_DIR", dataDir.toString());
    }

    /**
     * A tracking read excludes the ids of the events its token has seen in its look-back window; the embedded server
     * plans it on the index that holds those ids, whose entries rule the seen events out without reading them.
     */
    @Test
    @Order(0)
    void trackingReadsArePlannedOnTheIndexHoldingTheEventIds() {
        List<QueryRecorder.Explained> trackingReads = explainRecordedQueries().stream()
                .filter(read -> read.collection().equals("domainevents") && read.command().toJson().contains("$nin"))
                .toList();

        assertThat(trackingReads).isNotEmpty()
                .allSatisfy(read -> assertThat(read.plan()).contains("\"indexName\": \"eventStreamWithIds\""));
    }
}
