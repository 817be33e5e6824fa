package dev.xtls.cli;

import java.io.Console;
import java.io.PrintStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/** "probing 12/38 ..." : rewritten in place on a terminal, one line per step otherwise (logs, pipes, tests). */
final class Progress {
    private final PrintStream out;
    private final boolean terminal;
    private final int total;
    private int done;

    Progress(PrintStream out, boolean terminal, int total) {
        this.out = out;
        this.terminal = terminal;
        this.total = total;
    }

    /** Standard output is a terminal: JDK 22+ says so with Console.isTerminal, before that a console exists. */
    static boolean onTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (boolean) MethodHandles.publicLookup()
                    .findVirtual(Console.class, "isTerminal", MethodType.methodType(boolean.class))
                    .invoke(console);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return true; // JDK 17-21: System.console() is null unless stdin and stdout are a terminal
        } catch (Throwable t) {
            return false;
        }
    }

    synchronized void step(String what) {
        done++;
        String line = "probing " + done + "/" + total + "  " + what;
        if (terminal) {
            out.print("\r" + String.format("%-100s", line));
            if (done == total) {
                out.println();
            }
        } else {
            out.println(line);
        }
        out.flush();
    }
}
