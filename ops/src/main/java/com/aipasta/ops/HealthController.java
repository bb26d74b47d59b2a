package com.aipasta.ops;

import com.aipasta.command.auth.EmailProperties;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.ops.projection.ParkedEvents;
import com.aipasta.ops.projection.Projections;
import com.aipasta.projections.payment.PlanProjection;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Public health: 200 with the stores' report, or 503 with the same report when one does not answer, and 503 while the
 * plans seeded at start-up cannot be read yet (unless the plans are being rebuilt). While read models are rebuilt,
 * {@code rebuilding} names them: their reads answer from what is rebuilt so far. {@code status} is {@code degraded}
 * while read models hold parked events ({@code parked} counts them) or event processors have stopped on a failure
 * ({@code stopped} names them with the failure): the platform serves, but some changes do not show. {@code email}
 * says whether one-time passwords are sent by e-mail.
 */
@RestController
public class HealthController {

    public record Health(String status, StoreHealth.StoreStatus eventStore, StoreHealth.StoreStatus readStore,
                         List<String> rebuilding, long parked, Map<String, String> stopped, EmailFeature email,
                         Instant time) {
    }

    /** Whether codes are sent by e-mail ({@code on}, or {@code off} without {@code SMTP_HOST}), and chat needs one. */
    public record EmailFeature(String status, boolean verificationRequired, String note) {
    }

    private final StoreHealth stores;
    private final Projections projections;
    private final ParkedEvents parkedEvents;
    private final SeededPlans seededPlans;
    private final EmailFeature email;

    public HealthController(StoreHealth stores, Projections projections, ParkedEvents parkedEvents,
                            SeededPlans seededPlans, EmailProperties emailProperties) {
        this.stores = stores;
        this.projections = projections;
        this.parkedEvents = parkedEvents;
        this.seededPlans = seededPlans;
        this.email = emailProperties.enabled()
                ? new EmailFeature("on", emailProperties.verificationRequired(), null)
                : new EmailFeature("off", false,
                "SMTP_HOST is not set: e-mail verification and password reset answer 503 EMAIL_DISABLED");
    }

    @GetMapping("/health")
    public Health health() {
        StoreHealth.Report report = stores.check();
        if (!report.up()) {
            throw new DomainException(ErrorCode.SERVICE_UNAVAILABLE, "A store is not answering",
                    Map.of("eventStore", report.eventStore(), "readStore", report.readStore()));
        }
        if (!projections.isRebuilding(PlanProjection.NAME) && !seededPlans.readable()) {
            throw new DomainException(ErrorCode.SERVICE_UNAVAILABLE, "Starting: the seeded plans are not readable yet");
        }
        List<String> rebuilding = Projections.names().stream().filter(projections::isRebuilding).toList();
        long parked = parkedEvents.count();
        Map<String, String> stopped = projections.stoppedProcessors();
        String status = parked > 0 || !stopped.isEmpty() ? "degraded" : report.status();
        return new Health(status, report.eventStore(), report.readStore(), rebuilding, parked, stopped, email,
                report.time());
    }
}
