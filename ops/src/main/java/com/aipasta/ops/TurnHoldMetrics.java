package com.aipasta.ops;

import com.aipasta.command.chat.turn.TurnAdmission;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * The hold on new turns as metrics, so that an operator can graph when the platform runs at what its event processors
 * keep current: the lag it sees in time and in events against its limits, and the turns it held and refused.
 */
@Component
class TurnHoldMetrics implements MeterBinder {

    private final TurnAdmission admission;

    TurnHoldMetrics(TurnAdmission admission) {
        this.admission = admission;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("aipasta.turn.hold.lag", admission, hold -> hold.report().behindMillis() / 1000.0)
                .baseUnit("seconds")
                .description("How long the oldest event this node appended has waited for one of its processors")
                .register(registry);
        Gauge.builder("aipasta.turn.hold.lag.limit", admission, hold -> hold.report().limitMillis() / 1000.0)
                .baseUnit("seconds").description("READ_MODEL_MAX_LAG: new turns wait while the lag is above it")
                .register(registry);
        Gauge.builder("aipasta.turn.hold.events.behind", admission, hold -> hold.report().eventsBehind())
                .description("Events this node appended that its processor furthest behind has still to handle")
                .register(registry);
        Gauge.builder("aipasta.turn.hold.events.limit", admission, hold -> hold.report().eventLimit())
                .description("New turns wait while a processor has more events than this still to handle")
                .register(registry);
        FunctionCounter.builder("aipasta.turns.held", admission, hold -> hold.report().turnsHeld())
                .description("New turns that waited for the processors to catch up").register(registry);
        FunctionCounter.builder("aipasta.turns.refused", admission, hold -> hold.report().turnsRefused())
                .description("New turns refused 503 after waiting READ_MODEL_CATCH_UP_TIMEOUT").register(registry);
    }
}
