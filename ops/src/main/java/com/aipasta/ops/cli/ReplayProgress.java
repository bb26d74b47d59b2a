package com.aipasta.ops.cli;

import com.aipasta.ops.projection.Projections;

import java.io.PrintStream;
import java.util.List;

/** Replays read models in this process and shows their progress until every one is live again. */
final class ReplayProgress {

    private static final long REFRESH_MILLIS = 1_000;

    private final Projections projections;
    private final PrintStream out;

    ReplayProgress(Projections projections, PrintStream out) {
        this.projections = projections;
        this.out = out;
    }

    int replayAndWait(String name) {
        List<String> names = projections.resolve(name);
        projections.replay(name);
        ProgressBar bar = new ProgressBar(out);
        long started = System.nanoTime();
        while (true) {
            List<Projections.Status> statuses = names.stream().map(projections::status).toList();
            bar.draw(statuses.stream().map(ReplayProgress::line).toList());
            if (statuses.stream().anyMatch(status -> status.error() != null)) {
                statuses.stream().filter(status -> status.error() != null)
                        .forEach(status -> out.println(status.name() + " failed: " + status.error()));
                return OpsCli.FAILED;
            }
            if (statuses.stream().noneMatch(Projections.Status::rebuilding)) {
                out.printf("Replayed %d projection%s in %.1f s%n", names.size(), names.size() == 1 ? "" : "s",
                        (System.nanoTime() - started) / 1e9);
                return OpsCli.OK;
            }
            try {
                Thread.sleep(REFRESH_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return OpsCli.FAILED;
            }
        }
    }

    private static ProgressBar.Line line(Projections.Status status) {
        Projections.Progress progress = status.progress();
        return new ProgressBar.Line(status.name(), status.status(), progress.eventsDone(), progress.eventsTotal(),
                progress.percent(), progress.eventsPerSecond(), progress.etaSeconds());
    }
}
