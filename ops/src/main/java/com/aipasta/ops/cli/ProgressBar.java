package com.aipasta.ops.cli;

import java.io.PrintStream;
import java.util.List;

/** Draws replay progress: in place on a terminal, one line per projection and report elsewhere. */
final class ProgressBar {

    private static final int WIDTH = 30;

    record Line(String name, String status, long done, long total, double percent, double eventsPerSecond,
                Long etaSeconds) {
    }

    private final PrintStream out;
    private final boolean terminal = System.console() != null;
    private int drawn;

    ProgressBar(PrintStream out) {
        this.out = out;
    }

    void draw(List<Line> lines) {
        if (terminal && drawn > 0) {
            out.printf("\033[%dA", drawn);
        }
        lines.forEach(line -> out.println((terminal ? "\033[2K" : "") + format(line)));
        drawn = lines.size();
        out.flush();
    }

    static String format(Line line) {
        int filled = line.total() == 0 ? WIDTH : (int) Math.min(WIDTH, WIDTH * line.done() / line.total());
        return String.format("%-16s [%s%s] %,d/%,d events %5.1f%% %,.0f events/s ETA %s  %s", line.name(),
                "#".repeat(filled), "-".repeat(WIDTH - filled), line.done(), line.total(), line.percent(),
                line.eventsPerSecond(), line.etaSeconds() == null ? "?" : line.etaSeconds() + "s", line.status());
    }
}
