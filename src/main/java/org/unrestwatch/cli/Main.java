package org.unrestwatch.cli;

import java.io.PrintWriter;
import org.unrestwatch.app.DemoCommand;
import org.unrestwatch.app.EvaluateCommand;
import org.unrestwatch.app.GenerateCommand;
import org.unrestwatch.app.ReplayCommand;
import org.unrestwatch.app.RunCommand;
import org.unrestwatch.app.TopicAdmin;
import org.unrestwatch.bench.BenchCommand;
import org.unrestwatch.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code unrest} command line: demo, run, replay, generate, evaluate, bench. */
@Command(name = "unrest", mixinStandardHelpOptions = true, version = "unrest-detector 0.1.0",
        description = "Real-time unrest-signal detector on Kafka Streams.",
        subcommands = {DemoCommand.class, RunCommand.class, ReplayCommand.class, GenerateCommand.class, EvaluateCommand.class,
            BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    public static final int EXIT_CONFIG = 2;
    public static final int EXIT_KAFKA = 3;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Main());
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
        return cli.execute(args);
    }
}
