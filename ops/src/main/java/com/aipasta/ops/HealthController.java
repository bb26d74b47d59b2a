package com.aipasta.ops;

import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** Public health: 200 with the stores' report, or 503 with the same report when one does not answer. */
@RestController
public class HealthController {

    private final StoreHealth stores;

    public HealthController(StoreHealth stores) {
        this.stores = stores;
    }

    @GetMapping("/health")
    public StoreHealth.Report health() {
        StoreHealth.Report report = stores.check();
        if (!report.up()) {
            throw new DomainException(ErrorCode.SERVICE_UNAVAILABLE, "A store is not answering",
                    Map.of("eventStore", report.eventStore(), "readStore", report.readStore()));
        }
        return report;
    }
}
