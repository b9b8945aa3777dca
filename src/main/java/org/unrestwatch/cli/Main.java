package org.unrestwatch.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import org.unrestwatch.app.DemoCommand;
import org.unrestwatch.app.EvaluateCommand;
import org.unrestwatch.app.GenerateCommand;
import org.unrestwatch.app.WatchCommand;
import org.unrestwatch.app.ReplayCommand;
import org.unrestwatch.app.RunCommand;
import org.unrestwatch.app.TopicAdmin;
import org.unrestwatch.bench.BenchCommand;
import org.unrestwatch.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParseResult;

/** The {@code unrest} command line: demo, run, replay, generate, evaluate, bench. */
@Command(name = "unrest", mixinStandardHelpOptions = true, version = "unrest-detector 0.1.0",
        description = {"Real-time unrest-signal detector on Kafka Streams.",
            "In usage lines, 'unrest' stands for: java -jar target/unrest-detector.jar"},
        subcommands = {DemoCommand.class, org.unrestwatch.app.BrokerCommand.class, RunCommand.class, WatchCommand.class, org.unrestwatch.app.RulesCommand.class, ReplayCommand.class, GenerateCommand.class, EvaluateCommand.class,
            BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    public static final int EXIT_CONFIG = 2;
    public static final int EXIT_KAFKA = 3;
    /** {@code demo} or {@code bench} on a class path without the embedded broker (target/runtime-lib, the image). */
    public static final int EXIT_NO_BROKER = 4;

    /** The commands that start the embedded broker (org.unrestwatch.app.EmbeddedKafka). */
    private static final Set<String> NEEDS_BROKER = Set.of("demo", "bench", "broker");
    /** What EmbeddedKafka uses from kafka_2.13 (which needs Scala, kafka-server, kafka-raft ...). */
    private static final List<String> BROKER_CLASSES = List.of("kafka.server.KafkaRaftServer", "kafka.server.KafkaConfig",
            "kafka.tools.StorageTool");

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (e instanceof ConfigException) {
                err.println("configuration error: " + e.getMessage());
                return EXIT_CONFIG;
            }
            if (e instanceof TopicAdmin.KafkaUnavailable) {
                err.println("kafka error: " + e.getMessage());
                return EXIT_KAFKA;
            }
            // Anything else: the message chain, not a stack trace (set UNREST_LOG_LEVEL=DEBUG for that).
            StringBuilder why = new StringBuilder("error: ").append(e.getMessage());
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                why.append("\n  caused by: ").append(c.getMessage());
            }
            err.println(why);
            if ("DEBUG".equalsIgnoreCase(System.getenv("UNREST_LOG_LEVEL"))) {
                e.printStackTrace(err);
            }
            return 1;
        });
        cli.setExecutionStrategy(parseResult -> {
            ParseResult command = parseResult.subcommand();
            if (command != null && NEEDS_BROKER.contains(command.commandSpec().name()) && !command.isUsageHelpRequested()
                    && !command.isVersionHelpRequested() && !brokerOnClassPath()) {
                // One line instead of a NoClassDefFoundError: the runtime-only class path has no broker.
                String name = command.commandSpec().name();
                cli.getErr().println(name + " needs the embedded broker: use the full build's target/lib (java -jar"
                        + " target/unrest-detector.jar " + name + " in the build directory); this class path has only the"
                        + " runtime dependencies (target/runtime-lib, /app/lib in the container image)");
                return EXIT_NO_BROKER;
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        return cli.execute(args);
    }

    /** Whether the embedded broker's classes can be loaded (they are not initialised). */
    public static boolean brokerOnClassPath() {
        ClassLoader loader = Main.class.getClassLoader();
        for (String name : BROKER_CLASSES) {
            try {
                Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        }
        return true;
    }
}
