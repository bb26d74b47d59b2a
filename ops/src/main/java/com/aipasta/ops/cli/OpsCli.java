package com.aipasta.ops.cli;

import com.aipasta.account.api.value.UserId;
import com.aipasta.command.auth.EmailRegistry;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.ops.PlatformApplication;
import com.aipasta.ops.audit.WalletAudit;
import com.aipasta.ops.audit.WalletEvents;
import com.aipasta.ops.audit.WalletHistory;
import com.aipasta.ops.projection.ParkedEvents;
import com.aipasta.ops.projection.Projections;
import com.aipasta.ops.storage.DatabaseProperties;
import com.aipasta.ops.storage.EmbeddedDatabase;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.h2.mvstore.MVStoreException;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import java.io.PrintStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * The ops CLI: replays, parked events, the wallet audit, balances as of an instant and event exports, run against the same
 * database the platform uses (the embedded one under {@code DATA_DIR}, or {@code MONGODB_URI}), and the embedded
 * database served on its own. Exit codes: 0 done, 1 the audit found mismatches, 2 bad usage, 3 the command failed.
 */
public final class OpsCli {

    static final int OK = 0;
    static final int MISMATCHES = 1;
    static final int USAGE = 2;
    static final int FAILED = 3;

    private static final Set<String> COMMANDS = Set.of("replay", "projections", "parked", "audit", "balance",
            "events", "export-user", "database", "help");
    static final int DATABASE_PORT = 27017;
    private static final Set<String> PARKED_ACTIONS = Set.of("list", "retry", "evict");

    static final String USAGE_TEXT = """
            usage: aipasta <command>
              replay <projection>|all [--url <platform url> --token <admin token>]
                                       rebuild read models from the event store, showing progress; with --url the
                                       running platform replays them while it keeps serving
              projections              list the read models with their status
              parked list [<projection>|all]
                                       the events read models parked after their handlers failed on them
              parked retry <projection>|all [--aggregate <id>]
                                       handle parked events again (after the cause is fixed)
              parked evict <projection> --aggregate <id> [--event <event id>]
                                       drop an aggregate's parked events, or one of them, from a read model
              audit wallets            fold every wallet's events and compare them with the wallet projection
                                       and ledger; exits 1 if anything differs
              balance <user id|e-mail> --as-of <ISO instant> [--json]
                                       the balance and ledger at that instant, from the events alone
              events --aggregate <id>  one aggregate's events as JSON lines
              export-user <user id|e-mail>
                                       every event of the user's account, wallet, sessions and orders as JSON lines
              database [--port <port>] serve the embedded database (DATA_DIR) on its own on 127.0.0.1, port 27017
                                       unless given, until stopped, for several platform nodes to share through
                                       MONGODB_URI=mongodb://127.0.0.1:<port>/aipasta
            """;

    private final PrintStream out;
    private final PrintStream err;

    OpsCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** The platform's own arguments are Spring properties ({@code --name=value}); anything else is a command. */
    public static boolean handles(String[] args) {
        return args.length > 0 && !args[0].startsWith("-");
    }

    public static int run(String[] args) {
        return new OpsCli(System.out, System.err).execute(args);
    }

