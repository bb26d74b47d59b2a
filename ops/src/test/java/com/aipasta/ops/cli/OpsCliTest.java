package com.aipasta.ops.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the CLI answers before it opens any database. */
class OpsCliTest {

    private static final Map<String, String> NOWHERE = Map.of("DATA_DIR", Path.of("target", "no-data").toString());

    @Test
    void aCommandRunsTheCliAndSpringArgumentsRunThePlatform() {
        assertThat(OpsCli.handles(new String[]{"audit", "wallets"})).isTrue();
        assertThat(OpsCli.handles(new String[]{"bogus"})).isTrue();
        assertThat(OpsCli.handles(new String[]{"--server.port=0"})).isFalse();
        assertThat(OpsCli.handles(new String[0])).isFalse();
    }

    @Test
    void badUsageExitsWithTwoAndSaysWhy() {
        CliRunner.Result unknown = CliRunner.run(NOWHERE, "bogus");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unknown command: bogus").contains("usage: aipasta");
        assertThat(CliRunner.run(NOWHERE, "audit", "orders").err()).contains("Only 'audit wallets'");
        assertThat(CliRunner.run(NOWHERE, "balance", "someone").err()).contains("needs --as-of");
        assertThat(CliRunner.run(NOWHERE, "events").exitCode()).isEqualTo(2);
        assertThat(CliRunner.run(NOWHERE, "replay").exitCode()).isEqualTo(2);
        assertThat(CliRunner.run(NOWHERE, "parked").exitCode()).isEqualTo(2);
        assertThat(CliRunner.run(NOWHERE, "parked", "evict", "user-accounts").err()).contains("needs --aggregate");
        assertThat(CliRunner.run(NOWHERE, "parked", "retry").exitCode()).isEqualTo(2);
    }

    @Test
    void helpPrintsTheCommands() {
        CliRunner.Result help = CliRunner.run(NOWHERE, "help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("replay <projection>|all", "audit wallets", "balance", "export-user");
    }
}
