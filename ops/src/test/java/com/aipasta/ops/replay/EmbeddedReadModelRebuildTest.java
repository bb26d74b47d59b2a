package com.aipasta.ops.replay;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

class EmbeddedReadModelRebuildTest extends ReadModelRebuildContract {

    @Override
    protected List<String> databaseSettings() {
        return List.of();
    }

    @Override
    protected Map<String, String> cliEnvironment(Path dataDir) {
        return Map.of("DATA_DIR", dataDir.toString());
    }
}