    int execute(String[] args) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
            arguments.validate();
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.print(USAGE_TEXT);
            return USAGE;
        }
        if (arguments.command().equals("help")) {
            out.print(USAGE_TEXT);
            return OK;
        }
        if (arguments.command().equals("database")) {
            return serveDatabase(arguments);
        }
        if (arguments.command().equals("replay") && arguments.option("url") != null) {
            return new RemoteReplay(arguments.option("url"), arguments.option("token"), out, err)
                    .replay(arguments.positional(0));
        }
        try (ConfigurableApplicationContext context = start()) {
            return execute(arguments, context);
        } catch (DomainException e) {
            err.println(e.getMessage());
            if (e.code() == ErrorCode.CONFLICT && arguments.command().equals("replay")) {
                err.println("A running platform holds the projections: ask it to replay them with "
                        + "--url http://localhost:8080 --token <an administrator's token>.");
            }
            return FAILED;
        } catch (RuntimeException e) {
            err.println("Failed: " + rootMessage(e));
            return FAILED;
        }
    }

    private int execute(Arguments arguments, ConfigurableApplicationContext context) {
        return switch (arguments.command()) {
            case "replay" -> new ReplayProgress(context.getBean(Projections.class), out)
                    .replayAndWait(arguments.positional(0));
            case "projections" -> {
                context.getBean(Projections.class).statuses().forEach(status -> out.printf("%-16s %-12s %s%n",
                        status.name(), status.status(), status.position() == null ? "-" : status.position()));
                yield OK;
            }
            case "parked" -> parked(context.getBean(ParkedEvents.class), arguments);
            case "audit" -> audit(context.getBean(WalletAudit.class));
            case "balance" -> balance(context, arguments);
            case "events" -> {
                context.getBean(EventExport.class).aggregate(arguments.option("aggregate"), out);
                yield OK;
            }
            case "export-user" -> {
                context.getBean(EventExport.class).user(user(context, arguments.positional(0)), out);
                yield OK;
            }
            default -> throw new IllegalStateException(arguments.command());
        };
    }

    private int parked(ParkedEvents parked, Arguments arguments) {
        String action = arguments.positional(0);
        String projection = arguments.positionals().size() > 1 ? arguments.positional(1) : Projections.ALL;
        switch (action) {
            case "list" -> {
                List<ParkedEvents.Parked> events = parked.list(projection);
                events.forEach(event -> out.printf("%-16s %-40s %6s %-28s %-36s %s%n", event.projection(),
                        event.aggregateId(), event.sequence(), event.eventType(), event.eventId(), event.cause()));
                out.printf("%d parked events%n", events.size());
            }
            case "retry" -> {
                ParkedEvents.Retried retried = parked.retry(projection,
                        Optional.ofNullable(arguments.option("aggregate")));
                out.printf("%d sequences handled, %d events still parked%n", retried.sequencesHandled(),
                        retried.stillParked());
            }
            default -> out.printf("%d events evicted%n", parked.evict(projection, arguments.option("aggregate"),
                    Optional.ofNullable(arguments.option("event"))));
        }
        return OK;
    }

    private int audit(WalletAudit audit) {
        WalletAudit.Report report = audit.auditWallets();
        report.mismatches().forEach(mismatch -> out.printf("MISMATCH %s (user %s) %s: events say %s, projection "
                        + "has %s%n", mismatch.walletId(), mismatch.ownerId(), mismatch.field(), mismatch.fromEvents(),
                mismatch.projected()));
        out.printf("%d wallets audited, %d with mismatches%n", report.walletsChecked(), report.walletsMismatched());
        return report.clean() ? OK : MISMATCHES;
    }

    private int balance(ConfigurableApplicationContext context, Arguments arguments) {
        UserId user = user(context, arguments.positional(0));
        Instant asOf = Instant.parse(arguments.option("as-of"));
        WalletHistory history = context.getBean(WalletEvents.class).historyAsOf(user, asOf);
        WalletHistory.Balance balance = history.balance();
        if (arguments.flag("json")) {
            Map<String, Object> document = new HashMap<>();
            document.put("userId", user.value());
            document.put("asOf", asOf);
            document.put("balance", balance);
            document.put("ledger", history.ledger());
            try {
                out.println(context.getBean(ObjectMapper.class).writeValueAsString(document));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            return OK;
        }
        out.printf("user %s as of %s%n", user.value(), asOf);
        out.printf("balance %d (free %d, purchased %d), reserved %d, used %d, events up to sequence %d%n",
                balance.balance(), balance.freeTokens(), balance.purchasedTokens(), balance.reserved(),
                balance.usedTokens(), balance.lastSequence());
        out.printf("%-8s %-27s %-10s %12s %14s  %s%n", "sequence", "time", "type", "amount", "balanceAfter",
                "reference");
        history.ledger().forEach(line -> out.printf("%-8d %-27s %-10s %12d %14d  %s%n", line.sequence(),
                line.time(), line.type(), line.amount(), line.balanceAfter(), line.reference()));
        return OK;
    }

    /** A user id, or an e-mail address looked up in the e-mail registry. */
    private static UserId user(ConfigurableApplicationContext context, String idOrEmail) {
        if (idOrEmail.contains("@")) {
            return context.getBean(EmailRegistry.class).ownerOf(idOrEmail.strip().toLowerCase(Locale.ROOT))
                    .orElseThrow(() -> new IllegalArgumentException("No user with the e-mail " + idOrEmail));
        }
        return new UserId(idOrEmail);
    }

    /** Serves the embedded database until the process is stopped (or, in this JVM, the thread interrupted). */
    private int serveDatabase(Arguments arguments) {
        int port = arguments.option("port") == null ? DATABASE_PORT : Integer.parseInt(arguments.option("port"));
        EmbeddedDatabase database;
        try {
            DatabaseProperties properties;
            try (ConfigurableApplicationContext settings = new SpringApplicationBuilder(DatabaseSettings.class)
                    .web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).logStartupInfo(false).run()) {
                properties = settings.getBean(DatabaseProperties.class);
            }
            if (!properties.embedded()) {
                err.println("MONGODB_URI is set: there is a database already, and no embedded one to serve.");
                return USAGE;
            }
            database = EmbeddedDatabase.serve(properties, port);
        } catch (MVStoreException inUse) {
            err.println("The embedded database is in use by another process: " + rootMessage(inUse));
            return FAILED;
        } catch (RuntimeException e) {
            err.println("Failed: " + rootMessage(e));
            return FAILED;
        }
        out.println("Serving the embedded database on " + database.host() + ": start platform nodes with "
                + "MONGODB_URI=mongodb://" + database.host() + "/aipasta. Stop with Ctrl-C.");
        Thread closeOnExit = new Thread(database::close);
        Runtime.getRuntime().addShutdownHook(closeOnExit);
        boolean interrupted = false;
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException stop) {
            interrupted = true;
        }
        Runtime.getRuntime().removeShutdownHook(closeOnExit);
        database.close();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return OK;
    }

    /** What the {@code database} command needs: the database settings, bound as the platform binds them. */
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(DatabaseProperties.class)
    static class DatabaseSettings {
    }

    private static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(PlatformApplication.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties(Map.of(
                        "aipasta.events.processors-auto-start", "false",
                        "aipasta.scheduling.enabled", "false",
                        "logging.level.root", "OFF"))
                .run();
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    /** The command, its positional arguments and its {@code --name value} options. */
    record Arguments(String command, List<String> positionals, Map<String, String> options) {

        private static final Set<String> FLAGS = Set.of("json");

        static Arguments parse(String[] args) {
            if (args.length == 0) {
                throw new IllegalArgumentException("Name a command.");
            }
            if (!COMMANDS.contains(args[0])) {
                throw new IllegalArgumentException("Unknown command: " + args[0]);
            }
            List<String> positionals = new ArrayList<>();
            Map<String, String> options = new HashMap<>();
            for (int i = 1; i < args.length; i++) {
                if (args[i].startsWith("--")) {
                    String name = args[i].substring(2);
                    int equals = name.indexOf('=');
                    if (equals >= 0) {
                        options.put(name.substring(0, equals), name.substring(equals + 1));
                    } else if (FLAGS.contains(name)) {
                        options.put(name, "true");
                    } else if (i + 1 < args.length) {
                        options.put(name, args[++i]);
                    } else {
                        throw new IllegalArgumentException("--" + name + " needs a value.");
                    }
                } else {
                    positionals.add(args[i]);
                }
            }
            return new Arguments(args[0], positionals, options);
        }

        void validate() {
            switch (command) {
                case "replay", "export-user" -> requirePositionals(1);
                case "audit" -> {
                    requirePositionals(1);
                    if (!positionals.get(0).equals("wallets")) {
                        throw new IllegalArgumentException("Only 'audit wallets' is known.");
                    }
                }
                case "balance" -> {
                    requirePositionals(1);
                    requireOption("as-of");
                    try {
                        Instant.parse(options.get("as-of"));
                    } catch (DateTimeParseException e) {
                        throw new IllegalArgumentException("--as-of must be an ISO instant such as "
                                + "2026-11-23T12:00:00Z.");
                    }
                }
                case "events" -> requireOption("aggregate");
                case "database" -> {
                    requirePositionals(0);
                    String port = options.get("port");
                    if (port != null && (!port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535)) {
                        throw new IllegalArgumentException("--port must be a port number, 0 for any free one.");
                    }
                }
                case "parked" -> {
                    if (positionals.isEmpty() || !PARKED_ACTIONS.contains(positionals.get(0))
                            || positionals.size() > 2) {
                        throw new IllegalArgumentException("'parked' takes list, retry or evict, then a projection.");
                    }
                    if (positionals.get(0).equals("evict")) {
                        requirePositionals(2);
                        requireOption("aggregate");
                    }
                    if (positionals.get(0).equals("retry")) {
                        requirePositionals(2);
                    }
                }
                default -> requirePositionals(0);
            }
        }

        String positional(int index) {
            return positionals.get(index);
        }

        String option(String name) {
            return options.get(name);
        }

        boolean flag(String name) {
            return "true".equals(options.get(name));
        }

        private void requirePositionals(int count) {
            if (positionals.size() != count) {
                throw new IllegalArgumentException("'" + command + "' takes " + count + " argument"
                        + (count == 1 ? "" : "s") + ", not " + positionals.size() + ".");
            }
        }

        private void requireOption(String name) {
            if (options.get(name) == null) {
                throw new IllegalArgumentException("'" + command + "' needs --" + name + ".");
            }
        }
    }
}
